using System.Collections;
using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Objects;

namespace Emulator.Comware.Model.Firewall.Policies;

/// <summary>V5 interzone policy: one instance per (source zone, destination zone) pair, holding rules or ACL packet filters.</summary>
public sealed class InterzoneTable : IReadOnlyList<InterzoneInstance>
{
    private readonly FirewallConfig _config;
    private readonly List<InterzoneInstance> _interzones = [];

    internal InterzoneTable(FirewallConfig config)
    {
        _config = config;
    }

    public int Count => _interzones.Count;

    public InterzoneInstance this[int index] => _interzones[index];

    public IEnumerator<InterzoneInstance> GetEnumerator() => _interzones.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public InterzoneInstance? Find(string source, string destination) => _interzones.Find(i =>
        string.Equals(i.Source, source, StringComparison.OrdinalIgnoreCase) && string.Equals(i.Destination, destination, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>interzone source Z1 destination Z2</c>: both zones must exist and differ.</summary>
    public FwResult GetOrCreate(string source, string destination, out InterzoneInstance? instance)
    {
        instance = null;
        var from = _config.Zones.Find(source);
        var to = _config.Zones.Find(destination);
        if (from is null || to is null)
        {
            return FwResult.Fail(FwErrors.ZoneNotFound);
        }

        if (from == to)
        {
            return FwResult.Fail(FwErrors.SameZone);
        }

        instance = Find(from.Name, to.Name);
        if (instance is null)
        {
            instance = new InterzoneInstance(from.Name, to.Name);
            _interzones.Add(instance);
        }

        return FwResult.Success;
    }

    public FwResult Delete(string source, string destination)
    {
        var instance = Find(source, destination);
        return instance is not null && _interzones.Remove(instance) ? FwResult.Success : FwResult.Fail("The interzone instance does not exist.");
    }

    /// <summary><c>rule [ID] permit|deny</c>: auto ID = highest + 1; past 65534 the smallest unused ID (same guide).</summary>
    public static FwResult GetOrCreateRule(InterzoneInstance instance, int? id, bool permit, out InterzoneRule? rule)
    {
        ArgumentNullException.ThrowIfNull(instance);
        rule = null;
        if (instance.PacketFilterList.Count > 0)
        {
            return FwResult.Fail(FwErrors.PolicyModeConflict);
        }

        if (id is { } wanted)
        {
            if (wanted is < 0 or > 65534)
            {
                return FwResult.Fail("Invalid rule ID.");
            }

            rule = instance.RuleList.Find(r => r.Id == wanted);
            if (rule is not null)
            {
                rule.Permit = permit;
                return FwResult.Success;
            }
        }

        var next = id ?? NextInterzoneId(instance);
        if (next < 0)
        {
            return FwResult.Fail(FwErrors.RuleLimit);
        }

        rule = new InterzoneRule(next, permit);
        rule.SourceObjects.Add(ObjectTable.AnyAddress);
        rule.DestinationObjects.Add(ObjectTable.AnyAddress);
        rule.Services.Add(ObjectTable.AnyService);
        instance.RuleList.Add(rule);
        return FwResult.Success;
    }

    public static FwResult DeleteRule(InterzoneInstance instance, int id)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.RuleList.RemoveAll(r => r.Id == id) > 0 ? FwResult.Success : FwResult.Fail(FwErrors.RuleNotFound);
    }

    public static FwResult SetRuleEnabled(InterzoneInstance instance, int id, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var rule = instance.RuleList.Find(r => r.Id == id);
        if (rule is null)
        {
            return FwResult.Fail(FwErrors.RuleNotFound);
        }

        rule.Enabled = enabled;
        return FwResult.Success;
    }

    /// <summary>
    /// <c>source-ip OBJ</c>, <c>destination-ip OBJ</c>, <c>service OBJ</c> inside a rule. Naming a specific object
    /// replaces the default <c>any_*</c> object; the default comes back when the last specific one is removed.
    /// </summary>
    public FwResult AddRuleTerm(InterzoneRule rule, InterzoneTerm term, string objectName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var canonical = term == InterzoneTerm.Service
            ? _config.Objects.FindServiceObject(objectName)?.Name
            : _config.Objects.FindAddressObject(objectName)?.Name;
        if (canonical is null)
        {
            return FwResult.Fail(FwErrors.ObjectNotFound);
        }

        var (list, any) = TermList(rule, term);
        if (canonical == any)
        {
            list.Clear();
        }
        else
        {
            list.Remove(any);
        }

        if (!list.Contains(canonical))
        {
            list.Add(canonical);
        }

        return FwResult.Success;
    }

    public static FwResult RemoveRuleTerm(InterzoneRule rule, InterzoneTerm term, string objectName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var (list, any) = TermList(rule, term);
        if (list.RemoveAll(o => o.Equals(objectName, StringComparison.OrdinalIgnoreCase)) == 0)
        {
            return FwResult.Fail(FwErrors.ObjectNotFound);
        }

        if (list.Count == 0)
        {
            list.Add(any);
        }

        return FwResult.Success;
    }

    public static void SetRuleLogging(InterzoneRule rule, bool enabled) => rule!.Logging = enabled;

    /// <summary><c>packet-filter ACL</c>: references an existing advanced ACL (policy group mode).</summary>
    public FwResult AddPacketFilter(InterzoneInstance instance, int aclNumber)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuleList.Count > 0)
        {
            return FwResult.Fail(FwErrors.PolicyModeConflict);
        }

        if (_config.Acls.Find(aclNumber) is not { Kind: AclKind.Advanced })
        {
            return FwResult.Fail(FwErrors.AclNotFound);
        }

        if (!instance.PacketFilterList.Contains(aclNumber))
        {
            instance.PacketFilterList.Add(aclNumber);
        }

        return FwResult.Success;
    }

    public static FwResult RemovePacketFilter(InterzoneInstance instance, int aclNumber)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.PacketFilterList.Remove(aclNumber) ? FwResult.Success : FwResult.Fail(FwErrors.AclNotFound);
    }

    private static (List<string> List, string Any) TermList(InterzoneRule rule, InterzoneTerm term) => term switch
    {
        InterzoneTerm.SourceIp => (rule.SourceObjects, ObjectTable.AnyAddress),
        InterzoneTerm.DestinationIp => (rule.DestinationObjects, ObjectTable.AnyAddress),
        _ => (rule.Services, ObjectTable.AnyService),
    };

    private static int NextInterzoneId(InterzoneInstance instance)
    {
        if (instance.RuleList.Count == 0)
        {
            return 0;
        }

        var next = instance.RuleList.Max(r => r.Id) + 1;
        if (next <= 65534)
        {
            return next;
        }

        var used = instance.RuleList.Select(r => r.Id).ToHashSet();
        return Enumerable.Range(0, 65535).FirstOrDefault(n => !used.Contains(n), -1);
    }
}
