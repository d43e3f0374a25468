namespace Emulator.Comware.Model.Firewall;

/// <summary>
/// A V5 interzone instance (source zone, destination zone) holding either interzone policy rules or a policy group of
/// advanced ACLs, never both (HP Firewalls and UTM Devices Access Control Configuration Guide F3726/F3211/F3174, p. 84-85:
/// https://www.manualshelf.com/manual/hp/hp-7100-7200-ipsec-dl-module/f3726-f3211-f3174-r5135-r3816-hp-firewalls-and-utm-devices-access-control-configuration-guide-6pw100/page-84.html).
/// The CLI lines themselves follow comware-cli.md §8.3 and are unverified.
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

public sealed partial class FirewallConfig
{
    private readonly List<InterzoneInstance> _interzones = [];

    public IReadOnlyList<InterzoneInstance> Interzones => _interzones;

    public InterzoneInstance? FindInterzone(string source, string destination) => _interzones.Find(i =>
        string.Equals(i.Source, source, StringComparison.OrdinalIgnoreCase) && string.Equals(i.Destination, destination, StringComparison.OrdinalIgnoreCase));

    /// <summary><c>interzone source Z1 destination Z2</c>: both zones must exist and differ.</summary>
    public FwResult GetOrCreateInterzone(string source, string destination, out InterzoneInstance? instance)
    {
        instance = null;
        var from = FindZone(source);
        var to = FindZone(destination);
        if (from is null || to is null)
        {
            return FwResult.Fail(FwErrors.ZoneNotFound);
        }

        if (from == to)
        {
            return FwResult.Fail(FwErrors.SameZone);
        }

        instance = FindInterzone(from.Name, to.Name);
        if (instance is null)
        {
            instance = new InterzoneInstance(from.Name, to.Name);
            _interzones.Add(instance);
        }

        return FwResult.Success;
    }

    public FwResult DeleteInterzone(string source, string destination)
    {
        var instance = FindInterzone(source, destination);
        return instance is not null && _interzones.Remove(instance) ? FwResult.Success : FwResult.Fail("The interzone instance does not exist.");
    }

    /// <summary><c>rule [ID] permit|deny</c>: auto ID = highest + 1; past 65534 the smallest unused ID (same guide).</summary>
    public static FwResult GetOrCreateInterzoneRule(InterzoneInstance instance, int? id, bool permit, out InterzoneRule? rule)
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
        rule.SourceObjects.Add(AnyAddress);
        rule.DestinationObjects.Add(AnyAddress);
        rule.Services.Add(AnyService);
        instance.RuleList.Add(rule);
        return FwResult.Success;
    }

    public static FwResult DeleteInterzoneRule(InterzoneInstance instance, int id)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.RuleList.RemoveAll(r => r.Id == id) > 0 ? FwResult.Success : FwResult.Fail(FwErrors.RuleNotFound);
    }

    public static FwResult SetInterzoneRuleEnabled(InterzoneInstance instance, int id, bool enabled)
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
    public FwResult AddInterzoneRuleTerm(InterzoneRule rule, string term, string objectName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        string? canonical = term switch
        {
            "source-ip" or "destination-ip" => FindAddressObject(objectName)?.Name,
            "service" => FindServiceObject(objectName)?.Name,
            _ => null,
        };
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

    public static FwResult RemoveInterzoneRuleTerm(InterzoneRule rule, string term, string objectName)
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

    public static void SetInterzoneRuleLogging(InterzoneRule rule, bool enabled) => rule!.Logging = enabled;

    /// <summary><c>packet-filter ACL</c>: references an existing advanced ACL (policy group mode).</summary>
    public FwResult AddInterzonePacketFilter(InterzoneInstance instance, int aclNumber)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuleList.Count > 0)
        {
            return FwResult.Fail(FwErrors.PolicyModeConflict);
        }

        if (FindAcl(aclNumber) is not { Kind: AclKind.Advanced })
        {
            return FwResult.Fail(FwErrors.AclNotFound);
        }

        if (!instance.PacketFilterList.Contains(aclNumber))
        {
            instance.PacketFilterList.Add(aclNumber);
        }

        return FwResult.Success;
    }

    public static FwResult RemoveInterzonePacketFilter(InterzoneInstance instance, int aclNumber)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.PacketFilterList.Remove(aclNumber) ? FwResult.Success : FwResult.Fail(FwErrors.AclNotFound);
    }

    private static (List<string> List, string Any) TermList(InterzoneRule rule, string term) => term switch
    {
        "source-ip" => (rule.SourceObjects, AnyAddress),
        "destination-ip" => (rule.DestinationObjects, AnyAddress),
        _ => (rule.Services, AnyService),
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
