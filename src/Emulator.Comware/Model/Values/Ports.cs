using System.Globalization;

namespace Emulator.Comware.Model.Values;

/// <summary>
/// Protocol and port names the ACL grammar accepts and displays print instead of numbers
/// (HP VPN Firewall Appliances Access Control Command Reference, IPv4 advanced ACL rule, Tables 4-5:
/// https://www.manualshelf.com/manual/hp/hp-procurve-switch-xl-access-controller-module/hp-vpn-firewall-appliances-access-control-command-reference/page-24.html).
/// </summary>
public static class Ports
{
    public const int Icmp = 1;
    public const int Tcp = 6;
    public const int Udp = 17;

    private static readonly (string Name, int Number)[] s_protocols =
        [("icmp", 1), ("igmp", 2), ("ipinip", 4), ("tcp", 6), ("udp", 17), ("gre", 47), ("ospf", 89)];

    /// <summary>Protocol names an ACL rule or service member takes as keywords (tcp and udp have their own grammar).</summary>
    public static IReadOnlyList<(string Name, int Number)> ProtocolNames => s_protocols;

    /// <summary>Port names of TCP or UDP, for <c>?</c> help.</summary>
    public static IReadOnlyList<(string Name, int Port)> PortNames(int protocol) => protocol == Udp ? s_udp : s_tcp;

    private static readonly (string Name, int Port)[] s_tcp =
    [
        ("chargen", 19), ("bgp", 179), ("cmd", 514), ("daytime", 13), ("discard", 9), ("domain", 53), ("echo", 7),
        ("exec", 512), ("finger", 79), ("ftp", 21), ("ftp-data", 20), ("gopher", 70), ("hostname", 101), ("irc", 194),
        ("klogin", 543), ("kshell", 544), ("login", 513), ("lpd", 515), ("nntp", 119), ("pop2", 109), ("pop3", 110),
        ("smtp", 25), ("sunrpc", 111), ("tacacs", 49), ("talk", 517), ("telnet", 23), ("time", 37), ("uucp", 540),
        ("whois", 43), ("www", 80),
    ];

    private static readonly (string Name, int Port)[] s_udp =
    [
        ("biff", 512), ("bootpc", 68), ("bootps", 67), ("discard", 9), ("dns", 53), ("dnsix", 90), ("echo", 7),
        ("mobilip-ag", 434), ("mobilip-mn", 435), ("nameserver", 42), ("netbios-dgm", 138), ("netbios-ns", 137),
        ("netbios-ssn", 139), ("ntp", 123), ("rip", 520), ("snmp", 161), ("snmptrap", 162), ("sunrpc", 111),
        ("syslog", 514), ("tacacs-ds", 65), ("talk", 517), ("tftp", 69), ("time", 37), ("who", 513), ("xdmcp", 177),
    ];

    public static string ProtocolName(int? protocol)
    {
        if (protocol is null)
        {
            return "ip";
        }

        foreach (var (name, number) in s_protocols)
        {
            if (number == protocol)
            {
                return name;
            }
        }

        return protocol.Value.ToString(CultureInfo.InvariantCulture);
    }

    public static bool TryParsePort(int protocol, string text, out int port)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port))
        {
            return port <= 65535;
        }

        foreach (var (name, number) in protocol == Udp ? s_udp : s_tcp)
        {
            if (name.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                port = number;
                return true;
            }
        }

        return false;
    }

    public static string PortName(int protocol, int port)
    {
        foreach (var (name, number) in protocol == Udp ? s_udp : s_tcp)
        {
            if (number == port)
            {
                return name;
            }
        }

        return port.ToString(CultureInfo.InvariantCulture);
    }
}

public enum PortOperator
{
    Eq,
    Neq,
    Lt,
    Gt,
    Range,
}

/// <summary><c>eq 80</c>, <c>range 1000 2000</c> and friends.</summary>
public readonly record struct PortMatch(PortOperator Operator, int Low, int High)
{
    public bool Matches(int port) => Operator switch
    {
        PortOperator.Eq => port == Low,
        PortOperator.Neq => port != Low,
        PortOperator.Lt => port < Low,
        PortOperator.Gt => port > Low,
        _ => port >= Low && port <= High,
    };

    public string Render(int protocol) => Operator switch
    {
        PortOperator.Range => $"range {Ports.PortName(protocol, Low)} {Ports.PortName(protocol, High)}",
        _ => $"{Operator.ToString().ToLowerInvariant()} {Ports.PortName(protocol, Low)}",
    };
}
