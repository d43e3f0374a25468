using Emulator.Comware.Model.Firewall.Acls;

namespace Emulator.Comware.Model.Firewall.Policies;

/// <summary>
/// A V5 interzone instance (source zone, destination zone) holding either interzone policy rules or a policy group of
/// advanced ACLs, never both (HP Firewalls and UTM Devices Access Control Configuration Guide F3726/F3211/F3174, p. 84-85:
/// https://www.manualshelf.com/manual/hp/hp-7100-7200-ipsec-dl-module/f3726-f3211-f3174-r5135-r3816-hp-firewalls-and-utm-devices-access-control-configuration-guide-6pw100/page-84.html).
/// The CLI lines themselves follow and are unverified.
/// </summary>
public sealed class InterzoneInstance
{
    internal InterzoneInstance(string source, string destination)
    {
        Source = source;
        Destination = destination;
    }

    public string Source { get; }

    public string Destination { get; }

    /// <summary>Rules in match order (creation order).</summary>
    public IReadOnlyList<InterzoneRule> Rules => RuleList;

    /// <summary>Advanced ACLs of the policy group, matched in the order listed.</summary>
    public IReadOnlyList<int> PacketFilters => PacketFilterList;

    internal List<InterzoneRule> RuleList { get; } = [];

    internal List<int> PacketFilterList { get; } = [];

    public bool IsEmpty => RuleList.Count == 0 && PacketFilterList.Count == 0;
}

/// <summary>Which object list of an interzone rule a <c>source-ip</c>, <c>destination-ip</c> or <c>service</c> line edits.</summary>
public enum InterzoneTerm
{
    SourceIp,
    DestinationIp,
    Service,
}

public sealed class InterzoneRule
{
    internal InterzoneRule(int id, bool permit)
    {
        Id = id;
        Permit = permit;
    }

    public int Id { get; }

    public bool Permit { get; internal set; }

    public bool Enabled { get; internal set; } = true;

    public bool Logging { get; internal set; }

    public List<string> SourceObjects { get; } = [];

    public List<string> DestinationObjects { get; } = [];

    public List<string> Services { get; } = [];

    public MatchCounter Hits { get; } = new();
}
