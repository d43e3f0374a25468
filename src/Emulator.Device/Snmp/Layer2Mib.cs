namespace Emulator.Device.Snmp;

/// <summary>
/// LLDP-MIB (IEEE 802.1AB-2005, <c>1.0.8802.1.1.2</c>): lldpLocalSystemData (chassis ID = bridge MAC, system name and
/// description), lldpLocPortTable and lldpRemTable (one row per neighbour, time mark 0, remote index 1); and Q-BRIDGE-MIB
/// (RFC 4363, <c>1.3.6.1.2.1.17.7</c>): dot1qVlanStaticTable (name, egress and untagged ports, row status) and
/// dot1qPvid. Port numbers (lldpLocPortNum, dot1dBasePort bits of the PortLists) are the ports' ifIndexes, as Comware
/// numbers them.
/// </summary>
public static class Layer2Mib
{
    private static readonly Oid LldpLocalSystem = Oid.Parse("1.0.8802.1.1.2.1.3");
    private static readonly Oid LldpLocPortEntry = Oid.Parse("1.0.8802.1.1.2.1.3.7.1");
    private static readonly Oid LldpRemEntry = Oid.Parse("1.0.8802.1.1.2.1.4.1.1");
    private static readonly Oid Dot1qVlanStaticEntry = Oid.Parse("1.3.6.1.2.1.17.7.1.4.3.1");
    private static readonly Oid Dot1qPortVlanEntry = Oid.Parse("1.3.6.1.2.1.17.7.1.4.5.1");

    private const int MacAddressSubtype = 4; // LldpChassisIdSubtype macAddress
    private const int InterfaceNameSubtype = 5; // LldpPortIdSubtype interfaceName

    public static void Add(List<VarBind> b, SnmpSnapshot snapshot, IReadOnlyDictionary<string, int> ifIndexes)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(ifIndexes);
        if (snapshot.Layer2 is not { } layer2)
        {
            return;
        }

        if (layer2.LldpEnabled)
        {
            b.Add(new(LldpLocalSystem.Append(1, 0), SnmpValue.Of(MacAddressSubtype)));
            b.Add(new(LldpLocalSystem.Append(2, 0), SnmpValue.Octets(Mac(snapshot.Facts.Hardware.BaseMacAddress))));
            b.Add(new(LldpLocalSystem.Append(3, 0), SnmpValue.Text(snapshot.SysName)));
            b.Add(new(LldpLocalSystem.Append(4, 0), SnmpValue.Text(MibView.Description(snapshot.Facts))));
            foreach (var port in layer2.EthernetPorts.Where(ifIndexes.ContainsKey))
            {
                var index = (uint)ifIndexes[port];
                b.Add(new(LldpLocPortEntry.Append(2, index), SnmpValue.Of(InterfaceNameSubtype)));
                b.Add(new(LldpLocPortEntry.Append(3, index), SnmpValue.Text(port)));
                b.Add(new(LldpLocPortEntry.Append(4, index), SnmpValue.Text(port + " Interface")));
            }

            foreach (var neighbor in layer2.Neighbors.Where(n => ifIndexes.ContainsKey(n.LocalPort)))
            {
                var local = (uint)ifIndexes[neighbor.LocalPort];
                void Rem(uint column, SnmpValue value) => b.Add(new(LldpRemEntry.Append(column, 0, local, 1), value));
                Rem(4, SnmpValue.Of(MacAddressSubtype));
                Rem(5, SnmpValue.Octets(Mac(neighbor.ChassisId)));
                Rem(6, SnmpValue.Of(InterfaceNameSubtype));
                Rem(7, SnmpValue.Text(neighbor.PortId));
                Rem(8, SnmpValue.Text(neighbor.PortId + " Interface"));
                Rem(9, SnmpValue.Text(neighbor.SystemName));
                Rem(10, SnmpValue.Text(neighbor.SystemDescription));
            }
        }

        foreach (var vlan in layer2.Vlans)
        {
            var id = (uint)vlan.Id;
            b.Add(new(Dot1qVlanStaticEntry.Append(1, id), SnmpValue.Text(vlan.Name)));
            b.Add(new(Dot1qVlanStaticEntry.Append(2, id), SnmpValue.Octets(PortList([.. vlan.Tagged, .. vlan.Untagged], ifIndexes))));
            b.Add(new(Dot1qVlanStaticEntry.Append(3, id), SnmpValue.Octets(PortList([], ifIndexes))));
            b.Add(new(Dot1qVlanStaticEntry.Append(4, id), SnmpValue.Octets(PortList(vlan.Untagged, ifIndexes))));
            b.Add(new(Dot1qVlanStaticEntry.Append(5, id), SnmpValue.Of(1))); // RowStatus active
        }

        foreach (var (port, pvid) in layer2.Pvids)
        {
            if (ifIndexes.TryGetValue(port, out var index))
            {
                b.Add(new(Dot1qPortVlanEntry.Append(1, (uint)index), SnmpValue.Gauge32(pvid)));
            }
        }
    }

    /// <summary>A PortList (RFC 4363 §3 / Q-BRIDGE-MIB): one bit per port number, most significant bit of the first octet = port 1; long enough for every ifIndex.</summary>
    public static byte[] PortList(IEnumerable<string> ports, IReadOnlyDictionary<string, int> ifIndexes)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(ifIndexes);
        var highest = ifIndexes.Count == 0 ? 0 : ifIndexes.Values.Max();
        var list = new byte[Math.Max(1, (highest + 7) / 8)];
        foreach (var port in ports)
        {
            if (ifIndexes.TryGetValue(port, out var index) && index > 0 && (index - 1) / 8 < list.Length)
            {
                list[(index - 1) / 8] |= (byte)(0x80 >> ((index - 1) % 8));
            }
        }

        return list;
    }

    private static byte[] Mac(string mac)
    {
        var hex = new string(mac.Where(Uri.IsHexDigit).ToArray());
        return hex.Length == 12 ? Convert.FromHexString(hex) : [];
    }
}
