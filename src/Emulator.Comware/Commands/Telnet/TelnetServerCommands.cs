using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Telnet;

/// <summary>
/// Whether the telnet server accepts logins. Comware 7 ships it disabled ("By default, the Telnet server is
/// disabled", H3C/HPE Comware 7 fundamentals configuration guide) and writes <c>telnet server enable</c> when on;
/// Comware 5 ships it enabled and writes <c>undo telnet server enable</c> when off.
/// </summary>
public sealed class TelnetSettings : IDeviceState
{
    public bool ServerEnabled { get; set; }

    /// <summary>The dialect's default.</summary>
    public bool DefaultEnabled { get; private set; }

    public void Initialize(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        DefaultEnabled = device.Facts.Dialect == ComwareDialect.V5;
        ServerEnabled = DefaultEnabled;
    }
}

/// <summary><c>telnet server enable</c> / <c>undo telnet server enable</c> (system view) and its configuration line.</summary>
internal static class TelnetServerCommands
{
    public static void Register(CommandRegistry r)
    {
        r.AddKeywordHelp("telnet", "Specify Telnet configuration information");
        r.Add(new CommandDefinition
        {
            Syntax = "telnet server enable",
            Help = ["", "Specify the server attribute", "Enable Telnet server function"],
            UndoSyntax = "telnet server enable",
            UndoHelp = ["", "Specify the server attribute", "Enable Telnet server function"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Handler = ctx =>
            {
                ctx.Device.GetState<TelnetSettings>().ServerEnabled = !ctx.IsUndo;
                if (ctx.Dialect == ComwareDialect.V5 && !ctx.IsReplay)
                {
                    ctx.WriteLine(ctx.IsUndo ? " % Stop Telnet server" : " % Start Telnet server");
                }

                return ValueTask.CompletedTask;
            },
        });
        r.AddConfigSection(new DelegateConfigSection(ConfigOrder.Services + 10, Render));
    }

    private static void Render(ComwareDevice device, ConfigWriter writer)
    {
        var telnet = device.GetState<TelnetSettings>();
        if (telnet.ServerEnabled != telnet.DefaultEnabled)
        {
            writer.Line(telnet.ServerEnabled ? " telnet server enable" : " undo telnet server enable");
        }
    }
}
