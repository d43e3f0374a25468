using Emulator.Comware.Commands.Platform;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Interfaces;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Layer2;

/// <summary>
/// Layer-2 configuration commands (issue 13): <c>vlan</c>, <c>ip vpn-instance</c>, <c>lldp</c>, <c>arp static</c> in
/// system view; <c>port link-mode|link-type|access vlan|trunk permit vlan|link-aggregation group</c>, <c>lldp enable</c>
/// and <c>ip binding vpn-instance</c> in interface view; and the layer-2 displays. Syntax from the H3C Comware 7
/// Layer 2 - LAN Switching and Layer 3 - IP Services command references (V5: the MSR V5 ones).
/// </summary>
internal static class Layer2Commands
{
    public const string VlanView = "l2-vlan";
    public const string VpnView = "l2-vpn-instance";

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(VlanView, ViewIds.System, "[{0}-vlan{1}]", "VLAN view commands:") { Section = VlanSection.Instance });
        r.AddView(new ViewDefinition(VpnView, ViewIds.System, "[{0}-vpn-instance-{1}]", "VPN instance view commands:") { Section = VpnInstanceSection.Instance });
        r.AddConfigSection(LldpGlobalSection.Instance);
        r.AddConfigSection(ArpStaticSection.Instance);
        RegisterSystem(r);
        RegisterInterface(r);
        RegisterDisplays(r);
    }

    private static Layer2Config L2(CommandContext ctx) => Fw.Config(ctx).Layer2;

    /// <summary>
    /// <c>KEYWORD value</c> sets a text of the view's object and <c>undo KEYWORD</c> clears it (VLAN name, descriptions,
    /// route distinguisher). <paramref name="value"/> is the parameter token (<c>text:TEXT&lt;1-32&gt;</c>);
    /// <paramref name="help"/> is the keyword's line then the value's.
    /// </summary>
    private static CommandDefinition TextSetting<T>(string view, string keyword, string value, string[] help, Func<T, string?, FwResult> set)
        where T : class
    {
        var name = value[..value.IndexOf(':', StringComparison.Ordinal)];
        return new CommandDefinition
        {
            Syntax = $"{keyword} {value}",
            Help = help,
            Views = [view],
            UndoSyntax = keyword,
            UndoHelp = help[..^1],
            Handler = ctx => Fw.Apply(ctx, set(Fw.State<T>(ctx), ctx.IsUndo ? null : ctx.Args.GetString(name))),
        };
    }

    /// <summary>The command's undo form is its own words (<c>undo lldp enable</c>), with the same help.</summary>
    private static CommandDefinition UndoneBySameWords(CommandDefinition command) =>
        command with { UndoSyntax = command.Syntax, UndoHelp = command.Help };

    private static void RegisterSystem(CommandRegistry r)
    {
        string[] system = [ViewIds.System];
        r.Add(new CommandDefinition
        {
            Syntax = "vlan id:INTEGER<1-4094>",
            Help = ["Configure VLAN", "VLAN ID"],
            Views = system,
            UndoSyntax = "vlan id:INTEGER<1-4094>",
            UndoHelp = ["Configure VLAN", "VLAN ID"],
            Handler = ctx =>
            {
                var id = ctx.Args.GetInt32("id");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, L2(ctx).DeleteVlan(id));
                }

                L2(ctx).CreateVlan(id, out var vlan);
                ctx.EnterView(VlanView, vlan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), vlan);
                return Fw.Done;
            },
        });
        r.Add(TextSetting<Vlan>(VlanView, "name", "text:TEXT<1-32>", ["Specify a name", "VLAN name"], Layer2Config.SetVlanName));
        r.Add(TextSetting<Vlan>(VlanView, "description", "text:TEXT<1-255>", ["", "VLAN description"], Layer2Config.SetVlanDescription));

        r.Add(new CommandDefinition
        {
            Syntax = "ip vpn-instance name:STRING<1-31>",
            Help = ["", "Specify a VPN instance", "VPN instance name"],
            Views = system,
            UndoSyntax = "ip vpn-instance name:STRING<1-31>",
            UndoHelp = ["", "Specify a VPN instance", "VPN instance name"],
            Handler = ctx =>
            {
                var name = ctx.Args.GetString("name");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, L2(ctx).DeleteVpn(name));
                }

                L2(ctx).CreateVpn(name, ctx.Device.GetState<ManagementState>().Clock(ctx.Device).Now, out var vpn);
                ctx.EnterView(VpnView, vpn.Name, vpn);
                return Fw.Done;
            },
        });
        r.Add(TextSetting<VpnInstance>(VpnView, "route-distinguisher", "rd:STRING<3-21>",
            ["Specify a route distinguisher", "Route distinguisher: 16-bit AS number:32-bit number, 32-bit AS number:16-bit number or IP address:16-bit number"],
            Layer2Config.SetRouteDistinguisher));
        r.Add(TextSetting<VpnInstance>(VpnView, "description", "text:TEXT<1-79>", ["", "Description of the VPN instance"], Layer2Config.SetVpnDescription));

        r.Add(UndoneBySameWords(new CommandDefinition
        {
            Syntax = "lldp global enable",
            Help = ["Link Layer Discovery Protocol(802.1ab)", "Specify global configuration", "Enable LLDP"],
            Views = system,
            Dialects = Dialects.V7,
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetLldpGlobal(!ctx.IsUndo)),
        }));
        r.Add(UndoneBySameWords(new CommandDefinition
        {
            Syntax = "lldp enable",
            Help = ["Link Layer Discovery Protocol(802.1ab)", "Enable LLDP"],
            Views = system,
            Dialects = Dialects.V5,
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetLldpGlobal(!ctx.IsUndo)),
        }));

        r.Add(new CommandDefinition
        {
            Syntax = "arp static address:IPV4 mac:STRING<1-14> [ vlan:INTEGER<1-4094> name:INTERFACE ]",
            Help = ["Specify ARP configuration information", "Static ARP entry", "IP address", "MAC address (H-H-H)", "VLAN ID", "Interface name"],
            Views = system,
            UndoSyntax = "arp address:IPV4",
            UndoHelp = ["Specify ARP configuration information", "IP address"],
            Handler = ctx =>
            {
                var address = ctx.Args.GetIpv4("address");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, L2(ctx).RemoveStaticArp(address));
                }

                FwInterface? iface = null;
                int? vlan = null;
                if (ctx.Args.TryGet<InterfaceName>("name", out var name))
                {
                    iface = Fw.Config(ctx).Interfaces.Find(name);
                    if (iface is null)
                    {
                        return Fw.Apply(ctx, FwResult.Fail(FwErrors.InterfaceNotFound));
                    }

                    vlan = ctx.Args.GetInt32("vlan");
                }

                return Fw.Apply(ctx, L2(ctx).AddStaticArp(address, ctx.Args.GetString("mac"), vlan, iface));
            },
        });
    }

    private static void RegisterInterface(CommandRegistry r)
    {
        string[] inIface = [InterfaceCommands.View];
        r.Add(new CommandDefinition
        {
            Syntax = "port link-mode { bridge | route }",
            Help = ["Specify port configuration information", "Specify the link mode", "Layer 2 (bridge) mode", "Layer 3 (route) mode"],
            Views = inIface,
            UndoSyntax = "port link-mode",
            UndoHelp = ["Specify port configuration information", "Specify the link mode"],
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetBridgeMode(Fw.State<FwInterface>(ctx), !ctx.IsUndo && ctx.Args.Has("bridge"))),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "port link-type { access | hybrid | trunk }",
            Help = ["Specify port configuration information", "Specify the link type", "Access link type", "Hybrid link type", "Trunk link type"],
            Views = inIface,
            UndoSyntax = "port link-type",
            UndoHelp = ["Specify port configuration information", "Specify the link type"],
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetLinkType(Fw.State<FwInterface>(ctx),
                ctx.IsUndo || ctx.Args.Has("access") ? PortLinkType.Access : ctx.Args.Has("trunk") ? PortLinkType.Trunk : PortLinkType.Hybrid)),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "port access vlan id:INTEGER<1-4094>",
            Help = ["Specify port configuration information", "Set access link attributes", "Specify the VLAN", "VLAN ID"],
            Views = inIface,
            UndoSyntax = "port access vlan",
            UndoHelp = ["Specify port configuration information", "Set access link attributes", "Specify the VLAN"],
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetAccessVlan(Fw.State<FwInterface>(ctx), ctx.IsUndo ? null : ctx.Args.GetInt32("id"))),
        });
        r.Add(UndoneBySameWords(new CommandDefinition
        {
            Syntax = "port trunk permit vlan vlans:TEXT",
            Help = ["Specify port configuration information", "Set trunk link attributes", "Allow VLANs to pass", "Specify the VLAN", "VLAN list: N [ to M ] ... or all"],
            Views = inIface,
            Handler = ctx => VlanList.TryParse(ctx.Args.GetString("vlans"), out var vlans)
                ? Fw.Apply(ctx, L2(ctx).PermitTrunkVlans(Fw.State<FwInterface>(ctx), vlans, !ctx.IsUndo))
                : Fw.Apply(ctx, FwResult.Fail(Layer2Errors.InvalidVlanList)),
        }));
        r.Add(new CommandDefinition
        {
            Syntax = "port link-aggregation group number:INTEGER<1-1024>",
            Help = ["Specify port configuration information", "Specify link aggregation configuration", "Specify an aggregation group", "Aggregation group ID"],
            Views = inIface,
            UndoSyntax = "port link-aggregation group",
            UndoHelp = ["Specify port configuration information", "Specify link aggregation configuration", "Specify an aggregation group"],
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetAggregationGroup(Fw.State<FwInterface>(ctx), ctx.IsUndo ? null : ctx.Args.GetInt32("number"))),
        });
        r.Add(UndoneBySameWords(new CommandDefinition
        {
            Syntax = "lldp enable",
            Help = ["Link Layer Discovery Protocol(802.1ab)", "Enable LLDP on the port"],
            Views = inIface,
            Handler = ctx => Fw.Apply(ctx, L2(ctx).SetPortLldp(Fw.State<FwInterface>(ctx), !ctx.IsUndo)),
        }));
        r.Add(UndoneBySameWords(new CommandDefinition
        {
            Syntax = "ip binding vpn-instance name:STRING<1-31>",
            Help = ["", "Bind the interface with a VPN instance", "Specify a VPN instance", "VPN instance name"],
            Views = inIface,
            Handler = ctx => Fw.Apply(ctx, L2(ctx).Bind(Fw.State<FwInterface>(ctx), ctx.IsUndo ? null : ctx.Args.GetString("name"))),
        }));
    }

    private static void RegisterDisplays(CommandRegistry r)
    {
        Fw.Display(r, "display vlan all", ["", "Display VLAN information", "Display all VLANs"], ctx => Layer2Displays.VlanAll(Fw.Config(ctx)));
        Fw.Display(r, "display vlan brief", ["", "Display VLAN information", "Display brief information"], ctx => Layer2Displays.VlanBrief(Fw.Config(ctx)));
        Fw.Display(r, "display link-aggregation summary", ["", "Display link aggregation information", "Display summary information"],
            ctx => Layer2Displays.LinkAggregationSummary(Fw.Config(ctx)));
        Fw.Display(r, "display link-aggregation verbose", ["", "Display link aggregation information", "Display detailed information"],
            ctx => Layer2Displays.LinkAggregationVerbose(Fw.Config(ctx)));
        Fw.Display(r, "display link-aggregation member-port", ["", "Display link aggregation information", "Display member port information"],
            ctx => Layer2Displays.LinkAggregationMemberPort(Fw.Config(ctx)));
        Fw.Display(r, "display lldp neighbor-information", ["", "Display LLDP information", "Display neighbor information"],
            ctx => Layer2Displays.LldpVerbose(Fw.Config(ctx), Uptime(ctx)));
        Fw.Display(r, "display lldp neighbor-information list", ["", "Display LLDP information", "Display neighbor information", "Display neighbor information in a list"],
            ctx => Layer2Displays.LldpList(Fw.Config(ctx)));
        Fw.Display(r, "display lldp neighbor-information verbose", ["", "Display LLDP information", "Display neighbor information", "Display detailed neighbor information"],
            ctx => Layer2Displays.LldpVerbose(Fw.Config(ctx), Uptime(ctx)));
        Fw.Display(r, "display mac-address", ["", "Display MAC address table information"], ctx => Layer2Displays.MacAddress(Fw.Config(ctx)));
        Fw.Display(r, "display arp", ["", "Display ARP entries"], ctx => Layer2Displays.Arp(Fw.Config(ctx)));
        Fw.Display(r, "display ip vpn-instance [ instance-name name:STRING<1-31> ]", ["", "", "Display VPN instance information", "Specify a VPN instance", "VPN instance name"],
            ctx => VpnDisplay(ctx));
    }

    private static List<string> VpnDisplay(CommandContext ctx)
    {
        var config = Fw.Config(ctx);
        if (!ctx.Args.TryGet<string>("name", out var name))
        {
            return Layer2Displays.VpnInstances(config);
        }

        if (config.Layer2.FindVpn(name) is not { } vpn)
        {
            ctx.Fail(Layer2Errors.VpnNotFound);
            return [];
        }

        return Layer2Displays.VpnInstance(config, vpn);
    }

    /// <summary>How long the device has run: neighbours are learned at boot, so LLDP's update time is the uptime.</summary>
    private static TimeSpan Uptime(CommandContext ctx)
    {
        var clock = ctx.Device.GetState<ManagementState>().Clock(ctx.Device);
        return clock.Time.GetUtcNow() - clock.BootedAtUtc;
    }
}
