using System.Collections;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Interfaces;

/// <summary>
/// The interfaces of the firewall: physical ports from <see cref="DeviceFacts.Interfaces"/>, the system interfaces
/// NULL0 and InLoopBack0, and LoopBack, Vlan-interface and sub-interfaces created on demand. Listed in the device's
/// order. Deleting an interface removes everything that names it in the other features.
/// </summary>
public sealed class InterfaceTable : IReadOnlyList<FwInterface>
{
    private readonly FirewallConfig _config;
    private readonly Dictionary<string, FwInterface> _interfaces = new(StringComparer.OrdinalIgnoreCase);
    private FwInterface[]? _orderedInterfaces;

    internal InterfaceTable(FirewallConfig config, DeviceFacts facts)
    {
        _config = config;
        BaseMac = ParseMac(facts.Hardware.BaseMacAddress);
        var index = 0;
        foreach (var port in facts.Interfaces)
        {
            if (InterfaceNames.TryParse(port.Name, out var name) && name.Kind == InterfaceKind.Ethernet && name.IsValidOnFirewall)
            {
                _interfaces[name.FullName] = new FwInterface(name, port.MacAddress ?? MacFor(++index), port.DefaultSpeed);
            }
        }

        foreach (var system in (string[])["NULL0", "InLoopBack0"])
        {
            _interfaces[system] = new FwInterface(InterfaceNames.Parse(system), "", "");
        }
    }

    private ulong BaseMac { get; }

    public int Count => _interfaces.Count;

    public FwInterface this[int index] => Ordered[index];

    /// <summary>All interfaces in the order the device lists them.</summary>
    private FwInterface[] Ordered => _orderedInterfaces ??= [.. _interfaces.Values.OrderBy(i => i.SortKey)];

    public IEnumerator<FwInterface> GetEnumerator() => ((IEnumerable<FwInterface>)Ordered).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public FwInterface? Find(InterfaceName name) => _interfaces.GetValueOrDefault(name.FullName);

    /// <summary>Looks up a name written as text (tests, profiles); the CLI passes the parsed <see cref="InterfaceName"/>.</summary>
    public FwInterface? Find(string name) => InterfaceNames.TryParse(name, out var parsed) ? Find(parsed) : null;

    public FwInterface? ParentOf(FwInterface iface) =>
        iface?.Id.Parent is { } parent ? Find(parent) : null;

    /// <summary>
    /// <c>interface NAME</c>: returns the existing interface or creates a LoopBack, Vlan-interface or sub-interface.
    /// Physical ports that the model does not have are refused, as the device refuses them.
    /// </summary>
    public FwResult GetOrCreate(InterfaceName name, out FwInterface? iface)
    {
        iface = null;
        if (!name.IsValidOnFirewall)
        {
            return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        if (_interfaces.TryGetValue(name.FullName, out iface))
        {
            return FwResult.Success;
        }

        var kind = name.Kind;
        var parent = name.Parent is { } p ? Find(p) : null;
        switch (kind)
        {
            case InterfaceKind.LoopBack or InterfaceKind.VlanInterface or InterfaceKind.Aggregation:
                break;
            case InterfaceKind.SubInterface when parent is not null:
                break;
            default:
                return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        var mac = kind == InterfaceKind.SubInterface ? parent!.MacAddress : MacFor(0);
        iface = new FwInterface(name, kind == InterfaceKind.LoopBack ? "" : mac, "");
        _interfaces[name.FullName] = iface;
        _orderedInterfaces = null;
        return FwResult.Success;
    }

    /// <summary><c>undo interface NAME</c> for logical interfaces; removes everything that names it.</summary>
    public FwResult Delete(InterfaceName name)
    {
        var iface = Find(name);
        if (iface is null)
        {
            return FwResult.Fail(FwErrors.InterfaceNotFound);
        }

        if (iface.IsPermanent)
        {
            return FwResult.Fail(FwErrors.CannotDeletePhysical);
        }

        var doomed = _interfaces.Values.Where(i => i == iface || i.Id.Parent?.FullName == iface.Name).Select(i => i.Name).ToList();
        foreach (var gone in doomed)
        {
            _interfaces.Remove(gone);
            _orderedInterfaces = null;
            _config.Zones.Forget(gone);
            _config.Nat.Forget(gone);
            _config.Routes.Forget(gone);
            _config.Layer2.Forget(gone);
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

        var parent = iface.Id.Parent;
        if (vid is not null && _interfaces.Values.Any(i => i != iface && i.Dot1qVid == vid && i.Id.Parent == parent))
        {
            return FwResult.Fail("The VLAN has been terminated on another subinterface.");
        }

        iface.Dot1qVid = vid;
        return FwResult.Success;
    }

    /// <summary><c>ip address A MASK|LEN [sub]</c>. Replacing the primary keeps the sub addresses, as on the device.</summary>
    public FwResult SetAddress(FwInterface iface, Ipv4Address address, SubnetMask mask, bool sub)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (iface.Kind is InterfaceKind.Null or InterfaceKind.InLoopBack)
        {
            return FwResult.Fail("The operation is not supported on this interface.");
        }

        if (!address.IsUsableUnicast)
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        if (mask.PrefixLength == 0)
        {
            return FwResult.Fail(FwErrors.InvalidMask);
        }

        var length = mask.PrefixLength;
        var prefix = new IpPrefix(address, mask);
        var isLoopback = iface.Kind == InterfaceKind.LoopBack;
        if (length < 31 && !isLoopback && (address.Value == prefix.Network || address.Value == prefix.Broadcast))
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
    public static FwResult RemoveAddress(FwInterface iface, Ipv4Address? address, SubnetMask? mask, bool sub)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (address is null)
        {
            iface.SubAddressList.Clear();
            iface.PrimaryAddress = null;
            return FwResult.Success;
        }

        if (mask is null)
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        var prefix = new IpPrefix(address.Value, mask.Value);
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
