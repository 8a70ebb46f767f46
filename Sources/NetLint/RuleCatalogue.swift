/// Every rule netconv reports, in the order `netconv explain --list` shows
/// them. Ids are part of the CLI contract.
public enum RuleCatalogue {
    public static let all: [Rule] = [
        // Routes and gateways: what takes a host off the network first.
        DefaultRouteRule.rule,
        GatewayNotOnLinkRule.rule,
        RouteGatewayUnreachableRule.rule,
        GatewayIsOwnAddressRule.rule,
        DHCPWithStaticGatewayRule.rule,
        DuplicateRouteRule.rule,
        // Addresses, prefixes and DNS.
        NetmaskPrefixMismatchRule.rule,
        NetmaskNoncontiguousRule.rule,
        ReaderRules.prefixOutOfRange,
        ReaderRules.invalidAddress,
        ReaderRules.missingPrefix,
        AddressIsNetworkOrBroadcastRule.rule,
        DuplicateAddressRule.rule,
        OverlappingSubnetsRule.rule,
        StaticWithoutAddressRule.rule,
        DNSServerInvalidRule.rule,
        SearchDomainInvalidRule.rule,
        // Interfaces and how they hang together.
        UndefinedReferenceRule.rule,
        InterfaceDefinedTwiceRule.rule,
        PortClaimedTwiceRule.rule,
        ControllerCycleRule.rule,
        PortTypeMismatchRule.rule,
        PortHasIPConfigRule.rule,
        LinkIdentityRules.interfaceNameInvalid,
        LinkIdentityRules.vlanIDOutOfRange,
        MTUTooSmallForIPv6Rule.rule,
        MTUExceedsParentRule.rule,
        VLANOnPortRule.rule,
        // Bonds and bridges.
        BondOptionInvalidRule.rule,
        BondWithoutLinkMonitoringRule.rule,
        BridgeSTPTimerRule.rule,
        // Virtual links.
        VethPeerMismatchRule.rule,
        VXLANIDOutOfRangeRule.rule,
        VXLANOptionRule.rule,
        MACVLANOnPortRule.rule,
        NotStartedAtBootRule.rule,
        // Profiles and files.
        DuplicateUUIDRule.rule,
        ProfileFileRules.uuidInvalid,
        DuplicateProfileNameRule.rule,
        FileNameMismatchRule.rule,
        ProfileFileRules.unknownKey,
        ProfileFileRules.shellSyntaxInIfcfg,
        ProfileFileRules.secretInWorldReadableFile,
        FileRules.keyfilePermissions,
        FileRules.filePermissions,
        FileRules.deprecatedKey,
        // What readers find in any key.
        ReaderRules.invalidValue,
        ReaderRules.missingKey,
        ReaderRules.ignoredSetting,
        ReaderRules.duplicateKey,
        ReaderRules.syntaxError,
        SchemaRules.schemaInvalid,
        SchemaRules.schemaUnavailable,
        // What a conversion cannot carry.
        WriterRules.unsupportedKey,
        WriterRules.unsupportedKind,
    ]

    private static let byID: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })

    public static func rule(_ id: String) -> Rule? { byID[id] }

    public static let ids: Set<String> = Set(all.map(\.id))
}
