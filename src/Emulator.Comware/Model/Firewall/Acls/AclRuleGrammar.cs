using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Acls;

/// <summary>
/// The criteria of <c>rule</c> in ACL views as grammar, so that <c>?</c>, Tab and the caret work inside them.
/// Syntax of the H3C/HP Comware ACL command references (HP VPN Firewall Appliances Access Control Command Reference,
/// "rule (IPv4 basic ACL view)" and "rule (IPv4 advanced ACL view)", pages 21-24:
/// https://www.manualshelf.com/manual/hp/hp-procurve-switch-xl-access-controller-module/hp-vpn-firewall-appliances-access-control-command-reference/page-24.html;
/// H3C SecPath V7 ACL command reference, same syntax):
/// <code>
/// basic:    rule [ rule-id ] { deny | permit } [ counting | logging | source { source-address source-wildcard | any } ] *
/// advanced: rule [ rule-id ] { deny | permit } protocol [ counting | destination { dest-address dest-wildcard | any }
///           | destination-port operator port1 [ port2 ] | logging | source { ... } | source-port operator port1 [ port2 ] ] *
/// </code>
/// Ports are taken only after <c>tcp</c> and <c>udp</c> (operator <c>eq|gt|lt|neq</c> or <c>range</c>); the rest
/// (fragment, time-range, vpn-instance, ICMP types, TCP flags, DSCP) is not emulated. Help wording follows the
/// parameter descriptions of those references; the device's exact help texts are unverified.
/// </summary>
internal static class AclRuleGrammar
{
    private const string Head = "rule [ id:INTEGER<0-65534> ] { permit | deny }";

    private static readonly string[] s_headHelp = ["", "ID of ACL rule", "", ""];

    /// <summary>The three shapes of an advanced rule: TCP and UDP (with ports), and every other protocol.</summary>
    public static IEnumerable<(string Syntax, string[] Help)> Advanced()
    {
        foreach (var (_, keyword, help, portType) in PortProtocols)
        {
            var (syntax, helps) = Options(Address("source"), Address("destination"), Port("source-port", "source", portType, withNeq: true),
                Port("destination-port", "destination", portType, withNeq: true), Logging, Counting);
            yield return ($"{Head} {keyword} {syntax}", [.. s_headHelp, help, .. helps]);
        }

        var (protocols, protocolHelp) = OtherProtocols();
        var (rest, restHelp) = Options(Address("source"), Address("destination"), Logging, Counting);
        yield return ($"{Head} {protocols} {rest}", [.. s_headHelp, .. protocolHelp, .. restHelp]);
    }

    public static (string Syntax, string[] Help) Basic()
    {
        var (syntax, helps) = Options(Address("source"), Logging, Counting);
        return ($"{Head} {syntax}", [.. s_headHelp, .. helps]);
    }

    /// <summary>Builds the criteria of a matched rule line from its typed arguments, in line order.</summary>
    public static AclRuleSpec Spec(CommandArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var spec = new AclRuleSpec(args.Has("permit"), ProtocolOf(args)) { Logging = args.Has("logging"), Counting = args.Has("counting") };
        if (args.Has("source"))
        {
            spec = spec with { Source = Match(args, "source") };
        }

        if (args.Has("destination"))
        {
            spec = spec with { Destination = Match(args, "destination") };
        }

        return spec with { SourcePort = PortAfter(args, "source-port"), DestinationPort = PortAfter(args, "destination-port") };
    }

    private static WildcardMatch Match(CommandArguments args, string direction) =>
        args.TryGet<Ipv4Address>(direction + "-ip", out var address)
            ? new WildcardMatch(address.Value & ~args.Get<Wildcard>(direction + "-wildcard").Bits, args.Get<Wildcard>(direction + "-wildcard").Bits)
            : WildcardMatch.Any;

