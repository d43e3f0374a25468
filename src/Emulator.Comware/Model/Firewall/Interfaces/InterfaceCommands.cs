using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;

namespace Emulator.Comware.Model.Firewall.Interfaces;

/// <summary><c>interface NAME</c> and the interface view.</summary>
internal static class InterfaceCommands
{
    public const string View = "fw-interface";

    private static readonly string[] s_speeds = ["10", "100", "1000", "auto"];
    private static readonly string[] s_duplexes = ["auto", "full", "half"];

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(View, ViewIds.System, "[{0}-{1}]", "Interface view commands:") { Section = InterfaceSection.Instance });

        r.Add(new CommandDefinition
        {
            Syntax = "interface name:INTERFACE",
            Help = ["", "Interface name"],
            Views = [ViewIds.System],
            UndoSyntax = "interface name:INTERFACE",
            UndoHelp = ["", "Interface name"],
            Handler = ctx =>
            {
                var config = Fw.Config(ctx);
                var typed = ctx.Args.GetInterface("name");
                if (ctx.IsUndo)
                {
                    return Fw.Apply(ctx, config.Interfaces.Delete(typed));
                }

                var result = config.Interfaces.GetOrCreate(typed, out var iface);
                if (!result.Ok)
                {
                    return Fw.Apply(ctx, result);
                }

                ctx.EnterView(InterfaceCommands.View, iface!.Name, iface);
                return Fw.Done;
            },
        });

        string[] inIface = [InterfaceCommands.View];
        r.Add(new CommandDefinition
        {
            Syntax = "ip address address:IPV4 mask:MASK [ sub ]",
            Help = ["", "Set the IP address of an interface", "IP address", "IP mask", "Indicate a subordinate address"],
            Views = inIface,
            UndoSyntax = "ip address [ address:IPV4 mask:MASK [ sub ] ]",
            UndoHelp = ["", "Set the IP address of an interface", "IP address", "IP mask", "Indicate a subordinate address"],
            Handler = ctx =>
            {
                var iface = Fw.State<FwInterface>(ctx);
                var address = ctx.Args.GetIpv4OrNull("address");
                SubnetMask? mask = ctx.Args.TryGet<SubnetMask>("mask", out var m) ? m : null;
                var sub = ctx.Args.Has("sub");
                return ctx.IsUndo
                    ? Fw.Apply(ctx, InterfaceTable.RemoveAddress(iface, address, mask, sub))
                    : Fw.Apply(ctx, Fw.Config(ctx).Interfaces.SetAddress(iface, address!.Value, mask!.Value, sub));
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "description text:TEXT<1-80>",
            Help = ["", "Up to 80 characters for description of the interface"],
            Views = inIface,
            UndoSyntax = "description",
            UndoHelp = [""],
            Handler = ctx => Fw.Apply(ctx, InterfaceTable.SetDescription(Fw.State<FwInterface>(ctx), ctx.IsUndo ? null : ctx.Args.GetString("text"))),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "shutdown",
            Help = [""],
            Views = inIface,
            UndoSyntax = "shutdown",
            UndoHelp = [""],
            Handler = ctx =>
            {
                var iface = Fw.State<FwInterface>(ctx);
                var wasDown = iface.AdminDown;
                var done = Fw.Apply(ctx, InterfaceTable.SetShutdown(iface, !ctx.IsUndo));
                if (wasDown != iface.AdminDown)
                {
                    Logging.DeviceLog.LinkChanged(ctx, iface.Name, !iface.AdminDown);
                }

                return done;
            },
        });
        // Port settings chosen from a keyword list; the undo form goes back to the default (null).
        foreach (var (keyword, choices, help, set) in new (string, string[], string[], Func<FwInterface, string?, FwResult>)[]
        {
            ("speed", s_speeds, ["Specify speed of current port", "Specify speed as 10 Mbps", "Specify speed as 100 Mbps", "Specify speed as 1000 Mbps", "Enable port's speed negotiation automatically"], InterfaceTable.SetSpeed),
            ("duplex", s_duplexes, ["Status of duplex", "Enable port's duplex negotiation automatically", "Full-duplex", "Half-duplex"], InterfaceTable.SetDuplex),
        })
        {
            r.Add(new CommandDefinition
            {
                Syntax = $"{keyword} {{ {string.Join(" | ", choices)} }}",
                Help = help,
                Views = inIface,
                UndoSyntax = keyword,
                UndoHelp = [help[0]],
                Handler = ctx => Fw.Apply(ctx, set(Fw.State<FwInterface>(ctx), ctx.IsUndo ? null : choices.First(ctx.Args.Has))),
            });
        }

        r.Add(new CommandDefinition
        {
            Syntax = "vlan-type dot1q vid vid:INTEGER<1-4094>",
            Help = ["Specify the VLAN type", "802.1Q encapsulation", "Specify the VLAN ID", "VLAN ID"],
            Views = inIface,
            UndoSyntax = "vlan-type dot1q",
            UndoHelp = ["Specify the VLAN type", "802.1Q encapsulation"],
            Handler = ctx => Fw.Apply(ctx, Fw.Config(ctx).Interfaces.SetDot1qVid(Fw.State<FwInterface>(ctx), ctx.IsUndo ? null : ctx.Args.GetInt32("vid"))),
        });

        Fw.Display(r, "display interface [ name:INTERFACE ]", ["", "Interface information", "Interface name"],
            ctx => Named(ctx, iface => InterfaceDisplays.Detail(Fw.Config(ctx), iface)));
        Fw.Display(r, "display interface [ name:INTERFACE ] brief", ["", "Interface information", "Interface name", "Brief information"],
            ctx => Named(ctx, iface => InterfaceDisplays.Brief(Fw.Config(ctx), iface)));
        Fw.Display(r, "display ip interface brief", ["", "", "Interface information", "Brief information"],
            ctx => InterfaceDisplays.IpBrief(Fw.Config(ctx)));
        Fw.Display(r, "display ip interface [ name:INTERFACE ]", ["", "", "Interface information", "Interface name"],
            ctx => Named(ctx, iface => InterfaceIpDisplays.IpInterface(Fw.Config(ctx), iface)));
        Fw.Display(r, "display fib", ["", "Display FIB entries"], ctx => InterfaceIpDisplays.Fib(Fw.Config(ctx)));
        Fw.Display(r, "display counters inbound interface", ["", "Display interface statistics", "Inbound direction", "Interface"],
            ctx => InterfaceIpDisplays.Counters(Fw.Config(ctx), inbound: true));
        Fw.Display(r, "display counters outbound interface", ["", "Display interface statistics", "Outbound direction", "Interface"],
            ctx => InterfaceIpDisplays.Counters(Fw.Config(ctx), inbound: false));
    }

    /// <summary>Renders for the named interface, or all of them; a name that does not exist is an error.</summary>
    private static IEnumerable<string> Named(CommandContext ctx, Func<FwInterface?, IEnumerable<string>> render)
    {
        if (!ctx.Args.TryGet<InterfaceName>("name", out var name))
        {
            return render(null);
        }

        var iface = Fw.Config(ctx).Interfaces.Find(name);
        if (iface is null)
        {
            ctx.Fail(FwErrors.InterfaceNotFound);
            return [];
        }

        return render(iface);
    }
}
