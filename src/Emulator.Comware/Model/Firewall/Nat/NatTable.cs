using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Nat;

/// <summary>NAT: address groups, outbound NAT and internal servers per interface, static one-to-one mappings.</summary>
public sealed class NatTable
{
    private readonly FirewallConfig _config;
    private readonly SortedList<int, NatAddressGroup> _natGroups = [];
    private readonly List<NatOutbound> _natOutbound = [];
    private readonly List<NatServer> _natServers = [];
    private readonly List<NatStatic> _natStatics = [];
    private readonly SortedSet<string> _natStaticInterfaces = new(Comparer<string>.Create(InterfaceNames.Compare));

    internal NatTable(FirewallConfig config)
    {
        _config = config;
    }

    public IReadOnlyList<NatAddressGroup> AddressGroups => _natGroups.Values.AsReadOnly();

    public IReadOnlyList<NatOutbound> Outbounds => _natOutbound;

    public IReadOnlyList<NatServer> Servers => _natServers;

    public IReadOnlyList<NatStatic> Statics => _natStatics;

    /// <summary>Interfaces where static mappings are applied (V5 <c>nat outbound static</c>, V7 <c>nat static enable</c>).</summary>
    public IReadOnlyCollection<string> StaticInterfaces => _natStaticInterfaces;

    /// <summary>A deleted interface takes its outbound NAT, internal servers and static NAT switch with it.</summary>
    internal void Forget(string interfaceName)
    {
        _natOutbound.RemoveAll(n => n.Interface == interfaceName);
        _natServers.RemoveAll(n => n.Interface == interfaceName);
        _natStaticInterfaces.Remove(interfaceName);
    }

    public NatAddressGroup? FindGroup(int id) => _natGroups.GetValueOrDefault(id);

    public FwResult GetOrCreateGroup(int id, out NatAddressGroup? group)
    {
        group = null;
        if (id is < 0 or > 65535)
        {
            return FwResult.Fail("Invalid address group number.");
        }

        if (!_natGroups.TryGetValue(id, out group))
        {
            group = new NatAddressGroup(id);
            _natGroups.Add(id, group);
        }

        return FwResult.Success;
    }

    /// <summary>V5 one-line form: <c>nat address-group N START END</c> (replaces the group's range).</summary>
    public FwResult SetGroupRange(int id, Ipv4Address start, Ipv4Address end)
    {
        if (!TryRange(start, end, out var range, out var error))
        {
            return error;
        }

        var existing = FindGroup(id);
        if (existing is not null && IsNatGroupReferenced(id) && !existing.RangeList.SequenceEqual([range]))
        {
            return FwResult.Fail(FwErrors.AddressGroupInUse);
        }

        if (OverlapsOtherGroups(range, id))
        {
            return FwResult.Fail(FwErrors.AddressRangeOverlaps);
        }

        var result = GetOrCreateGroup(id, out var group);
        if (!result.Ok)
        {
            return result;
        }

        group!.RangeList.Clear();
        group.RangeList.Add(range);
        return FwResult.Success;
    }

