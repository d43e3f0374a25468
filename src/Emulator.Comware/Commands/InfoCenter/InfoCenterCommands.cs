using System.Globalization;
using System.Text;
using Emulator.Comware.Commands.Platform;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.InfoCenter;

/// <summary>
/// The information center (H3C Network Management and Monitoring Command References, "Information center"):
/// <c>info-center enable</c>, <c>info-center loghost</c>, <c>info-center source</c> (V5 channel form, V7 destination
/// form), <c>display logbuffer</c>, <c>reset logbuffer</c>. The messages come from <see cref="Logging.DeviceLog"/>.
/// </summary>
public sealed class InfoCenterCommands : ICommandModule
{
    private const string SeverityChoice = "{ emergency | alert | critical | error | warning | notification | informational | debugging }";

    private static readonly string[] s_severityHelp =
        ["Emergency", "Alert", "Critical", "Error", "Warning", "Notification", "Informational", "Debugging"];

    private static readonly string[] s_destinations = ["console", "monitor", "loghost", "logbuffer"];

    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var r = registry;
        r.AddKeywordHelp("info-center", "Specify information center configuration information");
        r.Add(new CommandDefinition
        {
            Syntax = "info-center enable",
            Help = ["", "Enable the information center"],
            Level = Levels.System,
            UndoSyntax = "info-center enable",
            UndoHelp = ["", "Enable the information center"],
            Handler = ctx =>
            {
                ctx.Device.GetState<InfoCenterConfig>().SetEnabled(!ctx.IsUndo);
                if (ctx.Dialect == ComwareDialect.V5 && !ctx.IsReplay)
                {
                    ctx.WriteLine(ctx.IsUndo ? "% Information center is disabled." : "% Information center is enabled.");
                }

                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "info-center loghost host:IPV4 [ port port:INTEGER<1-65535> ] [ facility { local0 | local1 | local2 | local3 | local4 | local5 | local6 | local7 } ]",
            Help = ["", "Specify a log host", "IP address of the log host", "Specify the UDP port of the log host", "Port number", "Specify the logging facility",
                "Local0", "Local1", "Local2", "Local3", "Local4", "Local5", "Local6", "Local7"],
            Level = Levels.System,
            UndoSyntax = "info-center loghost host:IPV4",
            UndoHelp = ["", "Specify a log host", "IP address of the log host"],
            Handler = ctx =>
            {
                var facility = Enumerable.Range(0, 8).FirstOrDefault(i => ctx.Args.Has("local" + i.ToString(CultureInfo.InvariantCulture)), 7);
                var host = new Loghost(ctx.Args.GetIpv4("host"), ctx.Args.GetInt32OrNull("port") ?? InfoCenterConfig.DefaultPort, 16 + facility);
                ctx.Device.GetState<InfoCenterConfig>().SetLoghost(host, ctx.IsUndo);
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = $"info-center source module:STRING<1-20> channel {{ console | monitor | loghost | logbuffer }} log {{ level {SeverityChoice} | state off }}",
            Help = ["", "Specify the information source", "Module name or default", "Specify the output channel", "Console", "Monitor terminals", "Log hosts", "Log buffer",
                "Specify log information", "Specify the severity level", .. s_severityHelp, "Specify the state", "Disable the output"],
            Dialects = Dialects.V5,
            Level = Levels.System,
            UndoSyntax = "info-center source module:STRING<1-20> channel { console | monitor | loghost | logbuffer }",
            UndoHelp = ["", "Specify the information source", "Module name or default", "Specify the output channel", "Console", "Monitor terminals", "Log hosts", "Log buffer"],
            Handler = Source,
        });
        r.Add(new CommandDefinition
        {
            Syntax = $"info-center source module:STRING<1-20> {{ console | monitor | loghost | logbuffer }} {{ deny | level {SeverityChoice} }}",
            Help = ["", "Specify the information source", "Module name or default", "Console", "Monitor terminals", "Log hosts", "Log buffer",
                "Disable the output", "Specify the severity level", .. s_severityHelp],
            Dialects = Dialects.V7,
            Level = Levels.System,
            UndoSyntax = "info-center source module:STRING<1-20> { console | monitor | loghost | logbuffer }",
            UndoHelp = ["", "Specify the information source", "Module name or default", "Console", "Monitor terminals", "Log hosts", "Log buffer"],
            Handler = Source,
        });
        DisplayCommand.Register(r, "display logbuffer [ reverse ]", ["", "Display the log buffer", "Newest messages first"],
            ctx => LogBufferText(ctx.Device.GetState<InfoCenterConfig>(), ctx.Args.Has("reverse")));
        r.Add(new CommandDefinition
        {
            Syntax = "reset logbuffer",
            Help = ["Reset operation", "Clear the log buffer"],
            Views = [ViewIds.User],
            Level = Levels.System,
            Handler = ctx =>
            {
                ctx.Device.GetState<InfoCenterConfig>().Buffer.Clear();
                return ValueTask.CompletedTask;
            },
        });
        r.AddConfigSection(new DelegateConfigSection(ConfigOrder.Services - 30, (device, writer) =>
        {
            foreach (var line in device.GetState<InfoCenterConfig>().Render())
            {
                writer.Line(line);
            }
        }));
    }

    private static ValueTask Source(CommandContext ctx)
    {
        var destination = s_destinations.First(ctx.Args.Has);
        var module = ctx.Args.GetString("module");
        var severity = Array.FindIndex(InfoCenterConfig.Severities, ctx.Args.Has);
        int? level = ctx.Args.Has("deny") || ctx.Args.Has("off") || severity < 0 ? null : severity;
        ctx.Device.GetState<InfoCenterConfig>().SetSource(module, destination, level, ctx.IsUndo);
        return ValueTask.CompletedTask;
    }

    public static string LogBufferText(InfoCenterConfig config, bool reverse)
    {
        ArgumentNullException.ThrowIfNull(config);
        var messages = config.Buffer.Snapshot();
        var sb = new StringBuilder();
        var state = config.Enabled ? "enabled" : "disabled";
        if (config.Dialect == ComwareDialect.V5)
        {
            sb.Append("Logging buffer configuration and contents:").Append(state).Append('\n');
            sb.Append("Allowed max buffer size : 1024\n");
            sb.Append("Actual buffer size : ").Append(config.Buffer.Capacity.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("Channel number : 4 , Channel name : logbuffer\n");
            sb.Append("Dropped messages : 0\n");
            sb.Append("Overwritten messages : ").Append(config.Buffer.Overwritten.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("Current messages : ").Append(messages.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        else
        {
            sb.Append("Log buffer: ").Append(config.Enabled ? "Enabled" : "Disabled").Append('\n');
            sb.Append("Max buffer size: 1024\n");
            sb.Append("Actual buffer size: ").Append(config.Buffer.Capacity.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("Dropped messages: 0\n");
            sb.Append("Overwritten messages: ").Append(config.Buffer.Overwritten.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("Current messages: ").Append(messages.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        foreach (var message in reverse ? messages.Reverse() : messages)
        {
            sb.Append(message).Append('\n');
        }

        return sb.ToString();
    }
}
