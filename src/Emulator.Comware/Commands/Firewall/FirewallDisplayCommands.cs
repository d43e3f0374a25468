using Emulator.Comware.Engine;
using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Model.Firewall.Displays;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>Firewall displays, <c>ping</c>, <c>tracert</c> and the lab-only policy evaluation command.</summary>
internal static class FirewallDisplayCommands
{
    public static void Register(CommandRegistry r)
    {
        Display(r, "display interface [ name:INTERFACE ]", ["", "Interface information", "Interface name"],
            ctx => Named(ctx, iface => InterfaceDisplays.Detail(Fw.Config(ctx), iface)));
        Display(r, "display interface [ name:INTERFACE ] brief", ["", "Interface information", "Interface name", "Brief information"],
            ctx => Named(ctx, iface => InterfaceDisplays.Brief(Fw.Config(ctx), iface)));
        Display(r, "display ip interface brief", ["", "", "Interface information", "Brief information"],
            ctx => InterfaceDisplays.IpBrief(Fw.Config(ctx)));
        Display(r, "display ip routing-table", ["", "", "Routing table"], ctx => RoutingDisplays.Table(Fw.Config(ctx)));
        Display(r, "display zone", ["", "Security zone information"], ctx => PolicyDisplays.Zones(Fw.Config(ctx)), Dialects.V5);
        Display(r, "display security-zone [ name zone:STRING<1-31> ]", ["", "Security zone information", "Specify a zone", "Zone name"], ctx =>
        {
            var config = Fw.Config(ctx);
            return ctx.Args.GetStringOrNull("zone") is { } name
                ? config.FindZone(name) is { } zone ? PolicyDisplays.Zones(config, zone) : [FwErrors.ZoneNotFound]
                : PolicyDisplays.Zones(config);
        }, Dialects.V7);
        Display(r, "display security-policy ip", ["", "Security policy", "IPv4 security policy"], ctx => PolicyDisplays.SecurityPolicy(Fw.Config(ctx)), Dialects.V7);
        Display(r, "display interzone-policy", ["", "Interzone policy information"], ctx => PolicyDisplays.Interzones(Fw.Config(ctx)), Dialects.V5);
        Display(r, "display acl { all | number:INTEGER<2000-3999> }", ["", "", "All ACLs", "ACL number"], ctx =>
        {
            var config = Fw.Config(ctx);
            if (ctx.Args.Has("all"))
            {
                return PolicyDisplays.Acls(config);
            }

            return config.FindAcl(ctx.Args.GetInt32("number")) is { } acl ? PolicyDisplays.Acls(config, acl) : [FwErrors.AclNotFound];
        });
        Display(r, "display object-group [ { ip address | service } ] [ name name:STRING<1-31> ]",
            ["", "Object group information", "IPv4", "Address object groups", "Service object groups", "Specify a name", "Object group name"],
            ctx => PolicyDisplays.Objects(Fw.Config(ctx), ctx.Args.GetStringOrNull("name"), ctx.Args.Has("address") ? true : ctx.Args.Has("service") ? false : null), Dialects.V7);
        Display(r, "display object [ { address | service } ] [ name name:STRING<1-31> ]",
            ["", "Object information", "Address objects", "Service objects", "Specify a name", "Object name"],
            ctx => PolicyDisplays.Objects(Fw.Config(ctx), ctx.Args.GetStringOrNull("name"), ctx.Args.Has("address") ? true : ctx.Args.Has("service") ? false : null), Dialects.V5);
        Display(r, "display nat { all | address-group | outbound | server | static }", ["", "", "All NAT information", "Address groups", "Outbound NAT", "Internal servers", "Static NAT"], ctx =>
        {
            var config = Fw.Config(ctx);
            return ctx.Args.Has("all") ? NatDisplays.All(config)
                : ctx.Args.Has("address-group") ? NatDisplays.AddressGroups(config)
                : ctx.Args.Has("outbound") ? NatDisplays.Outbound(config)
                : ctx.Args.Has("server") ? NatDisplays.Servers(config)
                : NatDisplays.Statics(config);
        });

        r.Add(new CommandDefinition
        {
            Syntax = "ping [ -c count:INTEGER<1-4294967295> ] [ -s size:INTEGER<20-8100> ] host:IPV4",
            Help = ["Ping function", "Specify the number of echo requests", "Number of echo requests", "Specify the payload length", "Payload length in bytes", "IP address"],
            Views = [ViewIds.Any],
            Level = Levels.Visit,
            Handler = ctx =>
            {
                var count = (int)Math.Min(ctx.Args.TryGet<long>("count", out var c) ? c : 5, 1000);
                ctx.WriteLines(Reachability.Ping(Fw.Config(ctx), Address(ctx, "host"), count, ctx.Args.GetInt32OrNull("size") ?? 56));
                return Fw.Done;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "tracert host:IPV4",
            Help = ["Tracert function", "IP address"],
            Views = [ViewIds.Any],
            Level = Levels.Visit,
            Handler = ctx =>
            {
                ctx.WriteLines(Reachability.Tracert(Fw.Config(ctx), Address(ctx, "host")));
                return Fw.Done;
            },
        });
        // Beyond the real device (labs/tests): which rule decides a flow. Hidden from ? and Tab.
        r.Add(new CommandDefinition
        {
            Syntax = "display policy-evaluate source src:IPV4 destination dst:IPV4 { tcp | udp | icmp } [ port:INTEGER<0-65535> ] [ source-zone sz:STRING<1-31> ] [ destination-zone dz:STRING<1-31> ]",
            Help = ["", "Evaluate a flow against the security policy", "Source", "Source address", "Destination", "Destination address", "TCP", "UDP", "ICMP", "Destination port", "Source zone", "Zone name", "Destination zone", "Zone name"],
            Views = [ViewIds.Any],
            Hidden = true,
            Handler = ctx =>
            {
                var protocol = ctx.Args.Has("tcp") ? Ports.Tcp : ctx.Args.Has("udp") ? Ports.Udp : Ports.Icmp;
                var query = new FlowQuery(ctx.Args.GetStringOrNull("sz"), Address(ctx, "src"), ctx.Args.GetStringOrNull("dz"), Address(ctx, "dst"),
                    protocol, 0, ctx.Args.GetInt32OrNull("port") ?? 0);
                ctx.WriteLine(Fw.Config(ctx).Evaluate(query).ToString());
                return Fw.Done;
            },
        });
    }

    private static void Display(CommandRegistry r, string syntax, string[] help, Func<CommandContext, IEnumerable<string>> render, Dialects dialects = Dialects.All) =>
        r.Add(new CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Dialects = dialects,
            Handler = ctx =>
            {
                ctx.WriteLines(render(ctx));
                return Fw.Done;
            },
        });

    /// <summary>Renders for the named interface, or all of them; a name that does not exist is an error.</summary>
    private static IEnumerable<string> Named(CommandContext ctx, Func<FwInterface?, IEnumerable<string>> render)
    {
        if (!ctx.Args.TryGet<InterfaceName>("name", out var name))
        {
            return render(null);
        }

        var iface = Fw.Config(ctx).FindInterface(name);
        if (iface is null)
        {
            ctx.Fail(FwErrors.InterfaceNotFound);
            return [];
        }

        return render(iface);
    }

    private static uint Address(CommandContext ctx, string name) => ctx.Args.GetIpv4(name).Value;
}
