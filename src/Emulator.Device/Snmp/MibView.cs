using System.Globalization;
using System.Net;
using Emulator.Comware;
using Emulator.Comware.Model.Values;

namespace Emulator.Device.Snmp;

/// <summary>
/// The agent's MIB at one instant: every object instance with its value, sorted for GETNEXT. Built from a
/// <see cref="SnmpSnapshot"/>: SNMPv2-MIB system (RFC 3418), IF-MIB ifTable/ifXTable (RFC 2863), IP-MIB ipAddrTable
/// and ipForwarding (RFC 4293), ENTITY-MIB entPhysicalTable (RFC 6933) from the profile's inventory, and H3C's
/// hh3cEntityExtCpuUsage/MemUsage (HH3C-ENTITY-EXT-MIB).
/// </summary>
public sealed class MibView
{
    public static readonly Oid SysDescr = Oid.Parse("1.3.6.1.2.1.1.1.0");
    public static readonly Oid SysObjectId = Oid.Parse("1.3.6.1.2.1.1.2.0");
    public static readonly Oid SysUpTime = Oid.Parse("1.3.6.1.2.1.1.3.0");
    public static readonly Oid SysContact = Oid.Parse("1.3.6.1.2.1.1.4.0");
    public static readonly Oid SysName = Oid.Parse("1.3.6.1.2.1.1.5.0");
    public static readonly Oid SysLocation = Oid.Parse("1.3.6.1.2.1.1.6.0");
    public static readonly Oid IfEntry = Oid.Parse("1.3.6.1.2.1.2.2.1");
    public static readonly Oid IfAdminStatus = IfEntry.Append(7);

    private static readonly Oid IfXEntry = Oid.Parse("1.3.6.1.2.1.31.1.1.1");
    private static readonly Oid IpAddrEntry = Oid.Parse("1.3.6.1.2.1.4.20.1");
    private static readonly Oid EntPhysicalEntry = Oid.Parse("1.3.6.1.2.1.47.1.1.1.1");
    private static readonly Oid H3cEntityExtEntry = Oid.Parse("1.3.6.1.4.1.25506.2.6.1.1.1.1");
    private static readonly Oid ZeroDotZero = new(0, 0);

    private readonly VarBind[] _sorted;
    private readonly Dictionary<Oid, SnmpValue> _byName;

    private MibView(List<VarBind> binds)
    {
        binds.Sort((a, b) => a.Name.CompareTo(b.Name));
        _sorted = [.. binds];
        _byName = binds.ToDictionary(b => b.Name, b => b.Value);
    }

    public int Count => _sorted.Length;

    /// <summary>ifIndex of each interface name, as the agent numbered them.</summary>
    public IReadOnlyDictionary<string, int> IfIndexes { get; private init; } = new Dictionary<string, int>();

    public SnmpValue? Get(Oid name) => _byName.GetValueOrDefault(name);

