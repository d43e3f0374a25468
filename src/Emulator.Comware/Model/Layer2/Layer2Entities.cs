using System.Globalization;

namespace Emulator.Comware.Model.Layer2;

/// <summary>One VLAN (<c>vlan N</c>); name and description default to <c>VLAN 00NN</c>, as Comware shows them.</summary>
public sealed class Vlan(int id)
{
    public int Id { get; } = id;

    /// <summary>Set by <c>name</c>; null = the default.</summary>
    public string? Name { get; internal set; }

    /// <summary>Set by <c>description</c>; null = the default.</summary>
    public string? Description { get; internal set; }

    public string DefaultText => "VLAN " + Id.ToString("D4", CultureInfo.InvariantCulture);

    public string EffectiveName => Name ?? DefaultText;

    public string EffectiveDescription => Description ?? DefaultText;
}

public enum PortLinkType
{
    Access,
    Trunk,
    Hybrid,
}

/// <summary>Layer-2 settings of one Ethernet port or Bridge-Aggregation interface (defaults: access port of VLAN 1).</summary>
public sealed class PortSettings
{
    /// <summary><c>port link-mode bridge</c> on an Ethernet port (a SecPath's ports are routed by default); aggregates of type bridge are always bridged.</summary>
    public bool Bridge { get; internal set; }

    public PortLinkType LinkType { get; internal set; } = PortLinkType.Access;

    public int AccessVlan { get; internal set; } = 1;

    /// <summary><c>port trunk permit vlan</c>: VLAN 1 is permitted by default.</summary>
    public SortedSet<int> TrunkPermitted { get; } = [1];

    /// <summary><c>port link-aggregation group N</c>; null = not a member.</summary>
    public int? AggregationGroup { get; internal set; }

    /// <summary><c>undo lldp enable</c> on the port (LLDP runs on every port by default).</summary>
    public bool LldpDisabled { get; internal set; }

    /// <summary><c>ip binding vpn-instance NAME</c>; null = the public network.</summary>
    public string? VpnInstance { get; internal set; }

    /// <summary>VLANs whose frames this port carries untagged (the PVID) and tagged.</summary>
    public int Pvid => LinkType == PortLinkType.Access ? AccessVlan : 1;

    /// <summary>An access port carries its VLAN untagged; a trunk its permitted VLANs, VLAN 1 (the PVID) untagged; a hybrid port VLAN 1 untagged.</summary>
    public bool CarriesUntagged(int vlan) => LinkType switch
    {
        PortLinkType.Access => vlan == AccessVlan,
        PortLinkType.Trunk => vlan == 1 && TrunkPermitted.Contains(1),
        _ => vlan == 1,
    };

    public bool CarriesTagged(int vlan) => LinkType == PortLinkType.Trunk && vlan != 1 && TrunkPermitted.Contains(vlan);

    internal bool IsDefault => !Bridge && LinkType == PortLinkType.Access && AccessVlan == 1 && TrunkPermitted is { Count: 1 } && TrunkPermitted.Contains(1)
        && AggregationGroup is null && !LldpDisabled && VpnInstance is null;
}

/// <summary><c>arp static IP MAC [VLAN INTERFACE]</c>.</summary>
public sealed record StaticArp(uint Address, string Mac, int? Vlan, string? Interface);

/// <summary><c>ip vpn-instance NAME</c> with its route distinguisher.</summary>
public sealed class VpnInstance(string name, DateTimeOffset created)
{
    public string Name { get; } = name;

    public DateTimeOffset Created { get; } = created;

    public string? RouteDistinguisher { get; internal set; }

    public string? Description { get; internal set; }
}
