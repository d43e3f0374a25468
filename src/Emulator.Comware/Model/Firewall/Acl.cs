using System.Globalization;
using System.Text;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall;

public enum AclKind
{
    Basic,
    Advanced,
}

/// <summary>An IPv4 basic (2000-2999) or advanced (3000-3999) ACL (comware-cli.md §8.4).</summary>
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

public sealed partial class FirewallConfig
{
    private readonly SortedList<int, Acl> _acls = [];

    public IReadOnlyList<Acl> Acls => _acls.Values.AsReadOnly();

    public Acl? FindAcl(int number) => _acls.GetValueOrDefault(number);

    /// <summary><c>acl number N</c> / V7 <c>acl basic|advanced N</c>: find or create.</summary>
    public FwResult GetOrCreateAcl(int number, AclKind? expected, out Acl? acl)
    {
        acl = null;
        if (number is < 2000 or > 3999)
        {
            return FwResult.Fail("Invalid ACL number.");
        }

        var kind = number < 3000 ? AclKind.Basic : AclKind.Advanced;
        if (expected is { } wanted && wanted != kind)
        {
            return FwResult.Fail("The ACL number is out of the range of the ACL type.");
        }

        if (!_acls.TryGetValue(number, out acl))
        {
            acl = new Acl(number);
            _acls.Add(number, acl);
        }

        return FwResult.Success;
    }

    public FwResult DeleteAcl(int number)
    {
        if (!_acls.ContainsKey(number))
        {
            return FwResult.Fail(FwErrors.AclNotFound);
        }

        if (IsAclReferenced(number))
        {
            return FwResult.Fail(FwErrors.AclInUse);
        }

        _acls.Remove(number);
        return FwResult.Success;
    }

    /// <summary>
    /// <c>rule [ID] permit|deny ...</c>. An existing ID is replaced by the new rule. A basic ACL matches source
    /// addresses only; ports need TCP or UDP.
    /// </summary>
    public static FwResult AddAclRule(Acl acl, int? id, AclRuleSpec spec, out AclRule? rule)
    {
        ArgumentNullException.ThrowIfNull(acl);
        rule = null;
        var ruleId = id ?? acl.NextRuleId();
        if (ruleId is < 0 or > 65534)
        {
            return FwResult.Fail("Invalid rule ID.");
        }

        ArgumentNullException.ThrowIfNull(spec);
        var basicOnly = spec.Protocol is null && spec.Destination.IsAny && spec.SourcePort is null && spec.DestinationPort is null;
        if (acl.Kind == AclKind.Basic && !basicOnly)
        {
            return FwResult.Fail("Wrong parameter.");
        }

        if ((spec.SourcePort ?? spec.DestinationPort) is not null && spec.Protocol is not (Ports.Tcp or Ports.Udp))
        {
            return FwResult.Fail("Wrong parameter.");
        }

        var candidate = new AclRule
        {
            Id = ruleId,
            Permit = spec.Permit,
            Protocol = spec.Protocol,
            Source = spec.Source,
            Destination = spec.Destination,
            SourcePort = spec.SourcePort,
            DestinationPort = spec.DestinationPort,
            Logging = spec.Logging,
            Counting = spec.Counting,
        };
        if (acl.RuleMap.Values.Any(r => r.Id != ruleId && r with { Id = ruleId, Hits = candidate.Hits } == candidate))
        {
            return FwResult.Fail(FwErrors.AclRuleConflict);
        }

        acl.RuleMap[ruleId] = candidate;
        rule = candidate;
        return FwResult.Success;
    }

    public static FwResult DeleteAclRule(Acl acl, int id)
    {
        ArgumentNullException.ThrowIfNull(acl);
        return acl.RuleMap.Remove(id) ? FwResult.Success : FwResult.Fail(FwErrors.AclRuleNotFound);
    }

    public static FwResult SetAclStep(Acl acl, int step)
    {
        ArgumentNullException.ThrowIfNull(acl);
        if (step is < 1 or > 20)
        {
            return FwResult.Fail("Invalid step.");
        }

        acl.Step = step;
        return FwResult.Success;
    }

    public static FwResult SetAclDescription(Acl acl, string? text)
    {
        ArgumentNullException.ThrowIfNull(acl);
        acl.Description = string.IsNullOrEmpty(text) ? null : text;
        return FwResult.Success;
    }

    private bool IsAclReferenced(int number) =>
        _natOutbound.Exists(n => n.Acl == number) || _interzones.Exists(i => i.PacketFilters.Contains(number));
}