    /// <summary>V7 <c>address START END</c> inside the group view.</summary>
    public FwResult AddGroupAddress(NatAddressGroup group, Ipv4Address start, Ipv4Address end)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!TryRange(start, end, out var range, out var error))
        {
            return error;
        }

        if (group.RangeList.Contains(range))
        {
            return FwResult.Success;
        }

        if (group.RangeList.Exists(r => r.Overlaps(range)) || OverlapsOtherGroups(range, group.Id))
        {
            return FwResult.Fail(FwErrors.AddressRangeOverlaps);
        }

        group.RangeList.Add(range);
        group.RangeList.Sort();
        return FwResult.Success;
    }

    public FwResult RemoveGroupAddress(NatAddressGroup group, Ipv4Address start, Ipv4Address end)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!TryRange(start, end, out var range, out var error))
        {
            return error;
        }

        if (IsNatGroupReferenced(group.Id))
        {
            return FwResult.Fail(FwErrors.AddressGroupInUse);
        }

        return group.RangeList.Remove(range) ? FwResult.Success : FwResult.Fail(FwErrors.AddressGroupNotFound);
    }

    public FwResult DeleteGroup(int id)
    {
        if (!_natGroups.ContainsKey(id))
        {
            return FwResult.Fail(FwErrors.AddressGroupNotFound);
        }

        if (IsNatGroupReferenced(id))
        {
            return FwResult.Fail(FwErrors.AddressGroupInUse);
        }

        _natGroups.Remove(id);
        return FwResult.Success;
    }

    /// <summary>
    /// <c>nat outbound [ACL] [address-group N [no-pat]]</c>: one ACL binds to one pool per interface; the ACL and the pool
    /// must exist (R3721-F3210-F3171 HP High-End Firewalls NAT and ALG Command Reference, page 15).
    /// </summary>
    public FwResult AddOutbound(FwInterface iface, int? acl, int? addressGroup, bool noPat)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (acl is { } number && _config.Acls.Find(number) is null)
        {
            return FwResult.Fail(FwErrors.AclNotFound);
        }

        if (addressGroup is { } groupId && FindGroup(groupId) is not { RangeList.Count: > 0 })
        {
            return FwResult.Fail(FwErrors.AddressGroupNotFound);
        }

        if (noPat && addressGroup is null)
        {
            return FwResult.Fail("The no-pat keyword requires an address group.");
        }

        var entry = new NatOutbound(iface.Name, acl, addressGroup, noPat);
        var same = _natOutbound.FindIndex(n => n.Interface == iface.Name && n.Acl == acl);
        if (same >= 0)
        {
            _natOutbound[same] = entry;
        }
        else
        {
            _natOutbound.Add(entry);
        }

        return FwResult.Success;
    }

    public FwResult RemoveOutbound(FwInterface iface, int? acl)
    {
        ArgumentNullException.ThrowIfNull(iface);
        return _natOutbound.RemoveAll(n => n.Interface == iface.Name && n.Acl == acl) > 0
            ? FwResult.Success
            : FwResult.Fail("The NAT outbound configuration does not exist.");
    }

    /// <summary>A global address/port may be mapped once per protocol, device-wide.</summary>
    public FwResult AddServer(FwInterface iface, int protocol, Ipv4Address global, int? globalPort, Ipv4Address inside, int? insidePort)
    {
        ArgumentNullException.ThrowIfNull(iface);
        var (g, i) = (global.Value, inside.Value);
        if (!global.IsUsableUnicast || !inside.IsUsableUnicast)
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        if ((globalPort is null) != (insidePort is null) || globalPort is < 0 or > 65535 || insidePort is < 0 or > 65535)
        {
            return FwResult.Fail("Invalid port.");
        }

        var entry = new NatServer(iface.Name, protocol, g, globalPort, i, insidePort);
        if (_natServers.Contains(entry))
        {
            return FwResult.Success;
        }

        if (_natServers.Exists(s => s.Protocol == protocol && s.Global == g && (s.GlobalPort == globalPort || s.GlobalPort is null || globalPort is null)))
        {
            return FwResult.Fail(FwErrors.NatServerConflict);
        }

        _natServers.Add(entry);
        return FwResult.Success;
    }

    public FwResult RemoveServer(FwInterface iface, int protocol, Ipv4Address global, int? globalPort)
    {
        ArgumentNullException.ThrowIfNull(iface);
        var g = global.Value;
        return _natServers.RemoveAll(s => s.Interface == iface.Name && s.Protocol == protocol && s.Global == g && s.GlobalPort == globalPort) > 0
            ? FwResult.Success
            : FwResult.Fail("The NAT server configuration does not exist.");
    }

    public FwResult AddStatic(Ipv4Address local, Ipv4Address global)
    {
        var (l, g) = (local.Value, global.Value);
        if (!local.IsUsableUnicast || !global.IsUsableUnicast)
        {
            return FwResult.Fail(FwErrors.InvalidAddress);
        }

        var entry = new NatStatic(l, g);
        if (_natStatics.Contains(entry))
        {
            return FwResult.Success;
        }

        if (_natStatics.Exists(s => s.Local == l || s.Global == g))
        {
            return FwResult.Fail(FwErrors.NatStaticConflict);
        }

        _natStatics.Add(entry);
        return FwResult.Success;
    }

    public FwResult RemoveStatic(Ipv4Address local, Ipv4Address global)
    {
        return _natStatics.Remove(new NatStatic(local.Value, global.Value)) ? FwResult.Success : FwResult.Fail("The static NAT mapping does not exist.");
    }

    public FwResult SetStaticOnInterface(FwInterface iface, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(iface);
        if (enabled)
        {
            _natStaticInterfaces.Add(iface.Name);
            return FwResult.Success;
        }

        return _natStaticInterfaces.Remove(iface.Name) ? FwResult.Success : FwResult.Fail("Static NAT is not enabled on the interface.");
    }

    private bool IsNatGroupReferenced(int id) => _natOutbound.Exists(n => n.AddressGroup == id);

    private bool OverlapsOtherGroups(Ipv4Range range, int except) =>
        _natGroups.Values.Any(g => g.Id != except && g.RangeList.Exists(r => r.Overlaps(range)));

    private static bool TryRange(Ipv4Address start, Ipv4Address end, out Ipv4Range range, out FwResult error)
    {
        range = default;
        error = FwResult.Success;
        var (s, e) = (start.Value, end.Value);
        if (!start.IsUsableUnicast || !end.IsUsableUnicast)
        {
            error = FwResult.Fail(FwErrors.InvalidAddress);
            return false;
        }

        if (e < s)
        {
            error = FwResult.Fail(FwErrors.AddressRangeInvalid);
            return false;
        }

        if (e - s >= 65536)
        {
            error = FwResult.Fail("An address range can contain at most 65536 addresses.");
            return false;
        }

        range = new Ipv4Range(s, e);
        return true;
    }
}
