using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Firewall.Nat;
using Emulator.Comware.Model.Firewall.Objects;
using Emulator.Comware.Model.Firewall.Policies;
using Emulator.Comware.Model.Firewall.Routes;
using Emulator.Comware.Model.Firewall.Zones;

namespace Emulator.Comware.Model.Firewall;

/// <summary>
/// The firewall part of one device's running configuration: one object per feature, each in its own folder with its
/// state, mutators, configuration section, views and displays (see the Comware README, "Model"). The features refer to each other only
/// through this root (an ACL in use by NAT cannot be deleted; deleting an interface removes it from zones, NAT and
/// routes). Every mutator validates first and changes nothing when it fails. Not thread-safe: the device serialises
/// configuration changes.
/// </summary>
public sealed class FirewallConfig
{
    public FirewallConfig(DeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Dialect = facts.Dialect;
        Interfaces = new InterfaceTable(this, facts);
        Zones = new ZoneTable(this);
        Acls = new AclTable(this);
        Objects = new ObjectTable(this);
        SecurityPolicy = new SecurityPolicyTable(this);
        Interzones = new InterzoneTable(this);
        Nat = new NatTable(this);
        Routes = new RouteTable(this);
        Layer2 = new Layer2.Layer2Config(this, facts);
    }

    public ComwareDialect Dialect { get; }

    public InterfaceTable Interfaces { get; }

    public ZoneTable Zones { get; }

    public AclTable Acls { get; }

    public ObjectTable Objects { get; }

    /// <summary>V7 <c>security-policy ip</c>.</summary>
    public SecurityPolicyTable SecurityPolicy { get; }

    /// <summary>V5 interzone policy.</summary>
    public InterzoneTable Interzones { get; }

    public NatTable Nat { get; }

    public RouteTable Routes { get; }

    /// <summary>VLANs, port layer-2 settings, aggregation, static ARP, LLDP, VPN instances (<c>Model/Layer2/</c>).</summary>
    public Layer2.Layer2Config Layer2 { get; }

    /// <summary>Would this flow pass, and by which rule (see <see cref="PolicyEvaluation"/>).</summary>
    public PolicyVerdict Evaluate(FlowQuery query, bool countHit = false) => new PolicyEvaluation(this).Evaluate(query, countHit);

    /// <summary>The zone an address belongs to by the routing table (own addresses are zone Local).</summary>
    public string? ZoneForAddress(uint address) => new PolicyEvaluation(this).ZoneForAddress(address);
}
