using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Layer2;

/// <summary>
/// The layer-2 part of the running configuration (issue 13): VLANs, per-port layer-2 settings (link mode and type,
/// access VLAN, trunk VLANs, aggregation group, LLDP, VPN binding), static ARP, LLDP's global switch and VPN instances;
/// plus the neighbours the device was given (<see cref="DeviceFacts.Neighbors"/>), from which the dynamic ARP, MAC and LLDP
/// tables are derived (<see cref="Layer2Learning"/>). Interfaces themselves (including Bridge-/Route-Aggregation and
/// Vlan-interface) live in the firewall's interface table; this model refers to them by full name. Every mutator
/// validates first and changes nothing when it fails. Error texts follow the Comware style (unverified wording).
/// </summary>
public sealed class Layer2Config
{
    private readonly FirewallConfig _root;
    private readonly SortedDictionary<int, Vlan> _vlans = new() { [1] = new Vlan(1) };
    private readonly Dictionary<string, PortSettings> _ports = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedDictionary<uint, StaticArp> _staticArp = [];
    private readonly SortedDictionary<string, VpnInstance> _vpns = new(StringComparer.Ordinal);

    internal Layer2Config(FirewallConfig root, DeviceFacts facts)
    {
        _root = root;
        Neighbors = facts.Neighbors;
        BridgeMac = facts.Hardware.BaseMacAddress.ToLowerInvariant();
    }

    public IReadOnlyList<NeighborFacts> Neighbors { get; }

    /// <summary>The bridge MAC (LLDP chassis ID, LACP system ID).</summary>
    public string BridgeMac { get; }

    public IReadOnlyCollection<Vlan> Vlans => _vlans.Values;

    public IReadOnlyCollection<StaticArp> StaticArps => _staticArp.Values;

    public IReadOnlyCollection<VpnInstance> VpnInstances => _vpns.Values;

    /// <summary><c>lldp global enable</c> (V7) / <c>lldp enable</c> in system view (V5): on by default, as on Comware 7 devices.</summary>
    public bool LldpEnabled { get; private set; } = true;

    public Vlan? FindVlan(int id) => _vlans.GetValueOrDefault(id);

    public VpnInstance? FindVpn(string name) => _vpns.GetValueOrDefault(name);

    /// <summary>The port's settings for reading: defaults (not stored) when nothing was set.</summary>
    public PortSettings SettingsOf(FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(iface);
        return _ports.GetValueOrDefault(iface.Name) ?? new PortSettings { Bridge = IsBridgeAggregation(iface) };
    }

    /// <summary>The port's settings for changing (created with the defaults on first change).</summary>
    internal PortSettings Port(FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (!_ports.TryGetValue(iface.Name, out var port))
        {
            port = new PortSettings { Bridge = iface.Id.Type.FullName == "Bridge-Aggregation" };
            _ports[iface.Name] = port;
        }

        return port;
    }

    /// <summary>Whether the interface switches frames: an Ethernet port in bridge mode or a Bridge-Aggregation.</summary>
    public bool IsBridged(FwInterface iface) => IsBridgeAggregation(iface) || (iface.Kind == InterfaceKind.Ethernet && _ports.GetValueOrDefault(iface.Name)?.Bridge == true);

    public static bool IsBridgeAggregation(FwInterface iface) => iface?.Id.Type.FullName == "Bridge-Aggregation";

    /// <summary>The Ethernet ports that are members of this aggregate interface.</summary>
    public IEnumerable<FwInterface> Members(FwInterface aggregate) =>
        _root.Interfaces.Where(i => i.Kind == InterfaceKind.Ethernet && _ports.GetValueOrDefault(i.Name)?.AggregationGroup is { } g
            && aggregate.Kind == InterfaceKind.Aggregation && g.ToString(System.Globalization.CultureInfo.InvariantCulture) == aggregate.Id.Number);

    /// <summary>The aggregate interface a port belongs to, or null.</summary>
    public FwInterface? AggregateOf(FwInterface port) =>
        _ports.GetValueOrDefault(port.Name)?.AggregationGroup is { } group ? AggregateInterface(group) : null;

