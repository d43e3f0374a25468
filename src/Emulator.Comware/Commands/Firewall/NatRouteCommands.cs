using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>NAT (comware-cli.md §8.5) and static routes (§8.6).</summary>
internal static class NatRouteCommands
{
    public static void Register(CommandRegistry r)
    {
        r.Add(new CommandDefinition
        {
            Syntax = "nat address-group group:INTEGER<0-65535> start:IPV4 end:IPV4",
            Help = ["", "Specify an address group", "Address group number", "Start address", "End address"],
            Dialects = Dialects.V5,
            UndoSyntax = "nat address-group group:INTEGER<0-65535>",
            UndoHelp = ["", "Specify an address group", "Address group number"],
            Handler = ctx => ctx.IsUndo
                ? Fw.Apply(ctx, Fw.Config(ctx).DeleteNatGroup(ctx.Args.GetInt32("group")))
                : Fw.Apply(ctx, Fw.Config(ctx).SetNatGroupRange(ctx.Args.GetInt32("group"), ctx.Args.GetIpv4("start"), ctx.Args.GetIpv4("end"))),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "nat address-group group:INTEGER<0-65535>",
            Help = ["", "Specify an address group", "Address group number"],
            Dialects = Dialects.V7,
            UndoSyntax = "nat address-group group:INTEGER<0-65535>",
            UndoHelp = ["", "Specify an address group", "Address group number"],
            Handler = ctx =>
            {
                var config = Fw.Config(ctx);
                var id = ctx.Args.GetInt32("group");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, config.DeleteNatGroup(id));
                }

                var result = config.GetOrCreateNatGroup(id, out var group);
                if (result.Ok)
                {
                    ctx.EnterView(FirewallCommands.NatGroupView, id.ToString(global::System.Globalization.CultureInfo.InvariantCulture), group);
                }

                return Fw.Apply(ctx, result);
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "address start:IPV4 end:IPV4",
            Help = ["Add an address range", "Start address", "End address"],
            Views = [FirewallCommands.NatGroupView],
            Dialects = Dialects.V7,
            UndoSyntax = "address start:IPV4 end:IPV4",
            UndoHelp = ["Add an address range", "Start address", "End address"],
            Handler = ctx =>
            {
                var group = Fw.State<NatAddressGroup>(ctx);
                var (start, end) = (ctx.Args.GetIpv4("start"), ctx.Args.GetIpv4("end"));
                return Fw.Apply(ctx, ctx.IsUndo ? Fw.Config(ctx).RemoveNatGroupAddress(group, start, end) : Fw.Config(ctx).AddNatGroupAddress(group, start, end));
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "nat static local:IPV4 global:IPV4",
            Help = ["", "Static NAT", "Local address", "Global address"],
            Dialects = Dialects.V5,
            UndoSyntax = "nat static local:IPV4 global:IPV4",
            UndoHelp = ["", "Static NAT", "Local address", "Global address"],
            Handler = ctx => Static(ctx),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "nat static outbound local:IPV4 global:IPV4",
            Help = ["", "Static NAT", "Outbound mapping", "Local address", "Global address"],
            Dialects = Dialects.V7,
            UndoSyntax = "nat static outbound local:IPV4 global:IPV4",
            UndoHelp = ["", "Static NAT", "Outbound mapping", "Local address", "Global address"],
            Handler = ctx => Static(ctx),
        });

        string[] inIface = [FirewallCommands.InterfaceView];
        r.Add(new CommandDefinition
        {
            Syntax = "nat outbound [ acl:INTEGER<2000-3999> ] [ address-group group:INTEGER<0-65535> [ no-pat ] ]",
            Help = ["", "Outbound NAT", "ACL number", "Specify an address group", "Address group number", "Translate addresses only"],
            Views = inIface,
            UndoSyntax = "nat outbound [ acl:INTEGER<2000-3999> ]",
            UndoHelp = ["", "Outbound NAT", "ACL number"],
            Handler = ctx =>
            {
                var iface = Fw.State<FwInterface>(ctx);
                var acl = ctx.Args.GetInt32OrNull("acl");
                return ctx.IsUndo
                    ? Fw.Apply(ctx, Fw.Config(ctx).RemoveNatOutbound(iface, acl))
                    : Fw.Apply(ctx, Fw.Config(ctx).AddNatOutbound(iface, acl, ctx.Args.GetInt32OrNull("group"), ctx.Args.Has("no-pat")));
            },
        });
        // One switch, spelled per dialect: apply the static NAT mappings on this interface.
        foreach (var (dialects, syntax, help) in new[]
        {
            (Dialects.V5, "nat outbound static", new[] { "", "Outbound NAT", "Apply static NAT mappings" }),
            (Dialects.V7, "nat static enable", new[] { "", "Static NAT", "Apply static NAT mappings" }),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = syntax,
                Help = help,
                Views = inIface,
                Dialects = dialects,
                UndoSyntax = syntax,
                UndoHelp = help,
                Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).SetNatStaticOnInterface(Fw.State<FwInterface>(ctx), !ctx.IsUndo)),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "nat server protocol { tcp | udp } global global:IPV4 [ gport:STRING<1-15> ] inside inside:IPV4 [ iport:STRING<1-15> ]",
            Help = ["", "Internal server", "Specify a protocol", "TCP", "UDP", "Global address", "IP address", "Port number or name", "Inside address", "IP address", "Port number or name"],
            Views = inIface,
            UndoSyntax = "nat server protocol { tcp | udp } global global:IPV4 [ gport:STRING<1-15> ]",
            UndoHelp = ["", "Internal server", "Specify a protocol", "TCP", "UDP", "Global address", "IP address", "Port number or name"],
            Handler = ctx =>
            {
                var iface = Fw.State<FwInterface>(ctx);
                var protocol = ctx.Args.Has("tcp") ? Ports.Tcp : Ports.Udp;
                int? Port(string name) => ctx.Args.GetStringOrNull(name) is { } text ? (Ports.TryParsePort(protocol, text, out var p) ? p : -1) : null;
                var config = Fw.Config(ctx);
                var global = ctx.Args.GetIpv4("global");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, config.RemoveNatServer(iface, protocol, global, Port("gport")));
                }

