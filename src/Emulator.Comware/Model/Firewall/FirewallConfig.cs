namespace Emulator.Comware.Model.Firewall;

/// <summary>
/// The firewall part of one device's running configuration: interfaces, zones, ACLs, objects, policies, NAT and
/// static routes. Every mutator validates first and changes nothing when it fails, so a rejected command never leaves
/// half a change behind. Not thread-safe: the device serialises configuration changes.
/// </summary>
public sealed partial class FirewallConfig
{
    private readonly Dictionary<string, FwInterface> _interfaces = new(StringComparer.OrdinalIgnoreCase);
    private FwInterface[]? _orderedInterfaces;

    public FirewallConfig(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Dialect = facts.Dialect;
        BaseMac = ParseMac(facts.Hardware.BaseMacAddress);
        var index = 0;
        foreach (var port in facts.Interfaces)
        {
            if (InterfaceName.TryNormalize(port.Name, out var name, out var kind) && kind == InterfaceKind.Ethernet)
            {
                _interfaces[name] = new FwInterface(name, kind, port.MacAddress ?? MacFor(++index), port.DefaultSpeed);
            }
        }

        _interfaces["NULL0"] = new FwInterface("NULL0", InterfaceKind.Null, "", "");
        _interfaces["InLoopBack0"] = new FwInterface("InLoopBack0", InterfaceKind.InLoopBack, "", "");
        InitZones();
    }

    public ComwareDialect Dialect { get; }

    private ulong BaseMac { get; }

    /// <summary>All interfaces in the order the device lists them.</summary>
    public IReadOnlyList<FwInterface> Interfaces => _orderedInterfaces ??= [.. _interfaces.Values.OrderBy(i => i.SortKey)];

    public FwInterface? FindInterface(string name) =>
        InterfaceName.TryNormalize(name, out var canonical, out _) && _interfaces.TryGetValue(canonical, out var found) ? found : null;

    public FwInterface? ParentOf(FwInterface iface) =>
        InterfaceName.ParentOf(iface.Name) is { } parent && _interfaces.TryGetValue(parent, out var found) ? found : null;

    /// <summary>
    /// <c>interface NAME</c>: returns the existing interface or creates a LoopBack, Vlan-interface or sub-interface.
    /// Physical ports that the model does not have are refused, as the device refuses them.
    /// </summary>
    public FwResult GetOrCreateInterface(string typed, out FwInterface? iface)
    {
        iface = null;
        if (!InterfaceName.TryNormalize(typed, out var name, out var kind))
        {
            return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        if (_interfaces.TryGetValue(name, out iface))
        {
            return FwResult.Success;
        }

        switch (kind)
        {
            case InterfaceKind.LoopBack or InterfaceKind.VlanInterface:
                break;
            case InterfaceKind.SubInterface when InterfaceName.ParentOf(name) is { } parent && _interfaces.ContainsKey(parent):
                break;
            default:
                return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        var mac = kind == InterfaceKind.SubInterface ? _interfaces[InterfaceName.ParentOf(name)!].MacAddress : MacFor(0);
        iface = new FwInterface(name, kind, kind == InterfaceKind.LoopBack ? "" : mac, "");
        _interfaces[name] = iface;
        _orderedInterfaces = null;
        return FwResult.Success;
    }

    /// <summary><c>undo interface NAME</c> for logical interfaces; removes everything that names it.</summary>
    public FwResult DeleteInterface(string typed)
    {
        var iface = FindInterface(typed);
        if (iface is null)
        {
            return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        if (iface.IsPermanent)
        {
            return FwResult.Fail(FwErrors.CannotDeletePhysical);
        }

        var doomed = _interfaces.Values.Where(i => i == iface || InterfaceName.ParentOf(i.Name) == iface.Name).Select(i => i.Name).ToList();
        foreach (var name in doomed)
        {
            _interfaces.Remove(name);
            _orderedInterfaces = null;
            foreach (var zone in _zones)
            {
                zone.InterfaceList.RemoveAll(n => n == name);
            }

            _natOutbound.RemoveAll(n => n.Interface == name);
            _natServers.RemoveAll(n => n.Interface == name);
            _natStaticInterfaces.Remove(name);
            _staticRoutes.RemoveAll(r => r.Interface == name);
        }

        return FwResult.Success;
    }

    public static FwResult SetDescription(FwInterface iface, string? text)
    {
        ArgumentNullException.ThrowIfNull(iface);
        iface.Description = string.IsNullOrEmpty(text) ? null : text;
        return FwResult.Success;
    }

    public static FwResult SetShutdown(FwInterface iface, bool shutdown)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind is InterfaceKind.Null or InterfaceKind.InLoopBack)
        {
            return FwResult.Fail("The operation is not supported on this interface.");
        }

        iface.AdminDown = shutdown;
        return FwResult.Success;
    }

    public static FwResult SetSpeed(FwInterface iface, string? speed)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind != InterfaceKind.Ethernet)
        {
            return FwResult.Fail("The operation is not supported on this interface.");
        }

        if (speed is not (null or "auto" or "10" or "100" or "1000"))
        {
            return FwResult.Fail("Invalid speed.");
        }

