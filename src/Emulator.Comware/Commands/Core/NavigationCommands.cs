using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Core;

/// <summary>system-view, quit, return, screen-length, sysname (§1.2, §3.2).</summary>
internal static class NavigationCommands
{
    public static void Register(CommandRegistry registry)
    {
        registry.Add(new CommandDefinition
        {
            Syntax = "system-view",
            Help = ["Enter the System View"],
            Views = [ViewIds.User],
            Level = Levels.System,
            Handler = context =>
            {
                context.WriteLine("System View: return to User View with Ctrl+Z.");
                context.EnterView(ViewIds.System);
                return ValueTask.CompletedTask;
            },
        });

        registry.Add(new CommandDefinition
        {
            Syntax = "quit",
            Help = ["Exit from current command view"],
            Views = [ViewIds.Any],
            Level = Levels.Visit,
            Handler = context =>
            {
                context.ExitView();
                return ValueTask.CompletedTask;
            },
        });

        registry.Add(new CommandDefinition
        {
            Syntax = "return",
            Help = ["Exit to User View"],
            Views = [ViewIds.AnyConfig],
            Level = Levels.Visit,
            Handler = context =>
            {
                context.ReturnToUserView();
                return ValueTask.CompletedTask;
            },
        });

        registry.Add(new CommandDefinition
        {
            Syntax = "screen-length disable",
            Help = ["Specify the lines displayed on one screen", "Disable the multiple-screen function"],
            Views = [ViewIds.User],
            Level = Levels.Monitor,
            Handler = context =>
            {
                context.ScreenLength = null;

                if (context.Device.Dialect.ScreenLengthDisabledMessage is { } message)
                {
                    context.WriteLine(message);
                }

                return ValueTask.CompletedTask;
            },
        });

        registry.Add(Sysname(Dialects.V5, 30));
        registry.Add(Sysname(Dialects.V7, 64));
    }

    private static CommandDefinition Sysname(Dialects dialects, int maxLength) => new()
    {
        Syntax = $"sysname sysname:STRING<1-{maxLength}>",
        Help = ["Specify the host name", "Host name"],
        Dialects = dialects,
        UndoSyntax = "sysname",
        UndoHelp = ["Specify the host name"],
        Handler = context =>
        {
            context.Device.GetState<SystemState>().Sysname = context.IsUndo ? null : context.Args.GetString("sysname");
            return ValueTask.CompletedTask;
        },
    };
}