                return Fw.Apply(ctx, config.AddNatServer(iface, protocol, global, Port("gport"), ctx.Args.GetIpv4("inside"), Port("iport")));
            },
        });

        r.Add(new CommandDefinition
        {
            Syntax = "ip route-static dest:IPV4 mask:MASK { nexthop:IPV4 | via:INTERFACE [ hop:IPV4 ] } [ preference pref:INTEGER<1-255> ] [ description text:TEXT<1-60> ]",
            Help = ["", "Establish a static route", "Destination IP address", "Mask", "Next hop address", "Output interface", "Next hop address", "Specify the preference", "Preference value", "Set the description", "Description"],
            UndoSyntax = "ip route-static dest:IPV4 mask:MASK [ nexthop:IPV4 ]",
            UndoHelp = ["", "Establish a static route", "Destination IP address", "Mask", "Next hop address"],
            Handler = ctx =>
            {
                var config = Fw.Config(ctx);
                var dest = ctx.Args.GetIpv4("dest");
                var mask = ctx.Args.GetMask("mask");
                var hop = ctx.Args.GetIpv4OrNull("nexthop") ?? ctx.Args.GetIpv4OrNull("hop");
                InterfaceName? via = ctx.Args.TryGet<InterfaceName>("via", out var v) ? v : null;
                return ctx.IsUndo
                    ? Fw.Apply(ctx, config.RemoveStaticRoute(dest, mask, null, hop))
                    : Fw.Apply(ctx, config.AddStaticRoute(dest, mask, via, hop, ctx.Args.GetInt32OrNull("pref"), ctx.Args.GetStringOrNull("text")));
            },
        });
    }

    private static ValueTask Static(CommandContext ctx)
    {
        var local = ctx.Args.GetIpv4("local");
        var global = ctx.Args.GetIpv4("global");
        return Fw.Apply(ctx, ctx.IsUndo ? Fw.Config(ctx).RemoveNatStatic(local, global) : Fw.Config(ctx).AddNatStatic(local, global));
    }
}
