using System.Globalization;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Interfaces;

/// <summary>Interface displays. Every method returns output lines without line terminators.</summary>
public static class InterfaceDisplays
{
    /// <summary>
    /// <c>display interface brief</c> in the route-mode layout that ntc-templates' hp_comware_display_interface_brief parses
    /// strictly. V7: "Brief information on interfaces in route mode:", column "Primary IP", columns 0/21/26/35/53
    /// (tests/hp_comware/display_interface_brief/hp_comware_display_interface_brief_release_9119P17.raw and
    /// …_release_60615P16.raw, issue 13). V5: the older wording, "Main IP", columns 0/21/26/35/51
    /// (…/hp_comware_display_interface_brief.raw; V5 layout unverified).
    /// </summary>
    public static List<string> Brief(FirewallConfig config, FwInterface? only = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        var lines = new List<string>
        {
            v7 ? "Brief information on interfaces in route mode:" : "The brief information of interface(s) under route mode:",
            "Link: ADM - administratively down; Stby - standby",
            "Protocol: (s) - spoofing",
            v7 ? "Interface            Link Protocol Primary IP        Description" : "Interface            Link Protocol Main IP         Description",
        };
        foreach (var iface in only is null ? config.Interfaces.ToList() : [only])
        {
            var parent = config.Interfaces.ParentOf(iface);
            var link = iface.AdminDown ? "ADM" : iface.PhysicalUp(parent) ? "UP" : "DOWN";
            var protocol = iface.ProtocolUp(parent) ? (iface.IsSpoofing ? "UP(s)" : "UP") : "DOWN";
            var ip = iface.PrimaryAddress?.AddressText ?? "--";
            var row = (v7
                ? $"{iface.BriefName,-20} {link,-4} {protocol,-8} {ip,-17} {iface.Description ?? ""}"
                : $"{iface.BriefName,-20} {link,-4} {protocol,-8} {ip,-15} {iface.Description ?? ""}").TrimEnd();
            lines.Add(row);
        }

        return lines;
    }

    /// <summary>
    /// <c>display ip interface brief</c>. V7: real layout (capture #5679840185; columns 0/25/34/43/59, "--" for no
    /// address; the header ends in a space as on the device, issue 13). V5: the older 30-wide layout with "unassigned" and descriptions cut to 12 characters.
    /// </summary>
    public static List<string> IpBrief(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var v7 = config.Dialect == ComwareDialect.V7;
        var lines = v7
            ? new List<string> { "*down: administratively down", "(s): spoofing  (l): loopback", "Interface                Physical Protocol IP Address      Description " }
            : new List<string> { "*down: administratively down", "(s): spoofing", "Interface                     Physical Protocol IP Address      Description" };
        foreach (var iface in config.Interfaces)
        {
            var parent = config.Interfaces.ParentOf(iface);
            var physical = iface.AdminDown ? "*down" : iface.PhysicalUp(parent) ? "up" : "down";
            var protocol = iface.ProtocolUp(parent) ? (iface.IsSpoofing ? "up(s)" : "up") : "down";
            if (v7)
            {
                var ip = iface.PrimaryAddress?.AddressText ?? "--";
                lines.Add($"{iface.BriefName,-24} {physical,-8} {protocol,-8} {ip,-15} {iface.Description ?? "--"}");
            }
            else
            {
                var ip = iface.PrimaryAddress?.AddressText ?? "unassigned";
                lines.Add($"{iface.Name,-29} {physical,-8} {protocol,-8} {ip,-15} {Truncate(iface.EffectiveDescription, 12)}");
            }
        }

        return lines;
    }

    /// <summary>
    /// <c>display interface [NAME]</c>. V7 follows the route-mode router layout of ntc-templates
    /// hp_comware_display_interface_release_0615P16.raw and _mgmt.raw; V5 follows the V5 MSR layout (unverified).
    /// </summary>
    public static List<string> Detail(FirewallConfig config, FwInterface? only = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lines = new List<string>();
        foreach (var iface in only is null ? config.Interfaces.ToList() : [only])
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            lines.AddRange(config.Dialect == ComwareDialect.V7 ? DetailV7(config, iface) : DetailV5(config, iface));
        }

