import NetModel
import XMLSupport

/// `<bridge>`, `<bond>` and `<vlan>`, and the ports nested in the first two.
extension DocumentReader {
    mutating func readBridge(_ element: XMLElement) -> (BridgeOptions, [XMLElement]) {
        var options = BridgeOptions()
        guard let bridge = element.firstElement(named: "bridge") else {
            report("missing-key", .error, "a bridge needs a <bridge> element", at: positions.location(of: element))
            return (options, [])
        }
        if let stp = bridge.attribute("stp") {
            let location = positions.location(of: "stp", in: bridge)
            switch stp {
            case "on": (options.stp, options.$stp) = (true, location)
            case "off": (options.stp, options.$stp) = (false, location)
            default: report("invalid-value", .error, "stp '\(stp)' is not on or off", at: location)
            }
        }
        if let delay = bridge.attribute("delay") {
            let location = positions.location(of: "delay", in: bridge)
            if options.stp != true {
                // As ifcfg's DELAY: NetworkManager applies a forward delay only with STP on.
                report(
                    "ignored-setting", .note, "delay \(delay) is ignored because STP is off, as NetworkManager does",
                    at: location)
            } else if let seconds = Double(delay), seconds >= 0, seconds < 1_000_000 {
                let whole = Int(seconds.rounded())
                (options.forwardDelay, options.$forwardDelay) = (whole, location)
                if Double(whole) != seconds {
                    report(
                        "invalid-value", .warning,
                        "forward delay \(delay) s: NetworkManager, netplan and ifcfg DELAY take whole seconds; netconv uses \(whole)",
                        at: location)
                }
            } else {
                report("invalid-value", .error, "delay '\(delay)' is not a number of seconds", at: location)
            }
        }
        return (options, bridge.elements(named: "interface"))
    }

    mutating func readBond(_ element: XMLElement) -> (BondOptions, [XMLElement]) {
        var options = BondOptions()
        guard let bond = element.firstElement(named: "bond") else {
            report("missing-key", .error, "a bond needs a <bond> element", at: positions.location(of: element))
            return (options, [])
        }
        if let mode = bond.attribute("mode") {
            let location = positions.location(of: "mode", in: bond)
            if let value = BondMode(rawValue: mode) {
                (options.mode, options.$mode) = (value, location)
            } else {
                report("invalid-value", .error, "bond mode '\(mode)' is not one of the seven modes", at: location)
            }
        }
        if let miimon = bond.firstElement(named: "miimon") {
            options.$miimon = positions.location(of: "freq", in: miimon)
            options.miimon = integer(miimon, "freq")
            if miimon.attribute("updelay") != nil {
                (options.updelay, options.$updelay) = (
                    integer(miimon, "updelay"), positions.location(of: "updelay", in: miimon)
                )
            }
            if miimon.attribute("downdelay") != nil {
                (options.downdelay, options.$downdelay) = (
                    integer(miimon, "downdelay"), positions.location(of: "downdelay", in: miimon)
                )
            }
            if let carrier = miimon.attribute("carrier") {
                // netcf: carrier='ioctl' is use_carrier=0, 'netif' use_carrier=1.
                let location = positions.location(of: "carrier", in: miimon)
                switch carrier {
                case "ioctl":
                    options.other.append(
                        ExtraSetting(format: .ifcfg, key: "use_carrier", value: "0", location: location))
                case "netif":
                    options.other.append(
                        ExtraSetting(format: .ifcfg, key: "use_carrier", value: "1", location: location))
                default: report("invalid-value", .error, "carrier '\(carrier)' is not ioctl or netif", at: location)
                }
            }
        }
        if let arpmon = bond.firstElement(named: "arpmon") {
            (options.arpInterval, options.$arpInterval) = (
                integer(arpmon, "interval"), positions.location(of: "interval", in: arpmon)
            )
            if let target = arpmon.attribute("target") {
                let location = positions.location(of: "target", in: arpmon)
                if let address = IPv4Address(target) {
                    (options.arpIPTargets, options.$arpIPTargets) = ([address], location)
                } else {
                    report("invalid-value", .error, "ARP target '\(target)' is not an IPv4 address", at: location)
                }
            }
            if let validate = arpmon.attribute("validate") {
                let location = positions.location(of: "validate", in: arpmon)
                if let value = BondARPValidate(rawValue: validate) {
                    (options.arpValidate, options.$arpValidate) = (value, location)
                } else {
                    report(
                        "invalid-value", .error, "ARP validate '\(validate)' is not none, active, backup or all",
                        at: location)
                }
            }
        }
        let ports = bond.elements(named: "interface")
        // The schema: "the first interface is the primary" in active-backup (netcf writes primary=<first>).
        if options.mode == .activeBackup, let first = ports.first, let name = first.attribute("name") {
            (options.primary, options.$primary) = (name, positions.location(of: "name", in: first))
        }
        return (options, ports)
    }

    mutating func integer(_ element: XMLElement, _ attribute: String) -> Int? {
        guard let text = element.attribute(attribute) else { return nil }
        guard let value = Int(text), value >= 0, value <= Int(UInt32.max) else {
            report(
                "invalid-value", .error, "\(attribute) '\(text)' is not a non-negative number",
                at: positions.location(of: attribute, in: element))
            return nil
        }
        return value
    }

    /// `<vlan tag='42'><interface name='eth0'/></vlan>`; a VLAN without a
    /// name is called `<parent>.<tag>`, as netcf names its ifcfg file.
    mutating func readVLAN(_ element: XMLElement, name interface: inout Interface) -> VLANOptions? {
        guard let vlan = element.firstElement(named: "vlan") else {
            report("missing-key", .error, "a VLAN needs a <vlan> element", at: positions.location(of: element))
            return nil
        }
        guard let tagText = vlan.attribute("tag") else {
            report("missing-key", .error, "<vlan> needs a tag", at: positions.location(of: vlan))
            return nil
        }
        let tagLocation = positions.location(of: "tag", in: vlan)
        guard let tag = Int(tagText), (0...4095).contains(tag) else {
            report(
                "vlan-id-out-of-range", .error, "VLAN tag '\(tagText)' is not a number from 0 to 4095", at: tagLocation)
            return nil
        }
        var options = VLANOptions(id: tag, parent: nil)
        options.$id = tagLocation
        if let parent = vlan.firstElement(named: "interface"), let name = parent.attribute("name") {
            (options.parent, options.$parent) = (name, positions.location(of: "name", in: parent))
        } else {
            report("missing-key", .error, "<vlan> needs <interface name='PARENT'/>", at: positions.location(of: vlan))
        }
        if interface.name == nil, let parent = options.parent {
            interface.name = "\(parent).\(tag)"
        }
        return options
    }
}
