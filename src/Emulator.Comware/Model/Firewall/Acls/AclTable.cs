using System.Collections;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Acls;

/// <summary>The IPv4 ACLs by number: basic (2000-2999) and advanced (3000-3999). An ACL that NAT or an interzone instance uses cannot be deleted.</summary>
public sealed class AclTable : IReadOnlyList<Acl>
{
    private readonly FirewallConfig _config;
    private readonly SortedList<int, Acl> _acls = [];

    internal AclTable(FirewallConfig config)
    {
        _config = config;
    }

    public int Count => _acls.Count;

    public Acl this[int index] => _acls.Values[index];

    public IEnumerator<Acl> GetEnumerator() => _acls.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public Acl? Find(int number) => _acls.GetValueOrDefault(number);

    /// <summary><c>acl number N</c> / V7 <c>acl basic|advanced N</c>: find or create.</summary>
    public FwResult GetOrCreate(int number, AclKind? expected, out Acl? acl)
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

    public FwResult Delete(int number)
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
    public static FwResult AddRule(Acl acl, int? id, AclRuleSpec spec, out AclRule? rule)
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

    public static FwResult DeleteRule(Acl acl, int id)
    {
        ArgumentNullException.ThrowIfNull(acl);
        return acl.RuleMap.Remove(id) ? FwResult.Success : FwResult.Fail(FwErrors.AclRuleNotFound);
    }

    public static FwResult SetStep(Acl acl, int step)
    {
        ArgumentNullException.ThrowIfNull(acl);
        if (step is < 1 or > 20)
        {
            return FwResult.Fail("Invalid step.");
        }

        acl.Step = step;
        return FwResult.Success;
    }

    public static FwResult SetDescription(Acl acl, string? text)
    {
        ArgumentNullException.ThrowIfNull(acl);
        acl.Description = string.IsNullOrEmpty(text) ? null : text;
        return FwResult.Success;
    }

    private bool IsAclReferenced(int number) =>
        _config.Nat.Outbounds.Any(n => n.Acl == number) || _config.Interzones.Any(i => i.PacketFilters.Contains(number));
}
