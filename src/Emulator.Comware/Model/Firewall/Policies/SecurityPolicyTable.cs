using System.Collections;
using System.Globalization;
using Emulator.Comware.Model.Firewall.Objects;

namespace Emulator.Comware.Model.Firewall.Policies;

/// <summary>V7 <c>security-policy ip</c>: the rules in match order.</summary>
public sealed class SecurityPolicyTable : IReadOnlyList<PolicyRule>
{
    private readonly FirewallConfig _config;
    private readonly List<PolicyRule> _policyRules = [];

    internal SecurityPolicyTable(FirewallConfig config)
    {
        _config = config;
    }

    public int Count => _policyRules.Count;

    /// <summary>V7 security policy rules in match order (which <c>move rule</c> changes; IDs stay).</summary>
    public IReadOnlyList<PolicyRule> Rules => _policyRules;

    public PolicyRule this[int index] => _policyRules[index];

    public IEnumerator<PolicyRule> GetEnumerator() => _policyRules.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public PolicyRule? Find(int id) => _policyRules.Find(r => r.Id == id);

    public PolicyRule? Find(string name) => _policyRules.Find(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// <c>rule ID</c>, <c>rule name NAME</c> or <c>rule ID name NAME</c>: enter an existing rule or create one.
    /// A new rule without an ID gets the highest ID + 1; one without a name is called <c>ruleID</c> (unverified).
    /// </summary>
    public FwResult GetOrCreate(int? id, string? name, out PolicyRule? rule)
    {
        rule = id is { } wanted ? Find(wanted) : name is not null ? Find(name) : null;
        if (rule is not null)
        {
            if (name is not null && !string.Equals(rule.Name, name, StringComparison.Ordinal))
            {
                if (Find(name) is not null)
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

        if (name is not null && (Find(name) is not null))
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

    public FwResult Delete(int? id, string? name)
    {
        var rule = id is { } wanted ? Find(wanted) : name is not null ? Find(name) : null;
        return rule is not null && _policyRules.Remove(rule) ? FwResult.Success : FwResult.Fail(FwErrors.RuleNotFound);
    }

    /// <summary><c>move rule ID before|after TARGET</c>: changes match order only.</summary>
    public FwResult Move(int id, bool before, int target)
    {
        var rule = Find(id);
        var anchor = Find(target);
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

    public FwResult AddZone(PolicyRule rule, string zoneName, bool source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var list = source ? rule.SourceZones : rule.DestinationZones;
        string canonical;
        if (zoneName.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            canonical = "any";
        }
        else if (_config.Zones.Find(zoneName) is { } zone)
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

    public static FwResult RemoveZone(PolicyRule rule, string? zoneName, bool source)
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
    public FwResult AddAddressObject(PolicyRule rule, string objectName, bool source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var obj = _config.Objects.FindAddressObject(objectName);
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
    public FwResult AddInlineAddress(PolicyRule rule, bool source, AddressSpec spec)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var probe = new AddressObject("inline", isDefault: false);
        var parsed = _config.Objects.AddAddressMember(probe, 0, spec);
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

    public static FwResult RemoveAddress(PolicyRule rule, bool source, PolicyAddress? term)
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

    public FwResult AddService(PolicyRule rule, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var obj = _config.Objects.FindServiceObject(serviceName);
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

    public static FwResult RemoveService(PolicyRule rule, string? serviceName)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (serviceName is null)
        {
            rule.Services.Clear();
            return FwResult.Success;
        }

        return rule.Services.RemoveAll(s => s.Equals(serviceName, StringComparison.OrdinalIgnoreCase)) > 0 ? FwResult.Success : FwResult.Fail(FwErrors.ObjectNotFound);
    }

    public static void SetAction(PolicyRule rule, PolicyAction action) => rule!.Action = action;

    public static void SetLogging(PolicyRule rule, bool enabled) => rule!.Logging = enabled;

    public static void SetCounting(PolicyRule rule, bool enabled) => rule!.Counting = enabled;

    public static void SetDisabled(PolicyRule rule, bool disabled) => rule!.Disabled = disabled;

    public static void SetDescription(PolicyRule rule, string? text) => rule!.Description = string.IsNullOrEmpty(text) ? null : text;
}
