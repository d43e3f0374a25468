using System.Globalization;
using System.Text;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Acls;

public enum AclKind
{
    Basic,
    Advanced,
}

/// <summary>An IPv4 basic (2000-2999) or advanced (3000-3999) ACL.</summary>
public sealed class Acl
{
    internal Acl(int number)
    {
        Number = number;
    }

    public int Number { get; }

    public AclKind Kind => Number < 3000 ? AclKind.Basic : AclKind.Advanced;

    /// <summary>Rule numbering step; 5 by default.</summary>
    public int Step { get; internal set; } = 5;

    public string? Description { get; internal set; }

    /// <summary>Rules by ID; with the default "config" match order, rules match in ascending ID order.</summary>
    public IReadOnlyList<AclRule> Rules => RuleMap.Values.AsReadOnly();

    internal SortedList<int, AclRule> RuleMap { get; } = [];

    /// <summary>Auto ID: the nearest multiple of the step above the current highest ID, starting from 0
    /// (HP VPN Firewall Appliances Access Control Command Reference, rule (IPv4 advanced ACL view), page 23).</summary>
    public int NextRuleId()
    {
        if (RuleMap.Count == 0)
        {
            return 0;
        }

        var highest = RuleMap.Keys[^1];
        return (highest / Step + 1) * Step;
    }

    /// <summary>First matching rule in order, or null.</summary>
    public AclRule? Match(int protocol, uint source, uint destination, int sourcePort, int destinationPort) =>
        RuleMap.Values.FirstOrDefault(r => r.Matches(protocol, source, destination, sourcePort, destinationPort));
}

/// <summary>What a <c>rule</c> line asks for, before it gets its ID (built by the grammar from typed parameters).</summary>
public sealed record AclRuleSpec(bool Permit, int? Protocol)
{
    public WildcardMatch Source { get; init; } = WildcardMatch.Any;

    public WildcardMatch Destination { get; init; } = WildcardMatch.Any;

    public PortMatch? SourcePort { get; init; }

    public PortMatch? DestinationPort { get; init; }

    public bool Logging { get; init; }

    public bool Counting { get; init; }
}

/// <summary>One ACL rule. Immutable; replacing a rule with the same ID replaces the object.</summary>
public sealed record AclRule
{
    public required int Id { get; init; }

    public required bool Permit { get; init; }

    /// <summary>Null = any IP protocol (<c>ip</c>); always null for basic ACLs.</summary>
    public int? Protocol { get; init; }

    public WildcardMatch Source { get; init; } = WildcardMatch.Any;

    public WildcardMatch Destination { get; init; } = WildcardMatch.Any;

    public PortMatch? SourcePort { get; init; }

    public PortMatch? DestinationPort { get; init; }

    public bool Logging { get; init; }

    public bool Counting { get; init; }

    /// <summary>Hit counter for <c>display acl</c>; not part of the rule's identity or rendering.</summary>
    public MatchCounter Hits { get; init; } = new();

    public bool Matches(int protocol, uint source, uint destination, int sourcePort, int destinationPort) =>
        (Protocol is null || Protocol == protocol)
        && Source.Matches(source)
        && Destination.Matches(destination)
        && (SourcePort is null || SourcePort.Value.Matches(sourcePort))
        && (DestinationPort is null || DestinationPort.Value.Matches(destinationPort));

    /// <summary>The rule as configuration prints it, without indentation: <c>rule 0 permit tcp source ...</c>.</summary>
    public string Render(AclKind kind)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"rule {Id} {(Permit ? "permit" : "deny")}");
        if (kind == AclKind.Advanced)
        {
            text.Append(' ').Append(Ports.ProtocolName(Protocol));
        }

        var portProtocol = Protocol ?? Ports.Tcp;
        AppendAddress(text, "source", Source);
        if (SourcePort is { } sp)
        {
            text.Append(" source-port ").Append(sp.Render(portProtocol));
        }

        AppendAddress(text, "destination", Destination);
        if (DestinationPort is { } dp)
        {
            text.Append(" destination-port ").Append(dp.Render(portProtocol));
        }

        if (Logging)
        {
            text.Append(" logging");
        }

        if (Counting)
        {
            text.Append(" counting");
        }

        return text.ToString();
    }

    private static void AppendAddress(StringBuilder text, string keyword, WildcardMatch match)
    {
        if (!match.IsAny)
        {
            text.Append(' ').Append(keyword).Append(' ').Append(Ipv4.Format(match.Address)).Append(' ')
                .Append(match.Wildcard == 0 ? "0" : Ipv4.Format(match.Wildcard));
        }
    }
}

/// <summary>A mutable hit counter shared by the immutable rule records that carry it.</summary>
public sealed class MatchCounter
{
    public long Count { get; private set; }

    internal void Hit() => Count++;

    internal void Reset() => Count = 0;
}
