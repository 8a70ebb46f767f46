/// Every rule netconv reports, in the order `netconv explain --list` shows
/// them. Ids are part of the CLI contract.
public enum RuleCatalogue {
    public static let all: [Rule] = [
        DefaultRouteRule.rule,
        NetmaskPrefixMismatchRule.rule,
        NetmaskNoncontiguousRule.rule,
        ReaderRules.prefixOutOfRange,
        ReaderRules.invalidAddress,
        GatewayNotOnLinkRule.rule,
        AddressIsNetworkOrBroadcastRule.rule,
        UndefinedReferenceRule.rule,
        InterfaceDefinedTwiceRule.rule,
        PortHasIPConfigRule.rule,
        ReaderRules.missingPrefix,
        ReaderRules.invalidValue,
        ReaderRules.missingKey,
        ReaderRules.ignoredSetting,
        ReaderRules.duplicateKey,
        ReaderRules.syntaxError,
        FileRules.keyfilePermissions,
        FileRules.filePermissions,
        FileRules.deprecatedKey,
        WriterRules.unsupportedKey,
        WriterRules.unsupportedKind,
        DuplicateAddressRule.rule,
        OverlappingSubnetsRule.rule,
        DuplicateRouteRule.rule,
        RouteGatewayUnreachableRule.rule,
        GatewayIsOwnAddressRule.rule,
        StaticWithoutAddressRule.rule,
        DHCPWithStaticGatewayRule.rule,
        DNSServerInvalidRule.rule,
        SearchDomainInvalidRule.rule,
    ]

    private static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func rule(_ id: String) -> Rule? { byID[id] }
}
