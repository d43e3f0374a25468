using System.Globalization;
using Emulator.Comware.Model.Firewall.Objects;
using Emulator.Comware.Model.Firewall.Zones;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Policies;

/// <summary>A flow to evaluate. Zones may be left null: they are then derived from the routing table.</summary>
public sealed record FlowQuery(string? SourceZone, uint Source, string? DestinationZone, uint Destination, int Protocol, int SourcePort = 0, int DestinationPort = 0);

/// <summary>Whether the first packet of a flow passes, and which rule (or default) decided it.</summary>
public sealed record PolicyVerdict(bool Permitted, string SourceZone, string DestinationZone, int? RuleId, string? RuleName, string Reason)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Permitted ? "permit" : "deny")} {SourceZone}->{DestinationZone}: {Reason}");
}

/// <summary>Answers "would this flow pass, and by which rule" over every feature of one configuration.</summary>
internal sealed class PolicyEvaluation(FirewallConfig config)
{
    private readonly FirewallConfig _config = config;

    private ComwareDialect Dialect => _config.Dialect;

    /// <summary>
    /// Evaluates a flow against the dialect's policy, first match wins (beyond the real device; for labs and tests).
    /// V7: security-policy rules in list order, default drop; intra-zone traffic is also dropped by default
    /// (M9000 V7 Web guide, https://www.h3c.com/en/d_202208/1675727_294551_0.htm).
    /// V5: the interzone instance's rules or ACL group in order, default deny; intra-zone traffic passes (unverified).
    /// Counting a hit is optional so that what-if queries do not disturb the counters.
    /// </summary>
    public PolicyVerdict Evaluate(FlowQuery query, bool countHit = false)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sourceZone = query.SourceZone is null ? ZoneForAddress(query.Source) : _config.Zones.Find(query.SourceZone)?.Name;
        var destinationZone = query.DestinationZone is null ? ZoneForAddress(query.Destination) : _config.Zones.Find(query.DestinationZone)?.Name;
        if (sourceZone is null || destinationZone is null)
        {
            return new PolicyVerdict(false, sourceZone ?? "-", destinationZone ?? "-", null, null,
                "interface not in any security zone (discarded)");
        }

        return Dialect == ComwareDialect.V7
            ? EvaluateV7(query, sourceZone, destinationZone, countHit)
            : EvaluateV5(query, sourceZone, destinationZone, countHit);
    }

    /// <summary>The zone an address sits in: Local for the device's own addresses, else the zone of the egress interface.</summary>
    public string? ZoneForAddress(uint address)
    {
        if (_config.Interfaces.OwnerOf(address) is not null)
        {
            return ZoneTable.LocalZone;
        }

        var route = _config.Routes.Lookup(address);
        return route is null || route.Interface is "NULL0" or "InLoopBack0" ? null : _config.Zones.ZoneOf(route.Interface)?.Name;
    }

    private PolicyVerdict EvaluateV7(FlowQuery query, string sourceZone, string destinationZone, bool countHit)
    {
        foreach (var rule in _config.SecurityPolicy)
        {
            if (rule.Disabled || !ZoneMatches(rule.SourceZones, sourceZone) || !ZoneMatches(rule.DestinationZones, destinationZone)
                || !AddressesMatch(rule.SourceAddresses, query.Source) || !AddressesMatch(rule.DestinationAddresses, query.Destination)
                || !(rule.Services.Count == 0 || rule.Services.Exists(s => _config.Objects.ServiceObjectMatches(s, query.Protocol, query.SourcePort, query.DestinationPort))))
            {
                continue;
            }

            if (countHit)
            {
                rule.Hits.Hit();
            }

            return new PolicyVerdict(rule.Action == PolicyAction.Pass, sourceZone, destinationZone, rule.Id, rule.Name,
                string.Create(CultureInfo.InvariantCulture, $"rule {rule.Id} name {rule.Name} action {(rule.Action == PolicyAction.Pass ? "pass" : "drop")}"));
        }

        return new PolicyVerdict(false, sourceZone, destinationZone, null, null, "no rule matched (default action drop)");
    }

    private PolicyVerdict EvaluateV5(FlowQuery query, string sourceZone, string destinationZone, bool countHit)
    {
        if (string.Equals(sourceZone, destinationZone, StringComparison.OrdinalIgnoreCase))
        {
            return new PolicyVerdict(true, sourceZone, destinationZone, null, null, "same security zone (permitted)");
        }

        var instance = _config.Interzones.Find(sourceZone, destinationZone);
        if (instance is not null)
        {
            foreach (var rule in instance.RuleList)
            {
                if (!rule.Enabled
                    || !rule.SourceObjects.Exists(o => _config.Objects.AddressObjectContains(o, query.Source))
                    || !rule.DestinationObjects.Exists(o => _config.Objects.AddressObjectContains(o, query.Destination))
                    || !rule.Services.Exists(s => _config.Objects.ServiceObjectMatches(s, query.Protocol, query.SourcePort, query.DestinationPort)))
                {
                    continue;
                }

                if (countHit)
                {
                    rule.Hits.Hit();
                }

                return new PolicyVerdict(rule.Permit, sourceZone, destinationZone, rule.Id, null,
                    string.Create(CultureInfo.InvariantCulture, $"interzone rule {rule.Id} {(rule.Permit ? "permit" : "deny")}"));
            }

            foreach (var number in instance.PacketFilterList)
            {
                var acl = _config.Acls.Find(number);
                var hit = acl?.Match(query.Protocol, query.Source, query.Destination, query.SourcePort, query.DestinationPort);
                if (hit is null)
                {
                    continue;
                }

                if (countHit)
                {
                    hit.Hits.Hit();
                }

                return new PolicyVerdict(hit.Permit, sourceZone, destinationZone, hit.Id, null,
                    string.Create(CultureInfo.InvariantCulture, $"acl {number} rule {hit.Id} {(hit.Permit ? "permit" : "deny")}"));
            }
        }

        return new PolicyVerdict(false, sourceZone, destinationZone, null, null, "no rule matched (default action deny)");
    }

    private static bool ZoneMatches(List<string> zones, string zone) =>
        zones.Count == 0 || zones.Exists(z => z == "any" || string.Equals(z, zone, StringComparison.OrdinalIgnoreCase));

    private bool AddressesMatch(List<PolicyAddress> terms, uint address) =>
        terms.Count == 0 || terms.Exists(t => t.ObjectName is not null
            ? _config.Objects.AddressObjectContains(t.ObjectName, address)
            : t.Inline!.Kind == AddressMemberKind.Subnet
                ? new IpPrefix(t.Inline.Start, t.Inline.Length).Contains(address)
                : address >= t.Inline.Start && address <= t.Inline.End);
}