    /// <summary>The first instance after <paramref name="name"/> in lexicographic order, or null at the end of the MIB.</summary>
    public VarBind? Next(Oid name)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_sorted[mid].Name.CompareTo(name) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo < _sorted.Length ? _sorted[lo] : null;
    }

    /// <summary>sysDescr as Comware prints it: the software line, the model, the copyright (CR LF between lines).</summary>
    public static string Description(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var release = facts.Release.StartsWith("Release ", StringComparison.Ordinal) ? facts.Release : "Release " + facts.Release;
        return facts.Dialect == ComwareDialect.V5
            ? $"H3C Comware Platform Software, Software Version {facts.SoftwareVersion}, {release}\r\nH3C {facts.Model}\r\nCopyright (c) {facts.CopyrightYears} Hangzhou H3C Tech. Co., Ltd. All rights reserved."
            : $"H3C Comware Software, Version {facts.SoftwareVersion}, {release}\r\nH3C {facts.Model}\r\nCopyright (c) {facts.CopyrightYears} New H3C Technologies Co., Ltd. All rights reserved.";
    }

    public static MibView Build(SnmpSnapshot snapshot, Oid sysObjectId, IfIndexTable ifIndexes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ifIndexes);
        var b = new List<VarBind>(64 + (snapshot.Interfaces.Count * 48));
        var ticks = Math.Max(0, (long)(now - snapshot.BootedAt).TotalMilliseconds / 10);
        var seconds = ticks / 100;
        var system = Oid.Parse("1.3.6.1.2.1.1");
        b.Add(new(SysDescr, SnmpValue.Text(Description(snapshot.Facts))));
        b.Add(new(SysObjectId, SnmpValue.ObjectId(sysObjectId)));
        b.Add(new(SysUpTime, SnmpValue.TimeTicks(ticks)));
        b.Add(new(SysContact, SnmpValue.Text(snapshot.Contact)));
        b.Add(new(SysName, SnmpValue.Text(snapshot.SysName)));
        b.Add(new(SysLocation, SnmpValue.Text(snapshot.Location)));
        b.Add(new(system.Append(7, 0), SnmpValue.Of(78))); // sysServices: internet + end-to-end + applications (RFC 3418)
        b.Add(new(Oid.Parse("1.3.6.1.2.1.2.1.0"), SnmpValue.Of(snapshot.Interfaces.Count)));
        b.Add(new(Oid.Parse("1.3.6.1.2.1.4.1.0"), SnmpValue.Of(1))); // ipForwarding: forwarding

        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var iface in snapshot.Interfaces)
        {
            var index = ifIndexes.IndexOf(iface.Name);
            indexes[iface.Name] = index;
            AddInterface(b, iface, (uint)index, seconds);
        }

        AddEntities(b, snapshot.Facts, seconds);
        Layer2Mib.Add(b, snapshot, indexes);
        return new MibView(b) { IfIndexes = indexes };
    }

    private static void AddInterface(List<VarBind> b, SnmpInterface iface, uint index, long seconds)
    {
        // The emulated wire carries a little steady traffic while the interface is up, so pollers see counters move.
        var rate = iface.OperUp && iface.Kind is InterfaceKind.Ethernet or InterfaceKind.SubInterface ? 3 + (index % 5) : 0;
        var inPackets = iface.InPackets + (rate * seconds);
        var outPackets = iface.OutPackets + (rate * seconds);
        var inOctets = iface.InOctets + (rate * seconds * 146);
        var outOctets = iface.OutOctets + (rate * seconds * 118);
        var type = iface.Kind switch
        {
            InterfaceKind.Ethernet or InterfaceKind.SubInterface => 6, // ethernetCsmacd
            InterfaceKind.LoopBack or InterfaceKind.InLoopBack => 24, // softwareLoopback
            InterfaceKind.VlanInterface => 136, // l3ipvlan
            _ => 1, // other (NULL0)
        };
        var bps = iface.SpeedMbps * 1_000_000;
        var mac = MacBytes(iface.MacAddress);
        var operStatus = iface.OperUp ? 1 : 2;
        void If(uint column, SnmpValue value) => b.Add(new(IfEntry.Append(column, index), value));
        void IfX(uint column, SnmpValue value) => b.Add(new(IfXEntry.Append(column, index), value));
        If(1, SnmpValue.Of(index));
        If(2, SnmpValue.Text(iface.Name));
        If(3, SnmpValue.Of(type));
        If(4, SnmpValue.Of(type == 1 ? 1500 : type == 24 ? 1536 : 1500));
        If(5, SnmpValue.Gauge32(Math.Min(bps, uint.MaxValue)));
        If(6, SnmpValue.Octets(mac));
        If(7, SnmpValue.Of(iface.AdminUp ? 1 : 2));
        If(8, SnmpValue.Of(operStatus));
        If(9, SnmpValue.TimeTicks(0));
        If(10, SnmpValue.Counter32(inOctets));
        If(11, SnmpValue.Counter32(inPackets));
        If(12, SnmpValue.Counter32(0));
        If(13, SnmpValue.Counter32(0));
        If(14, SnmpValue.Counter32(0));
        If(15, SnmpValue.Counter32(0));
        If(16, SnmpValue.Counter32(outOctets));
        If(17, SnmpValue.Counter32(outPackets));
        If(18, SnmpValue.Counter32(0));
        If(19, SnmpValue.Counter32(0));
        If(20, SnmpValue.Counter32(0));
        If(21, SnmpValue.Gauge32(0));
        If(22, SnmpValue.ObjectId(ZeroDotZero));
        IfX(1, SnmpValue.Text(iface.Name));
        for (uint column = 2; column <= 5; column++)
        {
            IfX(column, SnmpValue.Counter32(0));
        }

        IfX(6, SnmpValue.Counter64((ulong)inOctets));
        IfX(7, SnmpValue.Counter64((ulong)inPackets));
        IfX(8, SnmpValue.Counter64(0));
        IfX(9, SnmpValue.Counter64(0));
        IfX(10, SnmpValue.Counter64((ulong)outOctets));
        IfX(11, SnmpValue.Counter64((ulong)outPackets));
        IfX(12, SnmpValue.Counter64(0));
        IfX(13, SnmpValue.Counter64(0));
        IfX(14, SnmpValue.Of(1));
        IfX(15, SnmpValue.Gauge32(iface.SpeedMbps));
        IfX(16, SnmpValue.Of(2));
        IfX(17, SnmpValue.Of(type == 6 ? 1 : 2));
        IfX(18, SnmpValue.Text(iface.Description));
        IfX(19, SnmpValue.TimeTicks(0));

        foreach (var prefix in iface.Addresses)
        {
            var address = new Ipv4Address(prefix.Address);
            var at = AddressArcs(prefix.Address);
            var mask = prefix.Length == 0 ? 0u : uint.MaxValue << (32 - prefix.Length);
            b.Add(new(IpAddrEntry.Append([1, .. at]), SnmpValue.Ip(IPAddress.Parse(address.ToString()).GetAddressBytes())));
            b.Add(new(IpAddrEntry.Append([2, .. at]), SnmpValue.Of(index)));
            b.Add(new(IpAddrEntry.Append([3, .. at]), SnmpValue.Ip(Bytes(mask))));
            b.Add(new(IpAddrEntry.Append([4, .. at]), SnmpValue.Of(1)));
            b.Add(new(IpAddrEntry.Append([5, .. at]), SnmpValue.Of(65535)));
        }
    }

    /// <summary>
    /// entPhysicalTable: the chassis (serial = <c>display device manuinfo</c>'s DEVICE_SERIAL_NUMBER), its boards, fans
    /// and power supplies, plus H3C's CPU and memory usage on the main board.
    /// </summary>
    private static void AddEntities(List<VarBind> b, DeviceFacts facts, long seconds)
    {
        var hw = facts.Hardware;
        var software = $"{facts.SoftwareVersion}, {facts.Release}";
        var rows = new List<(string Descr, int Class, int Parent, int Position, string Name, string Serial, bool Fru)>
        {
            (facts.Model, 3, 0, -1, facts.Model, hw.SerialNumber, false),
        };
        var boards = hw.Boards.Count > 0 ? hw.Boards : [new BoardFacts(facts.Dialect == ComwareDialect.V5 ? 0 : 1, 0, facts.Model, "Normal", hw.SerialNumber)];
        foreach (var board in boards)
        {
            rows.Add((board.Type, 9, 1, board.Slot, "Board " + board.Slot.ToString(CultureInfo.InvariantCulture), board.SerialNumber, true));
        }

        for (var i = 1; i <= hw.Fans; i++)
        {
            rows.Add(("Fan", 7, 1, i, "Fan " + i.ToString(CultureInfo.InvariantCulture), "", true));
        }

        for (var i = 1; i <= hw.PowerSuppliesPresent; i++)
        {
            rows.Add(("Power Supply", 6, 1, i, "Power " + i.ToString(CultureInfo.InvariantCulture), "", true));
        }

        var entry = EntPhysicalEntry;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var index = (uint)(i + 1);
            void Column(uint c, SnmpValue v) => b.Add(new(entry.Append(c, index), v));
            Column(2, SnmpValue.Text(row.Descr));
            Column(3, SnmpValue.ObjectId(ZeroDotZero));
            Column(4, SnmpValue.Of(row.Parent));
            Column(5, SnmpValue.Of(row.Class));
            Column(6, SnmpValue.Of(row.Position));
            Column(7, SnmpValue.Text(row.Name));
            Column(8, SnmpValue.Text(row.Class is 3 or 9 ? hw.PcbVersion : ""));
            Column(9, SnmpValue.Text(row.Class is 3 or 9 ? hw.BootRomVersion : ""));
            Column(10, SnmpValue.Text(row.Class is 3 or 9 ? software : ""));
            Column(11, SnmpValue.Text(row.Serial));
            Column(12, SnmpValue.Text(hw.VendorName));
            Column(13, SnmpValue.Text(row.Class == 3 ? facts.Model : row.Descr));
            Column(14, SnmpValue.Text(""));
            Column(15, SnmpValue.Text(""));
            Column(16, SnmpValue.Of(row.Fru ? 1 : 2));
        }

        // hh3cEntityExtCpuUsage (column 6) and hh3cEntityExtMemUsage (column 8) of the main board: a slow deterministic drift.
        var board1 = 2u;
        b.Add(new(H3cEntityExtEntry.Append(6, board1), SnmpValue.Of(5 + (seconds / 60 % 7))));
        b.Add(new(H3cEntityExtEntry.Append(8, board1), SnmpValue.Of(31 + (seconds / 300 % 5))));
    }

    private static uint[] AddressArcs(uint address) => [address >> 24, (address >> 16) & 0xFF, (address >> 8) & 0xFF, address & 0xFF];

    private static byte[] Bytes(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] MacBytes(string mac)
    {
        var hex = new string(mac.Where(Uri.IsHexDigit).ToArray());
        return hex.Length == 12 ? Convert.FromHexString(hex) : [];
    }
}

/// <summary>
/// ifIndex numbering of one device: an interface keeps its number for the agent's life (RFC 2863 §3.1.5 wants it stable
/// at least until reinitialisation), new interfaces get the next one.
/// </summary>
public sealed class IfIndexTable
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int IndexOf(string name)
    {
        lock (_lock)
        {
            if (!_indexes.TryGetValue(name, out var index))
            {
                index = _indexes.Count + 1;
                _indexes[name] = index;
            }

            return index;
        }
    }
}
