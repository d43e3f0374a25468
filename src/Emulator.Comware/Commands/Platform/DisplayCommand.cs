using Emulator.Comware.Engine;

namespace Emulator.Comware.Commands.Platform;

/// <summary>A read-only display in every view at monitor level whose whole output is one rendered text.</summary>
internal static class DisplayCommand
{
    public static void Register(CommandRegistry r, string syntax, string[] help, Func<CommandContext, string> text) =>
        r.Add(new CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = ctx =>
            {
                ctx.Write(text(ctx));
                return ValueTask.CompletedTask;
            },
        });
}
