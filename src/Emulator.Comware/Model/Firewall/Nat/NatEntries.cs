using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Nat;

/// <summary>A NAT address group: V5 one range on one line, V7 a group view with <c>address A B</c> lines.</summary>
public sealed class NatAddressGroup
{
    internal NatAddressGroup(int id)
    {
        Id = id;
    }

    public int Id { get; }

    public IReadOnlyList<Ipv4Range> Ranges => RangeList;

    internal List<Ipv4Range> RangeList { get; } = [];
}

/// <summary><c>nat outbound [ACL] [address-group N [no-pat]]</c> on an interface; without a group it is Easy IP.</summary>
public sealed record NatOutbound(string Interface, int? Acl, int? AddressGroup, bool NoPat);

/// <summary><c>nat server protocol tcp|udp global A [P] inside B [Q]</c> on an interface.</summary>
public sealed record NatServer(string Interface, int Protocol, uint Global, int? GlobalPort, uint Inside, int? InsidePort);

/// <summary>One-to-one static mapping: V5 <c>nat static L G</c>, V7 <c>nat static outbound L G</c> (both unverified lines).</summary>
public sealed record NatStatic(uint Local, uint Global);