    private FwInterface? AggregateInterface(int group) =>
        _root.Interfaces.FirstOrDefault(i => i.Kind == InterfaceKind.Aggregation && i.Id.Number == group.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public FwResult CreateVlan(int id, out Vlan vlan)
    {
        if (!_vlans.TryGetValue(id, out vlan!))
        {
            vlan = new Vlan(id);
            _vlans[id] = vlan;
        }

        return FwResult.Success;
    }

    /// <summary><c>undo vlan N</c>: VLAN 1 stays; access ports of the VLAN go back to VLAN 1.</summary>
    public FwResult DeleteVlan(int id)
    {
        if (id == 1)
        {
            return FwResult.Fail(Layer2Errors.DefaultVlan);
        }

        if (!_vlans.Remove(id))
        {
            return FwResult.Fail(Layer2Errors.VlanNotFound(id));
        }

        foreach (var port in _ports.Values.Where(p => p.AccessVlan == id))
        {
            port.AccessVlan = 1;
        }

        return FwResult.Success;
    }

    public static FwResult SetVlanName(Vlan vlan, string? name)
    {
        ArgumentNullException.ThrowIfNull(vlan);
        vlan.Name = name;
        return FwResult.Success;
    }

    public static FwResult SetVlanDescription(Vlan vlan, string? text)
    {
        ArgumentNullException.ThrowIfNull(vlan);
        vlan.Description = text;
        return FwResult.Success;
    }

    /// <summary><c>port link-mode bridge|route</c>: only Ethernet ports switch; a port with an address or in a group must be cleared first. Switching resets the layer-2 settings.</summary>
    public FwResult SetBridgeMode(FwInterface iface, bool bridge)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind != InterfaceKind.Ethernet)
        {
            return FwResult.Fail(Layer2Errors.NotEthernet);
        }

        var port = Port(iface);
        if (port.Bridge == bridge)
        {
            return FwResult.Success;
        }

        if (iface.AllAddresses.Any() || port.AggregationGroup is not null || port.VpnInstance is not null)
        {
            return FwResult.Fail(Layer2Errors.ModeChangeBlocked);
        }

