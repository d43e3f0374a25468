using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall.Acls;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Firewall.Nat;
using Emulator.Comware.Model.Firewall.Objects;
using Emulator.Comware.Model.Firewall.Policies;
using Emulator.Comware.Model.Firewall.Routes;
using Emulator.Comware.Model.Firewall.Zones;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>
/// The firewall command set: one registration per feature folder under <c>Model/Firewall/</c> (interfaces, zones,
/// ACLs, objects, policies, NAT, routes). Each feature registers its views (which name the configuration section
/// that writes them), its commands, its displays and its global sections; see the Comware README, "Model".
/// </summary>
public sealed class FirewallCommands : ICommandModule
{
    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
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
        NatCommands.Register(registry);
        RouteCommands.Register(registry);
        Model.Layer2.Layer2Commands.Register(registry);
    }
}
