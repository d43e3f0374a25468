using Emulator.Comware.Model.Values;
using System.Globalization;

namespace Emulator.Comware.Model.Firewall;

public enum PolicyAction
{
    Drop,
    Pass,
}

/// <summary>A V7 source/destination address term: an object group name or an inline host/subnet/range.</summary>
public sealed record PolicyAddress(string? ObjectName, AddressMember? Inline)
{
    public string Render(string direction) => ObjectName is not null
        ? $"{direction}-ip {ObjectName}"
        : Inline!.Kind switch
        {
            AddressMemberKind.Host => $"{direction}-ip-host {Ipv4.Format(Inline.Start)}",
            AddressMemberKind.Subnet => string.Create(CultureInfo.InvariantCulture, $"{direction}-ip-subnet {Ipv4.Format(Inline.Start)} {Ipv4.Format(Ipv4.MaskOf(Inline.Length))}"),
            _ => $"{direction}-ip-range {Ipv4.Format(Inline.Start)} {Ipv4.Format(Inline.End)}",
        };
}

/// <summary>
/// One V7 <c>security-policy ip</c> rule (H3C SecPath V7 security policy command reference,
/// https://www.h3c.com/en/d_202209/1688290_294551_0.htm: <c>action { drop | pass }</c>, default drop).
/// </summary>
public sealed class PolicyRule
{
    internal PolicyRule(int id, string name)
    {
        Id = id;
        Name = name;
    }

    public int Id { get; }

    public string Name { get; internal set; }

    public PolicyAction Action { get; internal set; } = PolicyAction.Drop;

    public bool Logging { get; internal set; }

    public bool Counting { get; internal set; }

    public bool Disabled { get; internal set; }

    public string? Description { get; internal set; }

    public List<string> SourceZones { get; } = [];

    public List<string> DestinationZones { get; } = [];

    public List<PolicyAddress> SourceAddresses { get; } = [];

    public List<PolicyAddress> DestinationAddresses { get; } = [];

    public List<string> Services { get; } = [];

    public MatchCounter Hits { get; } = new();
}

public sealed partial class FirewallConfig
{
    private readonly List<PolicyRule> _policyRules = [];

    /// <summary>V7 security policy rules in match order (which <c>move rule</c> changes; IDs stay).</summary>
    public IReadOnlyList<PolicyRule> PolicyRules => _policyRules;

    public PolicyRule? FindPolicyRule(int id) => _policyRules.Find(r => r.Id == id);

