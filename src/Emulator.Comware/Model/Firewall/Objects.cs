using System.Globalization;
using System.Text;

namespace Emulator.Comware.Model.Firewall;

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
/// same members without IDs (comware-cli.md §8.3a; V5 line syntax unverified).
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