        return lines;
    }

    private static List<string> DetailV7(FirewallConfig config, FwInterface iface)
    {
        var parent = config.Interfaces.ParentOf(iface);
        var state = iface.AdminDown ? "Administratively DOWN" : iface.PhysicalUp(parent) ? "UP" : "DOWN";
        var protocol = iface.ProtocolUp(parent) ? (iface.IsSpoofing ? "UP(spoofing)" : "UP") : "DOWN";
        var lines = new List<string>
        {
            iface.Name,
            $"Current state: {state}",
            $"Line protocol state: {protocol}",
            $"Description: {iface.EffectiveDescription}",
            $"Bandwidth: {Bandwidth(iface)} kbps",
            $"Maximum transmission unit: {(iface.Kind == InterfaceKind.InLoopBack ? 1536 : 1500)}",
        };
        lines.AddRange(iface.PrimaryAddress is { } primary
            ? [$"Internet address: {primary} (Primary)", .. iface.SubAddresses.Select(s => $"Internet address: {s} (Sub)")]
            : ["Internet protocol processing: Disabled"]);
        if (iface.MacAddress.Length > 0)
        {
            lines.Add($"IP packet frame type: Ethernet II, hardware address: {iface.MacAddress}");
            lines.Add($"IPv6 packet frame type: Ethernet II, hardware address: {iface.MacAddress}");
        }

        var c = iface.Counters;
        if (iface.Kind == InterfaceKind.Ethernet)
        {
            lines.Add("Last clearing of counters: Never");
            lines.Add("Media type is twisted pair, loopback not set");
            lines.Add("Port hardware type is 1000_BASE_T");
            var up = iface.PhysicalUp(parent);
            var speed = up ? $"{SpeedText(iface)}-speed mode" : "Unknown-speed mode";
            var duplex = up ? (iface.Duplex == "half" ? "half-duplex mode" : "full-duplex mode") : "unknown-duplex mode";
            lines.Add($"{speed}, {duplex}");
            lines.Add($"Link speed type is {(iface.Speed is null ? "autonegotiation" : "force link")}, link duplex type is {(iface.Duplex is null ? "autonegotiation" : "force link")}");
            lines.Add(Inv($"input:   {c.InputPackets} packets, {c.InputBytes} bytes"));
            lines.Add("         0 broadcasts,0 multicasts");
            lines.Add("input:   0 input errors,0 runts,0 giants,0 throttles,0 CRC");
            lines.Add("         0 frame,0 overruns,0 aborts,0 ignored,0 parity errors");
            lines.Add(Inv($"output:  {c.OutputPackets} packets, {c.OutputBytes} bytes"));
            lines.Add("         0 broadcasts,0 multicasts");
            lines.Add("output:  0 output errors,0 underruns,0 buffer failures");
            lines.Add("         0 aborts,0 deferred,0 collisions,0 late collisions");
            lines.Add("         0 lost carrier,0 no carrier");
        }
        else
        {
            lines.Add("Last 300 seconds input rate: 0 bytes/sec, 0 bits/sec, 0 packets/sec");
            lines.Add("Last 300 seconds output rate: 0 bytes/sec, 0 bits/sec, 0 packets/sec");
            lines.Add(Inv($"Input: {c.InputPackets} packets, {c.InputBytes} bytes, 0 drops"));
            lines.Add(Inv($"Output: {c.OutputPackets} packets, {c.OutputBytes} bytes, 0 drops"));
        }

        return lines;
    }

    private static List<string> DetailV5(FirewallConfig config, FwInterface iface)
    {
        var parent = config.Interfaces.ParentOf(iface);
        var state = iface.AdminDown ? "Administratively DOWN" : iface.PhysicalUp(parent) ? "UP" : "DOWN";
        var protocol = iface.ProtocolUp(parent) ? (iface.IsSpoofing ? "UP (spoofing)" : "UP") : "DOWN";
        var lines = new List<string>
        {
            $"{iface.Name} current state: {state}",
            $"Line protocol current state: {protocol}",
            $"Description: {iface.EffectiveDescription}",
            $"The Maximum Transmit Unit is {(iface.Kind == InterfaceKind.InLoopBack ? 1536 : 1500)}",
        };
        lines.AddRange(iface.PrimaryAddress is { } primary
            ? [$"Internet Address is {primary} Primary", .. iface.SubAddresses.Select(s => $"Internet Address is {s} Sub")]
            : ["Internet protocol processing : disabled"]);
        if (iface.MacAddress.Length > 0)
        {
            lines.Add($"IP Packet Frame Type: PKTFMT_ETHNT_2,  Hardware Address: {iface.MacAddress}");
            lines.Add($"IPv6 Packet Frame Type: PKTFMT_ETHNT_2,  Hardware Address: {iface.MacAddress}");
        }

        var c = iface.Counters;
        if (iface.Kind == InterfaceKind.Ethernet)
        {
            lines.Add("Media type is twisted pair, loopback not set, promiscuous mode not set");
            var up = iface.PhysicalUp(parent);
            lines.Add(up
                ? $"{SpeedText(iface).Replace("Mbps", "Mb/s", StringComparison.Ordinal)}, {(iface.Duplex == "half" ? "Half" : "Full")}-duplex, link type is {(iface.Speed is null ? "autonegotiation" : "force link")}"
                : "Unknown-speed mode, unknown-duplex mode, link type is autonegotiation");
            lines.Add("Output flow-control is disabled, input flow-control is disabled");
        }

        lines.Add("Last 300 seconds input:  0 bytes/sec 0 packets/sec");
        lines.Add("Last 300 seconds output:  0 bytes/sec 0 packets/sec");
        lines.Add(Inv($"     {c.InputPackets} packets input, {c.InputBytes} bytes, 0 buffers"));
        lines.Add("     0 broadcasts, 0 multicasts");
        lines.Add("     0 input errors, 0 runts, 0 giants, 0 throttles, 0 CRC");
        lines.Add(Inv($"     {c.OutputPackets} packets output, {c.OutputBytes} bytes, 0 buffers"));
        lines.Add("     0 broadcasts, 0 multicasts");
        lines.Add("     0 output errors, 0 underruns, 0 buffer failures");
        return lines;
    }

    private static string SpeedText(FwInterface iface) => (iface.Speed ?? iface.DefaultSpeed) switch
    {
        "10" => "10Mbps",
        "100" => "100Mbps",
        "10000" => "10Gbps",
        _ => "1000Mbps",
    };

    private static long Bandwidth(FwInterface iface) => iface.Kind switch
    {
        InterfaceKind.Ethernet or InterfaceKind.SubInterface => long.TryParse(iface.Speed ?? iface.DefaultSpeed, NumberStyles.None, CultureInfo.InvariantCulture, out var mbps) ? mbps * 1000 : 1_000_000,
        InterfaceKind.VlanInterface => 1_000_000,
        _ => 0,
    };

    private static string Truncate(string text, int keep) => text.Length <= keep ? text : text[..(keep - 3)] + "...";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
