using System.Globalization;
using System.Text;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Objects;

public enum AddressMemberKind
{
    Host,
    Subnet,
    Range,
    Group,
}

/// <summary>
/// A member of an address object: V7 <c>[ID] network host address A | subnet A M | range A B | group-object N</c>
/// (H3C V7 object group command reference: https://www.h3c.com/en/d_202208/1658814_294551_0.htm); V5 objects keep the
/// same members without IDs (V5 line syntax unverified).
/// </summary>
public sealed record AddressMember(int Id, AddressMemberKind Kind, uint Start, uint End, int Length = 32, string? Group = null)
{
    public string Render(ComwareDialect dialect)
    {
        var body = Kind switch
        {
            AddressMemberKind.Host => $"host address {Ipv4.Format(Start)}",
            AddressMemberKind.Subnet => $"subnet {Ipv4.Format(Start)} {Ipv4.Format(Ipv4.MaskOf(Length))}",
            AddressMemberKind.Range => $"range {Ipv4.Format(Start)} {Ipv4.Format(End)}",
            _ => $"group-object {Group}",
        };
        return dialect == ComwareDialect.V7 ? string.Create(CultureInfo.InvariantCulture, $"{Id} network {body}") : body;
    }
}

/// <summary>A member of a service object: protocol plus optional source/destination ports, or a nested group.</summary>
public sealed record ServiceMember(int Id, int? Protocol, PortMatch? SourcePort, PortMatch? DestinationPort, string? Group = null)
{
    public string Render(ComwareDialect dialect)
    {
        var body = new StringBuilder();
        if (Group is not null)
        {
            body.Append("group-object ").Append(Group);
        }
        else
        {
            body.Append("service ").Append(Protocol is null ? "ip" : Ports.ProtocolName(Protocol));
            if (SourcePort is { } sp)
            {
                body.Append(" source ").Append(RenderPort(sp));
            }

            if (DestinationPort is { } dp)
            {
                body.Append(" destination ").Append(RenderPort(dp));
            }
        }

        return dialect == ComwareDialect.V7 ? string.Create(CultureInfo.InvariantCulture, $"{Id} {body}") : body.ToString();
    }

    public bool MatchesSelf(int protocol, int sourcePort, int destinationPort) =>
        Group is null && (Protocol is null || Protocol == protocol)
        && (SourcePort is null || SourcePort.Value.Matches(sourcePort))
        && (DestinationPort is null || DestinationPort.Value.Matches(destinationPort));

    // Object groups print port numbers, not names (V7 examples show "destination eq 80").
    private static string RenderPort(PortMatch port) => port.Operator == PortOperator.Range
        ? string.Create(CultureInfo.InvariantCulture, $"range {port.Low} {port.High}")
        : string.Create(CultureInfo.InvariantCulture, $"{port.Operator.ToString().ToLowerInvariant()} {port.Low}");
}

/// <summary>
/// What a command says an address member is, before it gets an ID: <c>host address A</c>, <c>subnet A M</c>,
/// <c>range A B</c> or <c>group-object N</c> (the grammar builds it from typed parameters).
/// </summary>
public sealed record AddressSpec(AddressMemberKind Kind, Ipv4Address Start, Ipv4Address End, SubnetMask Mask, string? Group = null)
{
    public static AddressSpec Host(Ipv4Address address) => new(AddressMemberKind.Host, address, address, new SubnetMask(32));

    public static AddressSpec Subnet(Ipv4Address network, SubnetMask mask) => new(AddressMemberKind.Subnet, network, network, mask);

    public static AddressSpec Range(Ipv4Address start, Ipv4Address end) => new(AddressMemberKind.Range, start, end, new SubnetMask(32));

    public static AddressSpec GroupObject(string name) => new(AddressMemberKind.Group, default, default, new SubnetMask(32), name);

    /// <summary>The member as the device stores it: a /32 subnet or a one-address range is a host; a reversed range is turned round.</summary>
    public AddressMember ToMember(int id)
    {
        switch (Kind)
        {
            case AddressMemberKind.Subnet when Mask.PrefixLength == 32:
                return new AddressMember(id, AddressMemberKind.Host, Start.Value, Start.Value);
            case AddressMemberKind.Subnet:
                return new AddressMember(id, AddressMemberKind.Subnet, Start.Value & Mask.Bits, 0, Mask.PrefixLength);
            case AddressMemberKind.Range:
                var (low, high) = Start <= End ? (Start.Value, End.Value) : (End.Value, Start.Value);
                return low == high
                    ? new AddressMember(id, AddressMemberKind.Host, low, low)
                    : new AddressMember(id, AddressMemberKind.Range, low, high);
            default:
                return new AddressMember(id, AddressMemberKind.Host, Start.Value, Start.Value);
        }
    }
}

/// <summary>What a command says a service member is: protocol (null = any IP) and optional ports, or a nested group.</summary>
public sealed record ServiceSpec(int? Protocol, PortMatch? SourcePort = null, PortMatch? DestinationPort = null, string? Group = null)
{
    public static ServiceSpec GroupObject(string name) => new(null, null, null, name);
}

public sealed class AddressObject
{
    internal AddressObject(string name, bool isDefault)
    {
        Name = name;
        IsDefault = isDefault;
    }

    public string Name { get; }

    public bool IsDefault { get; }

    public string? Description { get; internal set; }

    public IReadOnlyList<AddressMember> Members => MemberMap.Values.AsReadOnly();

    internal SortedList<int, AddressMember> MemberMap { get; } = [];

    /// <summary>V7 auto ID: the next multiple of 10 above the greatest ID in use (MSR V7 object group reference).</summary>
    public int NextMemberId() => MemberMap.Count == 0 ? 0 : (MemberMap.Keys[^1] / 10 + 1) * 10;
}

public sealed class ServiceObject
{
    internal ServiceObject(string name, bool isDefault)
    {
        Name = name;
        IsDefault = isDefault;
    }

    public string Name { get; }

    public bool IsDefault { get; }

    public string? Description { get; internal set; }

    public IReadOnlyList<ServiceMember> Members => MemberMap.Values.AsReadOnly();

    internal SortedList<int, ServiceMember> MemberMap { get; } = [];

    public int NextMemberId() => MemberMap.Count == 0 ? 0 : (MemberMap.Keys[^1] / 10 + 1) * 10;
}
