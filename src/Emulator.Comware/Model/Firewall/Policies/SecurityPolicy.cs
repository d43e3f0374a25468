using System.Globalization;
using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Objects;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Policies;

public enum PolicyAction
{
    Drop,
    Pass,
}

/// <summary>A V7 source/destination address term: an object group name or an inline host/subnet/range.</summary>
public sealed record PolicyAddress(string? ObjectName, AddressMember? Inline)
{
    public string Render(string direction) => ObjectName is not null
        ? $"{direction}-ip {ObjectName}"
        : Inline!.Kind switch
        {
            AddressMemberKind.Host => $"{direction}-ip-host {Ipv4.Format(Inline.Start)}",
            AddressMemberKind.Subnet => string.Create(CultureInfo.InvariantCulture, $"{direction}-ip-subnet {Ipv4.Format(Inline.Start)} {Ipv4.Format(Ipv4.MaskOf(Inline.Length))}"),
            _ => $"{direction}-ip-range {Ipv4.Format(Inline.Start)} {Ipv4.Format(Inline.End)}",
        };
}

/// <summary>
/// One V7 <c>security-policy ip</c> rule (H3C SecPath V7 security policy command reference,
/// https://www.h3c.com/en/d_202209/1688290_294551_0.htm: <c>action { drop | pass }</c>, default drop).
/// </summary>
public sealed class PolicyRule
{
    internal PolicyRule(int id, string name)
    {
        Id = id;
        Name = name;
    }

    public int Id { get; }

    public string Name { get; internal set; }

    public PolicyAction Action { get; internal set; } = PolicyAction.Drop;

    public bool Logging { get; internal set; }

    public bool Counting { get; internal set; }

    public bool Disabled { get; internal set; }

    public string? Description { get; internal set; }

    public List<string> SourceZones { get; } = [];

    public List<string> DestinationZones { get; } = [];

    public List<PolicyAddress> SourceAddresses { get; } = [];

    public List<PolicyAddress> DestinationAddresses { get; } = [];

    public List<string> Services { get; } = [];

    public MatchCounter Hits { get; } = new();
}
