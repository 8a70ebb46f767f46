/// An enumeration whose cases are the kernel's names for a setting, in the
/// kernel's numeric order, so `init(nameOrNumber:)` accepts both spellings
/// ("802.3ad" or "4") the way the kernel's sysfs files and NetworkManager do.
public protocol KernelEnum: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String, AllCases == [Self] {}

extension KernelEnum {
    public init?(nameOrNumber text: String) {
        if let named = Self(rawValue: text) {
            self = named
        } else if let number = Int(text), number >= 0, number < Self.allCases.count,
            text.allSatisfy(\.isNumber)
        {
            self = Self.allCases[number]
        } else {
            return nil
        }
    }

    /// The kernel's numeric value.
    public var number: Int { Self.allCases.firstIndex(of: self)! }
}
