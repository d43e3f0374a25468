using Emulator.Comware.Engine;

namespace Emulator.Comware.Model.Firewall.Zones;

/// <summary>V5 <c>zone name NAME [id N]</c> and V7 <c>security-zone name NAME</c> (§8.7).</summary>
internal static class ZoneCommands
{
    public const string View = "fw-zone";

    public static void Register(CommandRegistry r)
    {
        r.AddView(new ViewDefinition(View, ViewIds.System, "[{0}-{1}]", "Zone view commands:") { Section = ZoneSection.Instance });

        r.Add(new CommandDefinition
        {
            Syntax = "zone name zone:STRING<1-31> [ id id:INTEGER<0-255> ]",
            Help = ["Specify a security zone", "Specify the zone name", "Zone name", "Specify the zone ID", "Zone ID"],
            Dialects = Dialects.V5,
            UndoSyntax = "zone name zone:STRING<1-31>",
            UndoHelp = ["Specify a security zone", "Specify the zone name", "Zone name"],
            Handler = ctx => Zone(ctx, "zone-"),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "security-zone name zone:STRING<1-31>",
            Help = ["Security zone", "Specify the zone name", "Zone name"],
            Dialects = Dialects.V7,
            UndoSyntax = "security-zone name zone:STRING<1-31>",
            UndoHelp = ["Security zone", "Specify the zone name", "Zone name"],
            Handler = ctx => Zone(ctx, "security-zone-"),
        });

        string[] inZone = [ZoneCommands.View];
        r.Add(new CommandDefinition
        {
            Syntax = "priority priority:INTEGER<0-100>",
            Help = ["Set the priority of the zone", "Priority"],
            Views = inZone,
            Dialects = Dialects.V5,
            Handler = ctx => Fw.Apply(ctx, ZoneTable.SetPriority(Fw.State<SecurityZone>(ctx), ctx.Args.GetInt32("priority"))),
        });
        r.Add(new CommandDefinition
        {
            Syntax = "import interface name:INTERFACE",
            Help = ["Add an interface to the zone", "Specify an interface", "Interface name"],
            Views = inZone,
            UndoSyntax = "import interface name:INTERFACE",
            UndoHelp = ["Add an interface to the zone", "Specify an interface", "Interface name"],
            Handler = ctx =>
            {
                var zone = Fw.State<SecurityZone>(ctx);
                var name = ctx.Args.GetInterface("name");
                var config = Fw.Config(ctx);
                return Fw.Apply(ctx, ctx.IsUndo ? config.Zones.RemoveInterface(zone, name) : config.Zones.ImportInterface(zone, name));
            },
        });

        Fw.Display(r, "display zone", ["", "Security zone information"], ctx => ZoneDisplays.Zones(Fw.Config(ctx)), Dialects.V5);
        Fw.Display(r, "display security-zone [ name zone:STRING<1-31> ]", ["", "Security zone information", "Specify a zone", "Zone name"], ctx =>
        {
            var config = Fw.Config(ctx);
            return ctx.Args.GetStringOrNull("zone") is { } name
                ? config.Zones.Find(name) is { } zone ? ZoneDisplays.Zones(config, zone) : [FwErrors.ZoneNotFound]
                : ZoneDisplays.Zones(config);
        }, Dialects.V7);
    }

    private static ValueTask Zone(CommandContext ctx, string prefix)
    {
        var config = Fw.Config(ctx);
        var name = ctx.Args.GetString("zone");
        if (ctx.IsUndo)
        {
            return Fw.Apply(ctx, config.Zones.Delete(name));
        }

        var result = config.Zones.GetOrCreate(name, ctx.Args.GetInt32OrNull("id"), out var zone);
        if (result.Ok)
        {
            ctx.EnterView(ZoneCommands.View, prefix + zone!.Name, zone);
        }

        return Fw.Apply(ctx, result);
    }
}
