using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Netconf;

/// <summary>NETCONF-over-SSH settings of the running configuration (Comware 7 only).</summary>
public sealed class NetconfSettings
{
    /// <summary>RFC 6242 section 3: the IANA port of NETCONF over SSH, Comware's default.</summary>
    public const int DefaultPort = 830;

    /// <summary><c>netconf ssh server enable</c>; off by default (H3C Comware 7 NETCONF configuration guide).</summary>
    public bool SshServerEnabled { get; set; }

    /// <summary><c>netconf ssh server port N</c>.</summary>
    public int Port { get; set; } = DefaultPort;
}

/// <summary>
/// <c>netconf ssh server enable</c> and <c>netconf ssh server port N</c> (system view, V7), written after the SSH
/// server lines as the device writes them. The emulator's NETCONF listener is the fleet's <c>netconf:</c> endpoint; the
/// port setting is kept and shown, and the subsystem is offered on every SSH listener while enabled.
/// </summary>
public sealed class NetconfCommands : ICommandModule
{
    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddKeywordHelp("netconf", "NETCONF configuration");
        registry.Add(new CommandDefinition
        {
            Syntax = "netconf ssh server enable",
            Help = ["", "Secure Shell (SSH)", "Specify the NETCONF-over-SSH server", "Enable NETCONF over SSH"],
            UndoSyntax = "netconf ssh server enable",
            UndoHelp = ["", "Secure Shell (SSH)", "Specify the NETCONF-over-SSH server", "Enable NETCONF over SSH"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = ctx =>
            {
                ctx.Device.GetState<NetconfSettings>().SshServerEnabled = !ctx.IsUndo;
                return ValueTask.CompletedTask;
            },
        });
        registry.Add(new CommandDefinition
        {
            Syntax = "netconf ssh server port port:INTEGER<1-65535>",
            Help = ["", "Secure Shell (SSH)", "Specify the NETCONF-over-SSH server", "Specify a port number for NETCONF over SSH", "Port number"],
            UndoSyntax = "netconf ssh server port",
            UndoHelp = ["", "Secure Shell (SSH)", "Specify the NETCONF-over-SSH server", "Specify a port number for NETCONF over SSH"],
            Views = [ViewIds.System],
            Level = Levels.Manage,
            Dialects = Dialects.V7,
            Handler = ctx =>
            {
                ctx.Device.GetState<NetconfSettings>().Port = ctx.IsUndo ? NetconfSettings.DefaultPort : ctx.Args.GetInt32("port");
                return ValueTask.CompletedTask;
            },
        });
        registry.AddConfigSection(new DelegateConfigSection(ConfigOrder.Services + 20, Render));
    }

    private static void Render(ComwareDevice device, ConfigWriter writer)
    {
        var settings = device.GetState<NetconfSettings>();
        if (settings.SshServerEnabled)
        {
            writer.Line(" netconf ssh server enable");
        }

        if (settings.Port != NetconfSettings.DefaultPort)
        {
            writer.Line(string.Create(CultureInfo.InvariantCulture, $" netconf ssh server port {settings.Port}"));
        }
    }
}
