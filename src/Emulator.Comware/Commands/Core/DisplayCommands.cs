using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Core;

/// <summary>display this, display current-configuration, display history-command.</summary>
internal static class DisplayCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Add(new CommandDefinition
        {
            Syntax = "display current-configuration",
            Help = ["", "Current configuration"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = context =>
            {
                context.WriteBlock(context.Device.CurrentConfiguration().Block);
                return ValueTask.CompletedTask;
            },
        });

        registry.Add(new CommandDefinition
        {
            Syntax = "display this",
            Help = ["", "Current view configuration"],
            Views = [ViewIds.AnyConfig],
            Level = Levels.Monitor,
            Handler = DisplayThis,
        });

        registry.Add(new CommandDefinition
        {
            Syntax = "display history-command",
            Help = ["", "Display the history command of the current terminal line"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = context =>
            {
                if (context.History is { } history)
                {
                    context.WriteLines(history.Entries.Select(e => "  " + e));
                }

                return ValueTask.CompletedTask;
            },
        });
    }

    /// <summary>System view shows the whole configuration; a sub-view shows its own block between <c>#</c> lines.</summary>
    private static ValueTask DisplayThis(CommandContext context)
    {
        var device = context.Device;
        if (context.View.Id == ViewIds.System)
        {
            context.WriteBlock(device.CurrentConfiguration().Block);
            return ValueTask.CompletedTask;
        }

        var writer = new ConfigWriter();
        writer.Separator();
        foreach (var section in device.Commands.ConfigSections)
        {
            section.RenderView(device, context.View, writer);
        }

        writer.Separator();
        writer.Line("return");
        context.WriteLines(writer.Lines);
        return ValueTask.CompletedTask;
    }
}
