using Emulator.Comware.Engine;

namespace Emulator.Comware.Commands.Core;

/// <summary>
/// <c>terminal monitor</c> / <c>undo terminal monitor</c>: whether this session shows information-center output
/// (logs, traps) between prompts. A per-session switch, off by default on VTY lines. Backup tools send
/// <c>undo terminal monitor</c> first (oxidized's comware model, rancid's h3clogin), so it must answer.
/// Texts: V5 prints the Huawei-VRP-derived info line with Comware's <c>%</c> lead; V7 prints the sentence of the
/// H3C Comware 7 information center command reference (unverified against a capture).
/// </summary>
internal static class TerminalCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Add(new CommandDefinition
        {
            Syntax = "terminal monitor",
            Help = ["Set the terminal line characteristics", "Send information output to the current terminal"],
            Views = [ViewIds.User],
            Level = Levels.Monitor,
            UndoSyntax = "terminal monitor",
            UndoHelp = ["Set the terminal line characteristics", "Send information output to the current terminal"],
            Handler = context =>
            {
                context.TerminalMonitor = !context.IsUndo;
                context.WriteLine((context.Dialect, context.IsUndo) switch
                {
                    (ComwareDialect.V5, false) => "% Current terminal monitor is on",
                    (ComwareDialect.V5, true) => "% Current terminal monitor is off",
                    (_, false) => "The current terminal is enabled to display logs.",
                    (_, true) => "The current terminal is disabled to display logs.",
                });
                return ValueTask.CompletedTask;
            },
        });
    }
}
