using Emulator.Comware;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Model.Values;

namespace Emulator.Device.Snmp;

/// <summary>One interface as the MIBs show it, copied from the running configuration under the device lock.</summary>
public sealed record SnmpInterface(
    string Name,
    string Description,
    InterfaceKind Kind,
    bool AdminUp,
    bool OperUp,
    long SpeedMbps,
    string MacAddress,
    long InOctets,
    long InPackets,
    long OutOctets,
    long OutPackets,
    IReadOnlyList<IpPrefix> Addresses);

/// <summary>
/// What the SNMP agent needs of a device at one instant: the agent's configuration and the model the MIBs are made of.
/// Taken under the device lock by <see cref="Runtime.IDeviceEngine.ReadSnmpAsync"/>, then read without it.
/// </summary>
public sealed record SnmpSnapshot(
    DeviceFacts Facts,
    string SysName,
    DateTimeOffset BootedAt,
    bool Enabled,
    SnmpVersions Versions,
    string EngineIdHex,
    string Contact,
    string Location,
    IReadOnlyList<SnmpCommunity> Communities,
    IReadOnlyList<SnmpGroup> Groups,
    IReadOnlyList<SnmpUsmUser> Users,
    IReadOnlyList<SnmpTrapHost> TrapHosts,
    bool TrapsEnabled,
    SnmpStatistics Statistics,
    IReadOnlyList<SnmpInterface> Interfaces)
{
    /// <summary>Rules of the ACLs communities, groups and users name (copied: ACLs change under the device lock).</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<Comware.Model.Firewall.Acls.AclRule>> Acls { get; init; } =
        new Dictionary<int, IReadOnlyList<Comware.Model.Firewall.Acls.AclRule>>();

    /// <summary>LLDP neighbours and VLANs for LLDP-MIB and Q-BRIDGE-MIB (<see cref="Layer2Mib"/>); null = none.</summary>
    public Layer2Snapshot? Layer2 { get; init; }

    /// <summary>
    /// Whether a manager at <paramref name="source"/> passes ACL <paramref name="acl"/>: the first matching rule decides,
    /// no match denies; an ACL that does not exist or has no rules lets everyone in (H3C SNMP configuration guide).
    /// </summary>
    public bool Permits(int? acl, System.Net.IPAddress? source)
    {
        if (acl is not { } number || !Acls.TryGetValue(number, out var rules) || rules.Count == 0)
        {
            return true;
        }

        if (source?.MapToIPv4().GetAddressBytes() is not [var a, var b, var c, var d])
        {
            return false;
        }

        var address = ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
        return rules.FirstOrDefault(r => r.Matches(17, address, 0, 0, 161))?.Permit ?? false;
    }

    /// <summary>Copies what the agent needs. Caller holds the device lock.</summary>
    public static SnmpSnapshot Read(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var config = device.GetState<SnmpAgentConfig>();
        var table = device.GetState<FirewallState>().Config.Interfaces;
        var interfaces = new List<SnmpInterface>(table.Count);
        foreach (var iface in table)
        {
            var parent = table.ParentOf(iface);
            var speedText = iface.Speed is { } s && s != "auto" ? s : iface.DefaultSpeed;
            var speed = long.TryParse(speedText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mbps) ? mbps : 0;
            interfaces.Add(new SnmpInterface(
                iface.Name, iface.EffectiveDescription, iface.Kind, !iface.AdminDown, iface.ProtocolUp(parent) || (iface.Kind == InterfaceKind.Ethernet && iface.PhysicalUp(parent)),
                iface.Kind is InterfaceKind.Ethernet or InterfaceKind.SubInterface ? speed : 0, iface.MacAddress,
                iface.Counters.InputBytes, iface.Counters.InputPackets, iface.Counters.OutputBytes, iface.Counters.OutputPackets, [.. iface.AllAddresses]));
        }

        var acls = new Dictionary<int, IReadOnlyList<Comware.Model.Firewall.Acls.AclRule>>();
        var firewall = device.GetState<FirewallState>().Config;
        foreach (var number in config.Communities.Select(c => c.Acl).Concat(config.Users.Select(u => u.Acl)).Concat(config.Groups.Select(g => g.Acl)).OfType<int>().Distinct())
        {
            if (firewall.Acls.Find(number) is { } acl)
            {
                acls[number] = [.. acl.Rules];
            }
        }

        return new SnmpSnapshot(
            device.Facts, device.Sysname, device.BootedAt, config.Enabled, config.Versions, config.EngineIdHex, config.EffectiveContact, config.EffectiveLocation,
            [.. config.Communities], [.. config.Groups], [.. config.Users], [.. config.TrapHosts], config.TrapEnabled ?? true, config.Statistics, interfaces)
        {
            Acls = acls,
            Layer2 = Layer2Snapshot.Read(device),
        };
    }
}
