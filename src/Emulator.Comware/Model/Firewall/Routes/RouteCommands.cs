using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Routes;

/// <summary>Static routes, <c>display ip routing-table</c>, <c>ping</c> and <c>tracert</c>.</summary>
internal static class RouteCommands
{
    public static void Register(CommandRegistry r)
    {
        r.AddConfigSection(RouteSection.Instance);
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
                    ? Fw.Apply(ctx, config.Routes.Remove(dest, mask, null, hop))
                    : Fw.Apply(ctx, config.Routes.Add(dest, mask, via, hop, ctx.Args.GetInt32OrNull("pref"), ctx.Args.GetStringOrNull("text")));
            },
        });
        Fw.Display(r, "display ip routing-table", ["", "", "Routing table"], ctx => RoutingDisplays.Table(Fw.Config(ctx)));

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
    }

    private static uint Address(CommandContext ctx, string name) => ctx.Args.GetIpv4(name).Value;
}