        port.Bridge = bridge;
        port.LinkType = PortLinkType.Access;
        port.AccessVlan = 1;
        port.TrunkPermitted.Clear();
        port.TrunkPermitted.Add(1);
        return FwResult.Success;
    }

    public FwResult SetLinkType(FwInterface iface, PortLinkType type)
    {
        if (BridgedPort(iface) is not { } port)
        {
            return FwResult.Fail(Layer2Errors.RouteMode);
        }

        port.LinkType = type;
        return FwResult.Success;
    }

    /// <summary><c>port access vlan N</c> (null = back to VLAN 1): the port must be an access port and the VLAN must exist.</summary>
    public FwResult SetAccessVlan(FwInterface iface, int? vlan)
    {
        if (BridgedPort(iface) is not { } port)
        {
            return FwResult.Fail(Layer2Errors.RouteMode);
        }

        if (port.LinkType != PortLinkType.Access)
        {
            return FwResult.Fail(Layer2Errors.NotAccess);
        }

        if (vlan is { } id && !_vlans.ContainsKey(id))
        {
            return FwResult.Fail(Layer2Errors.VlanNotFound(id));
        }

        port.AccessVlan = vlan ?? 1;
        return FwResult.Success;
    }

    /// <summary><c>[undo] port trunk permit vlan { LIST | all }</c> on a trunk port.</summary>
    public FwResult PermitTrunkVlans(FwInterface iface, IReadOnlyCollection<int> vlans, bool permit)
    {
        ArgumentNullException.ThrowIfNull(vlans);
        if (BridgedPort(iface) is not { } port)
        {
            return FwResult.Fail(Layer2Errors.RouteMode);
        }

        if (port.LinkType != PortLinkType.Trunk)
        {
            return FwResult.Fail(Layer2Errors.NotTrunk);
        }

        foreach (var vlan in vlans)
        {
            if (permit)
            {
                port.TrunkPermitted.Add(vlan);
            }
            else
            {
                port.TrunkPermitted.Remove(vlan);
            }
        }

        return FwResult.Success;
    }

    /// <summary>
    /// <c>port link-aggregation group N</c> on an Ethernet port: the aggregate interface N must exist; a Bridge-Aggregation
    /// takes bridge-mode ports, a Route-Aggregation route-mode ports. Null leaves the group.
    /// </summary>
    public FwResult SetAggregationGroup(FwInterface iface, int? group)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind != InterfaceKind.Ethernet)
        {
            return FwResult.Fail(Layer2Errors.NotEthernet);
        }

        var port = Port(iface);
        if (group is not { } number)
        {
            port.AggregationGroup = null;
            return FwResult.Success;
        }

        if (AggregateInterface(number) is not { } aggregate)
        {
            return FwResult.Fail(Layer2Errors.AggregationNotFound);
        }

        if (IsBridgeAggregation(aggregate) != port.Bridge)
        {
            return FwResult.Fail(Layer2Errors.AggregationModeMismatch);
        }

        port.AggregationGroup = number;
        return FwResult.Success;
    }

    public FwResult SetLldpGlobal(bool enabled)
    {
        LldpEnabled = enabled;
        return FwResult.Success;
    }

    public FwResult SetPortLldp(FwInterface iface, bool enabled)
    {
        Port(iface).LldpDisabled = !enabled;
        return FwResult.Success;
    }

    /// <summary>Whether LLDP runs on the port: globally on, on the port, and the port administratively up.</summary>
    public bool LldpRunsOn(FwInterface iface) => LldpEnabled && !iface.AdminDown && _ports.GetValueOrDefault(iface.Name)?.LldpDisabled != true;

    public FwResult CreateVpn(string name, DateTimeOffset now, out VpnInstance vpn)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_vpns.TryGetValue(name, out vpn!))
        {
            vpn = new VpnInstance(name, now);
            _vpns[name] = vpn;
        }

        return FwResult.Success;
    }

    /// <summary><c>undo ip vpn-instance NAME</c>: interfaces bound to it go back to the public network.</summary>
    public FwResult DeleteVpn(string name)
    {
        if (!_vpns.Remove(name))
        {
            return FwResult.Fail(Layer2Errors.VpnNotFound);
        }

        foreach (var port in _ports.Values.Where(p => p.VpnInstance == name))
        {
            port.VpnInstance = null;
        }

        return FwResult.Success;
    }

    /// <summary><c>route-distinguisher ASN:NN|IP:NN</c>: set once; changing it needs <c>undo route-distinguisher</c> first.</summary>
    public static FwResult SetRouteDistinguisher(VpnInstance vpn, string? rd)
    {
        ArgumentNullException.ThrowIfNull(vpn);
        if (rd is not null)
        {
            if (!IsRouteDistinguisher(rd))
            {
                return FwResult.Fail(Layer2Errors.InvalidRd);
            }

            if (vpn.RouteDistinguisher is { } current && current != rd)
            {
                return FwResult.Fail(Layer2Errors.RdConfigured);
            }
        }

        vpn.RouteDistinguisher = rd;
        return FwResult.Success;
    }

    public static FwResult SetVpnDescription(VpnInstance vpn, string? text)
    {
        ArgumentNullException.ThrowIfNull(vpn);
        vpn.Description = text;
        return FwResult.Success;
    }

    /// <summary><c>ip binding vpn-instance NAME</c> on a layer-3 interface (null = unbind).</summary>
    public FwResult Bind(FwInterface iface, string? vpn)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (IsBridged(iface))
        {
            return FwResult.Fail(Layer2Errors.BridgeMode);
        }

        if (vpn is not null && !_vpns.ContainsKey(vpn))
        {
            return FwResult.Fail(Layer2Errors.VpnNotFound);
        }

        Port(iface).VpnInstance = vpn;
        return FwResult.Success;
    }

    /// <summary>Interfaces bound to the VPN instance, in listing order.</summary>
    public IEnumerable<FwInterface> BoundTo(VpnInstance vpn) =>
        _root.Interfaces.Where(i => _ports.GetValueOrDefault(i.Name)?.VpnInstance == vpn.Name);

    /// <summary><c>arp static IP MAC [VLAN INTERFACE]</c>: replaces an entry of the same address.</summary>
    public FwResult AddStaticArp(Ipv4Address address, string mac, int? vlan, FwInterface? iface)
    {
        if (!Macs.TryNormalize(mac, out var normalized))
        {
            return FwResult.Fail(Layer2Errors.InvalidMac);
        }

        if (vlan is { } v && !_vlans.ContainsKey(v))
        {
            return FwResult.Fail(Layer2Errors.VlanNotFound(v));
        }

        if (iface is not null && (!IsBridged(iface) || !SettingsOf(iface).CarriesUntagged(vlan!.Value) && !SettingsOf(iface).CarriesTagged(vlan.Value)))
        {
            return FwResult.Fail(Layer2Errors.PortNotInVlan);
        }

        _staticArp[address.Value] = new StaticArp(address.Value, normalized, vlan, iface?.Name);
        return FwResult.Success;
    }

    public FwResult RemoveStaticArp(Ipv4Address address) =>
        _staticArp.Remove(address.Value) ? FwResult.Success : FwResult.Fail(Layer2Errors.ArpNotFound);

    /// <summary>The interface table deleted this interface: drop its settings, its static ARP entries and, for an aggregate, its members' group.</summary>
    internal void Forget(string gone)
    {
        _ports.Remove(gone);
        foreach (var entry in _staticArp.Values.Where(e => string.Equals(e.Interface, gone, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            _staticArp.Remove(entry.Address);
        }

        if (InterfaceNames.TryParse(gone, out var name) && name.Kind == InterfaceKind.Aggregation)
        {
            foreach (var port in _ports.Values.Where(p => p.AggregationGroup?.ToString(System.Globalization.CultureInfo.InvariantCulture) == name.Number))
            {
                port.AggregationGroup = null;
            }
        }
    }

    private PortSettings? BridgedPort(FwInterface iface)
    {
        ArgumentNullException.ThrowIfNull(iface);
        return IsBridged(iface) ? Port(iface) : null;
    }

    private static bool IsRouteDistinguisher(string rd)
    {
        var colon = rd.LastIndexOf(':');
        return colon > 0 && colon < rd.Length - 1 && rd.Length <= 21 && rd[(colon + 1)..].All(char.IsAsciiDigit)
            && (rd[..colon].All(char.IsAsciiDigit) || Ipv4Address.TryParse(rd.AsSpan(0, colon), out _));
    }
}