    /// <summary>
    /// The port match after <paramref name="keyword"/>: its operator is the keyword right after it (source and
    /// destination may both use <c>eq</c>, so the operator is found by position, not by name).
    /// </summary>
    public static PortMatch? PortAfter(CommandArguments args, string keyword)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = args.Values;
        var at = -1;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i].Key == keyword && values[i].Value is MatchedKeyword)
            {
                at = i;
            }
        }

        if (at < 0 || at + 2 >= values.Count)
        {
            return null;
        }

        var op = Enum.Parse<PortOperator>(values[at + 1].Key, ignoreCase: true);
        var low = (int)values[at + 2].Value;
        var high = op == PortOperator.Range ? (int)values[at + 3].Value : low;
        return new PortMatch(op, low, high);
    }

    private static (string, string[]) Address(string direction) =>
        ($"{direction} {{ {direction}-ip:IPV4 {direction}-wildcard:WILDCARD | any }}",
            [$"Specify {direction} address", $"Address of {direction}", $"Wildcard of {direction}", $"Any {direction} IP address"]);

    /// <summary><c>KEYWORD { { eq | gt | lt [ | neq ] } port | range port1 port2 }</c>.</summary>
    public static (string Syntax, string[] Help) Port(string keyword, string direction, string type, bool withNeq)
    {
        var operators = withNeq ? "eq | gt | lt | neq" : "eq | gt | lt";
        string[] operatorHelp = withNeq
            ? ["Equal to given port number", "Greater than given port number", "Less than given port number", "Not equal to given port number"]
            : ["Equal to given port number", "Greater than given port number", "Less than given port number"];
        return ($"{keyword} {{ {{ {operators} }} {direction}-low:{type} | range {direction}-low:{type} {direction}-high:{type} }}",
            [$"Specify {direction} port", .. operatorHelp, "Number of the port", "Between two port numbers", "Number of the port", "Number of the port"]);
    }

    /// <summary>Protocols other than TCP and UDP: <c>{ protocol-number | ip | icmp | ... }</c> with their help.</summary>
    public static (string Syntax, string[] Help) OtherProtocols()
    {
        var others = Ports.ProtocolNames.Where(p => p.Number is not (Ports.Tcp or Ports.Udp)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        return ($"{{ protocol:INTEGER<0-255> | ip | {string.Join(" | ", others.Select(p => p.Name))} }}",
            ["Protocol number", "Any IP protocol", .. others.Select(p => ProtocolHelp(p.Name, p.Number))]);
    }

    /// <summary>The protocol a matched line names: tcp, udp, a name, a number, or null for <c>ip</c>.</summary>
    public static int? ProtocolOf(CommandArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Has("tcp") ? Ports.Tcp
            : args.Has("udp") ? Ports.Udp
            : args.GetInt32OrNull("protocol") ?? Ports.ProtocolNames.Where(p => args.Has(p.Name)).Select(p => (int?)p.Number).FirstOrDefault();
    }

    public static IEnumerable<(int Protocol, string Keyword, string Help, string PortType)> PortProtocols =>
        [(Ports.Tcp, "tcp", "Transmission Control Protocol (6)", "TCPPORT"), (Ports.Udp, "udp", "User Datagram Protocol (17)", "UDPPORT")];

    private static (string, string[]) Logging => ("logging", ["Log matched packets"]);

    private static (string, string[]) Counting => ("counting", ["Count the packets the rule matches"]);

    /// <summary><c>[ a | b | ... ] *</c>: any of the options, in any order.</summary>
    private static (string Syntax, string[] Help) Options(params (string Syntax, string[] Help)[] items) =>
        ($"[ {string.Join(" | ", items.Select(i => i.Syntax))} ] *", [.. items.SelectMany(i => i.Help)]);

    private static string ProtocolHelp(string name, int number) => name switch
    {
        "icmp" => "Internet Control Message Protocol (1)",
        "igmp" => "Internet Group Management Protocol (2)",
        "ipinip" => "IP in IP tunneling (4)",
        "gre" => "GRE tunneling (47)",
        "ospf" => "OSPF routing protocol (89)",
        _ => $"Protocol {number}",
    };
}