    public PolicyRule? FindPolicyRule(string name) => _policyRules.Find(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// <c>rule ID</c>, <c>rule name NAME</c> or <c>rule ID name NAME</c>: enter an existing rule or create one.
    /// A new rule without an ID gets the highest ID + 1; one without a name is called <c>ruleID</c> (unverified).
    /// </summary>
    public FwResult GetOrCreatePolicyRule(int? id, string? name, out PolicyRule? rule)
    {
        rule = id is { } wanted ? FindPolicyRule(wanted) : name is not null ? FindPolicyRule(name) : null;
        if (rule is not null)
        {
            if (name is not null && !string.Equals(rule.Name, name, StringComparison.Ordinal))
            {
                if (FindPolicyRule(name) is not null)
                {
                    return FwResult.Fail(FwErrors.RuleNameExists);
                }

                rule.Name = name;
            }

            return FwResult.Success;
        }

        if (id is null && name is null)
        {
            return FwResult.Fail(FwErrors.RuleNotFound);
        }

        if (id is < 0 or > 65534)
        {
            return FwResult.Fail("Invalid rule ID.");
        }

        if (name is not null && (FindPolicyRule(name) is not null))
        {
            return FwResult.Fail(FwErrors.RuleNameExists);
        }

        if (name is not null && (name.Length > 127 || name.Contains(' ', StringComparison.Ordinal)))
        {
            return FwResult.Fail("Invalid rule name.");
        }

        var newId = id ?? (_policyRules.Count == 0 ? 0 : _policyRules.Max(r => r.Id) + 1);
        if (newId > 65534)
        {
            return FwResult.Fail(FwErrors.RuleLimit);
        }

        rule = new PolicyRule(newId, name ?? string.Create(CultureInfo.InvariantCulture, $"rule{newId}"));
        _policyRules.Add(rule);
        return FwResult.Success;
    }

    public FwResult DeletePolicyRule(int? id, string? name)
    {
        var rule = id is { } wanted ? FindPolicyRule(wanted) : name is not null ? FindPolicyRule(name) : null;
        return rule is not null && _policyRules.Remove(rule) ? FwResult.Success : FwResult.Fail(FwErrors.RuleNotFound);
    }

    /// <summary><c>move rule ID before|after TARGET</c>: changes match order only.</summary>
    public FwResult MovePolicyRule(int id, bool before, int target)
    {
        var rule = FindPolicyRule(id);
        var anchor = FindPolicyRule(target);
        if (rule is null || anchor is null)
        {
            return FwResult.Fail(FwErrors.RuleNotFound);
        }

        if (rule == anchor)
        {
            return FwResult.Success;
        }

        _policyRules.Remove(rule);
        var index = _policyRules.IndexOf(anchor);
        _policyRules.Insert(before ? index : index + 1, rule);
        return FwResult.Success;
    }

    public FwResult AddPolicyZone(PolicyRule rule, string zoneName, bool source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var list = source ? rule.SourceZones : rule.DestinationZones;
        string canonical;
        if (zoneName.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            canonical = "any";
        }
        else if (FindZone(zoneName) is { } zone)
        {
            canonical = zone.Name;
        }
        else
        {
            return FwResult.Fail(FwErrors.ZoneNotFound);
        }

        if (!list.Contains(canonical, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(canonical);
        }

        return FwResult.Success;
    }

    public static FwResult RemovePolicyZone(PolicyRule rule, string? zoneName, bool source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var list = source ? rule.SourceZones : rule.DestinationZones;
        if (zoneName is null)
        {
            list.Clear();
            return FwResult.Success;
        }

        return list.RemoveAll(z => z.Equals(zoneName, StringComparison.OrdinalIgnoreCase)) > 0 ? FwResult.Success : FwResult.Fail(FwErrors.ZoneNotFound);
    }

    /// <summary><c>source-ip NAME</c> / <c>destination-ip NAME</c>: the object group must exist.</summary>
    public FwResult AddPolicyAddressObject(PolicyRule rule, string objectName, bool source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var obj = FindAddressObject(objectName);
        if (obj is null)
        {
            return FwResult.Fail(FwErrors.ObjectNotFound);
        }

        var list = source ? rule.SourceAddresses : rule.DestinationAddresses;
        if (!list.Exists(a => string.Equals(a.ObjectName, obj.Name, StringComparison.OrdinalIgnoreCase)))
        {
            list.Add(new PolicyAddress(obj.Name, null));
        }

        return FwResult.Success;
    }

    /// <summary><c>source-ip-host A</c>, <c>source-ip-subnet A M</c>, <c>source-ip-range A B</c> (and destination-).</summary>
    public FwResult AddPolicyInlineAddress(PolicyRule rule, bool source, AddressSpec spec)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var probe = new AddressObject("inline", isDefault: false);
        var parsed = AddAddressMember(probe, 0, spec);
        if (!parsed.Ok)
        {
            return parsed;
        }

        var list = source ? rule.SourceAddresses : rule.DestinationAddresses;
        var term = new PolicyAddress(null, probe.MemberMap[0]);
        if (!list.Contains(term))
        {
            list.Add(term);
        }

        return FwResult.Success;
    }

    public static FwResult RemovePolicyAddress(PolicyRule rule, bool source, PolicyAddress? term)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var list = source ? rule.SourceAddresses : rule.DestinationAddresses;
        if (term is null)
        {
            list.Clear();
            return FwResult.Success;
        }

        return list.Remove(term) ? FwResult.Success : FwResult.Fail(FwErrors.ObjectNotFound);
    }

    public FwResult AddPolicyService(PolicyRule rule, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var obj = FindServiceObject(serviceName);
        if (obj is null)
        {
            return FwResult.Fail(FwErrors.ObjectNotFound);
        }

        if (!rule.Services.Contains(obj.Name, StringComparer.OrdinalIgnoreCase))
        {
            rule.Services.Add(obj.Name);
        }

        return FwResult.Success;
    }

    public static FwResult RemovePolicyService(PolicyRule rule, string? serviceName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (serviceName is null)
        {
            rule.Services.Clear();
            return FwResult.Success;
        }

        return rule.Services.RemoveAll(s => s.Equals(serviceName, StringComparison.OrdinalIgnoreCase)) > 0 ? FwResult.Success : FwResult.Fail(FwErrors.ObjectNotFound);
    }

    public static void SetPolicyAction(PolicyRule rule, PolicyAction action) => rule!.Action = action;

    public static void SetPolicyLogging(PolicyRule rule, bool enabled) => rule!.Logging = enabled;

    public static void SetPolicyCounting(PolicyRule rule, bool enabled) => rule!.Counting = enabled;

    public static void SetPolicyDisabled(PolicyRule rule, bool disabled) => rule!.Disabled = disabled;

    public static void SetPolicyDescription(PolicyRule rule, string? text) => rule!.Description = string.IsNullOrEmpty(text) ? null : text;
}
