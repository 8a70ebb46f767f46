import NetModel

extension TunnelDraft: EmptyDefault {
    static var emptyDefault: TunnelDraft { TunnelDraft() }
}
