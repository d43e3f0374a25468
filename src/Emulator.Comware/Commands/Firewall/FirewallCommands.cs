using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>
/// The firewall command set: interfaces, zones, V5 interzone policy and V7 security policy, ACLs, objects, NAT, static
/// routes, ping/tracert and their displays. The model is <see cref="FirewallConfig"/>; these are thin grammar adapters.
/// </summary>
public sealed class FirewallCommands : ICommandModule
{
    public const string InterfaceView = "fw-interface";
    public const string ZoneView = "fw-zone";
    public const string AclBasicView = "fw-acl-basic";
    public const string AclAdvancedView = "fw-acl-advanced";
    public const string AddressObjectView = "fw-object-address";
    public const string ServiceObjectView = "fw-object-service";
    public const string SecurityPolicyView = "fw-security-policy";
    public const string PolicyRuleView = "fw-policy-rule";
    public const string InterzoneView = "fw-interzone";
    public const string InterzoneRuleView = "fw-interzone-rule";
    public const string NatGroupView = "fw-nat-group";

    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        // Prompts: the key carries the dialect's wording (comware-cli.md §1.1; V7 object group and NAT group prompts from
        // the H3C V7 command references; V5 zone/ACL/interzone prompts unverified).
        registry.AddView(new ViewDefinition(InterfaceView, ViewIds.System, "[{0}-{1}]", "Interface view commands:"));
        registry.AddView(new ViewDefinition(ZoneView, ViewIds.System, "[{0}-{1}]", "Zone view commands:"));
        registry.AddView(new ViewDefinition(AclBasicView, ViewIds.System, "[{0}-{1}]", "ACL view commands:"));
        registry.AddView(new ViewDefinition(AclAdvancedView, ViewIds.System, "[{0}-{1}]", "ACL view commands:"));
        registry.AddView(new ViewDefinition(AddressObjectView, ViewIds.System, "[{0}-{1}]", "Object view commands:"));
        registry.AddView(new ViewDefinition(ServiceObjectView, ViewIds.System, "[{0}-{1}]", "Object view commands:"));
        registry.AddView(new ViewDefinition(SecurityPolicyView, ViewIds.System, "[{0}-security-policy-ip]", "Security policy view commands:") { Dialects = Dialects.V7 });
        registry.AddView(new ViewDefinition(PolicyRuleView, SecurityPolicyView, "[{0}-security-policy-ip-{1}]", "Security policy rule view commands:") { Dialects = Dialects.V7 });
        registry.AddView(new ViewDefinition(InterzoneView, ViewIds.System, "[{0}-interzone-{1}]", "Interzone view commands:") { Dialects = Dialects.V5 });
        registry.AddView(new ViewDefinition(InterzoneRuleView, InterzoneView, "[{0}-interzone-{1}]", "Interzone rule view commands:") { Dialects = Dialects.V5 });
        registry.AddView(new ViewDefinition(NatGroupView, ViewIds.System, "[{0}-address-group-{1}]", "Address group view commands:") { Dialects = Dialects.V7 });

        registry.AddKeywordHelp("ip", "Specify IP configuration");
        registry.AddKeywordHelp("nat", "Specify NAT configuration information");
        registry.AddKeywordHelp("acl", "Specify ACL configuration information");
        registry.AddKeywordHelp("description", "Describe the object");
        registry.AddKeywordHelp("shutdown", "Shut down the interface");
        registry.AddKeywordHelp("rule", "Specify a rule");
        registry.AddKeywordHelp("permit", "Specify matched packets to pass");
        registry.AddKeywordHelp("deny", "Specify matched packets to be discarded");

        InterfaceCommands.Register(registry);
        ZoneCommands.Register(registry);
        AclCommands.Register(registry);
        ObjectCommands.Register(registry);
        PolicyCommands.Register(registry);
        NatRouteCommands.Register(registry);
        FirewallDisplayCommands.Register(registry);

        foreach (var (name, order) in s_sectionOrder)
        {
            registry.AddConfigSection(new FirewallSection(name, order));
        }
    }

    private static readonly (string Name, int Order)[] s_sectionOrder =
    [
        ("nat-address-group", ConfigOrder.Acl - 20),
        ("object", ConfigOrder.Acl - 10),
        ("acl", ConfigOrder.Acl),
        ("interface", ConfigOrder.Interface),
        ("zone", ConfigOrder.SecurityZone),
        ("policy", ConfigOrder.SecurityPolicy),
        ("nat-static", ConfigOrder.Nat),
        ("route-static", ConfigOrder.StaticRoute),
    ];

    /// <summary>One part of the firewall configuration, rendered by <see cref="FirewallRenderer"/>.</summary>
    private sealed class FirewallSection(string name, int order) : IConfigSection
    {
        public int Order { get; } = order;

        public void Render(ComwareDevice device, ConfigWriter writer)
        {
            var config = device.GetState<FirewallState>().Config;
            foreach (var block in FirewallRenderer.RenderSection(config, name))
            {
                writer.Separator();
                foreach (var line in block)
                {
                    writer.Line(line);
                }
            }
        }

        public void RenderView(ComwareDevice device, ViewInstance view, ConfigWriter writer)
        {
            var config = device.GetState<FirewallState>().Config;
            var v7 = config.Dialect == ComwareDialect.V7;
            IEnumerable<string>? lines = (name, view.State) switch
            {
                ("interface", FwInterface iface) => FirewallRenderer.InterfaceBlock(config, iface, v7),
                ("acl", Acl acl) => FirewallRenderer.AclBlock(acl, v7),
                ("policy", InterzoneInstance instance) => PolicyRenderer.InterzoneBlock(instance),
                ("policy", PolicyRule rule) => PolicyRenderer.RuleLines(rule, ""),
                ("zone", SecurityZone zone) => FirewallRenderer.ZoneLines(zone, v7),
                ("object", AddressObject or ServiceObject) => FirewallRenderer.ObjectBlock(config, view.State),
                ("nat-address-group", NatAddressGroup group) => FirewallRenderer.NatGroupBlock(group),
                _ => null,
            };
            if (lines is null && name == "policy" && view.Id == SecurityPolicyView)
            {
                lines = PolicyRenderer.SecurityPolicyBlock(config);
            }

            foreach (var line in lines ?? [])
            {
                writer.Line(line);
            }
        }
    }
}