        iface.Speed = speed == "auto" ? null : speed;
        return FwResult.Success;
    }

    public static FwResult SetDuplex(FwInterface iface, string? duplex)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind != InterfaceKind.Ethernet)
        {
            return FwResult.Fail("The operation is not supported on this interface.");
        }

        if (duplex is not (null or "auto" or "full" or "half"))
        {
            return FwResult.Fail("Invalid duplex mode.");
        }

        iface.Duplex = duplex == "auto" ? null : duplex;
        return FwResult.Success;
    }

    /// <summary><c>vlan-type dot1q vid N</c> on a sub-interface: the VLAN must not be terminated twice on one port.</summary>
    public FwResult SetDot1qVid(FwInterface iface, int? vid)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind != InterfaceKind.SubInterface)
        {
            return FwResult.Fail("The operation is not supported on this interface.");
        }

        var parent = InterfaceName.ParentOf(iface.Name);
        if (vid is not null && _interfaces.Values.Any(i => i != iface && i.Dot1qVid == vid && InterfaceName.ParentOf(i.Name) == parent))
        {
            return FwResult.Fail("The VLAN has been terminated on another subinterface.");
        }

        iface.Dot1qVid = vid;
        return FwResult.Success;
    }

    /// <summary><c>ip address A MASK|LEN [sub]</c>. Replacing the primary keeps the sub addresses, as on the device.</summary>
    public FwResult SetAddress(FwInterface iface, string addressText, string maskText, bool sub)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind is InterfaceKind.Null or InterfaceKind.InLoopBack)
        {
            return FwResult.Fail("The operation is not supported on this interface.");
        }

        if (!Ipv4.TryParse(addressText, out var address) || !Ipv4.IsUsableUnicast(address))
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        if (!Ipv4.TryParseMask(maskText, out var length) || length == 0)
        {
            return FwResult.Fail(FwErrors.InvalidMask);
        }

        var prefix = new IpPrefix(address, length);
        var isLoopback = iface.Kind == InterfaceKind.LoopBack;
        if (length < 31 && !isLoopback && (address == prefix.Network || address == prefix.Broadcast))
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        if (sub && iface.PrimaryAddress is null)
        {
            return FwResult.Fail(FwErrors.PrimaryRequired);
        }

        var replaced = sub ? (IpPrefix?)null : iface.PrimaryAddress;
        foreach (var other in _interfaces.Values)
        {
            foreach (var existing in other.AllAddresses)
            {
                if (other == iface && existing == replaced)
                {
                    continue;
                }

                if (other == iface && existing == prefix)
                {
                    return FwResult.Success;
                }

                if (existing.Overlaps(prefix))
                {
                    return FwResult.Fail(FwErrors.SubnetOverlaps);
                }
            }
        }

        if (sub)
        {
            iface.SubAddressList.Add(prefix);
        }
        else
        {
            iface.PrimaryAddress = prefix;
        }

        return FwResult.Success;
    }

    /// <summary><c>undo ip address [A MASK [sub]]</c>: without arguments removes every address.</summary>
    public static FwResult RemoveAddress(FwInterface iface, string? addressText, string? maskText, bool sub)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (addressText is null)
        {
            iface.SubAddressList.Clear();
            iface.PrimaryAddress = null;
            return FwResult.Success;
        }

        if (!Ipv4.TryParse(addressText, out var address) || maskText is null || !Ipv4.TryParseMask(maskText, out var length))
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        var prefix = new IpPrefix(address, length);
        if (sub)
        {
            return iface.SubAddressList.Remove(prefix) ? FwResult.Success : FwResult.Fail(FwErrors.AddressNotFound);
        }

        if (iface.PrimaryAddress != prefix)
        {
            return FwResult.Fail(FwErrors.AddressNotFound);
        }

        if (iface.SubAddressList.Count > 0)
        {
            return FwResult.Fail(FwErrors.SubAddressesExist);
        }

        iface.PrimaryAddress = null;
        return FwResult.Success;
    }

    /// <summary>The interface that owns <paramref name="address"/> as one of its own addresses.</summary>
    public FwInterface? OwnerOf(uint address) =>
        _interfaces.Values.FirstOrDefault(i => i.AllAddresses.Any(p => p.Address == address));

    /// <summary><c>reset counters interface [NAME]</c>.</summary>
    public void ResetCounters(FwInterface? iface)
    {
        foreach (var target in iface is null ? _interfaces.Values.ToList() : [iface])
        {
            target.Counters.Reset();
        }
    }

    private static ulong ParseMac(string text)
    {
        var hex = text.Replace("-", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return hex.Length == 12 && ulong.TryParse(hex, global::System.Globalization.NumberStyles.HexNumber, null, out var mac) ? mac : 0x0023_89A1_0000UL;
    }

    private string MacFor(int offset)
    {
        var mac = (BaseMac + (ulong)offset) & 0xFFFF_FFFF_FFFFUL;
        var hex = mac.ToString("x12", global::System.Globalization.CultureInfo.InvariantCulture);
        return $"{hex[..4]}-{hex[4..8]}-{hex[8..]}";
    }
}
