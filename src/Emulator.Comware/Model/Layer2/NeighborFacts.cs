namespace Emulator.Comware.Model.Layer2;

/// <summary>
/// A device at the other end of one of our ports, known without running it: from a fleet <c>links:</c> entry (the peer's
/// factory sysname, interface name, bridge MAC, port MAC and the addresses its factory configuration gives that port)
/// or from a static <c>neighbors:</c> entry. LLDP lists it; ARP and the MAC table learn its addresses on shared subnets.
/// </summary>
/// <param name="LocalInterface">Our port, full Comware name (<c>GigabitEthernet1/0/1</c>).</param>
/// <param name="SystemName">The peer's sysname (LLDP system name).</param>
/// <param name="PortId">The peer's interface name (LLDP port ID, subtype interface name).</param>
/// <param name="ChassisId">The peer's bridge MAC, <c>xxxx-xxxx-xxxx</c> (LLDP chassis ID, subtype MAC address).</param>
/// <param name="MacAddress">The MAC of the peer's port (ARP, MAC table); null = the chassis ID.</param>
/// <param name="Addresses">IPv4 addresses of the peer's port, dotted (ARP learns those on our subnets).</param>
public sealed record NeighborFacts(
    string LocalInterface,
    string SystemName,
    string PortId,
    string ChassisId,
    string? MacAddress = null,
    IReadOnlyList<string>? Addresses = null)
{
    /// <summary>System description the peer advertises (its model and software); empty = none.</summary>
    public string SystemDescription { get; init; } = "";

    public string PortMac => MacAddress ?? ChassisId;
}
