using Emulator.Comware.Commands.Core;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Tests.Support;

/// <summary>A small command set used by engine tests, independent of the other modules.</summary>
public sealed class TestModule : ICommandModule
{
    public List<string> Calls { get; } = [];

    public static CommandSet Build(TestModule module) => CommandSet.Build([new CoreCommands(), module]);

    public void Register(CommandRegistry registry)
    {
        registry.AddView(new ViewDefinition("vlan", ViewIds.System, "[{0}-vlan{1}]", "VLAN view commands:"));
        registry.AddView(new ViewDefinition("interface", ViewIds.System, "[{0}-{1}]", "Interface view commands:"));
        Add(registry, "vlan vlan-id:INTEGER<1-4094>", ["Configure VLAN", "VLAN ID"], ViewIds.System, ctx =>
            ctx.EnterView("vlan", ctx.Args.GetInt32("vlan-id").ToString(global::System.Globalization.CultureInfo.InvariantCulture)));
        Add(registry, "interface name:INTERFACE", ["", "Interface name"], ViewIds.System, ctx => ctx.EnterView("interface", ctx.Args.GetInterface("name").FullName));
        Add(registry, "description text:TEXT<1-80>", ["Describe the interface", "Description text"], "interface", _ => { });
        Add(registry, "ip address address:IPV4 mask:MASK [ sub ]", ["IP configuration", "Set the IP address", "IP address", "Mask", "Secondary address"], "interface", _ => { });
        Add(registry, "display interface [ name:INTERFACE ] [ brief ]", ["", "Interface status", "Interface name", "Brief information"], ViewIds.Any, ctx => ctx.WriteLine("interfaces"));
        Add(registry, "display ip routing-table", ["", "IP configuration", "Routing table"], ViewIds.Any, _ => { }, Levels.Monitor);
        Add(registry, "display lines count:INTEGER<0-1000>", ["", "Print lines", "How many"], ViewIds.Any, ctx =>
        {
            for (var i = 1; i <= ctx.Args.GetInt32("count"); i++)
            {
                ctx.WriteLine($"line {i}");
            }
        }, Levels.Visit);
        Add(registry, "delete file:STRING<1-64>", ["Delete a file", "File name"], ViewIds.User, _ => { }, Levels.Manage);
        Add(registry, "dir", ["Display files"], ViewIds.User, _ => { }, Levels.Manage);
        Add(registry, "ping host:STRING<1-64>", ["Ping", "Host"], ViewIds.Any, _ => { }, Levels.Visit);
        Add(registry, "service { ssh | telnet | web }* [ level level:INTEGER<0-3> ]", ["Services", "SSH", "Telnet", "Web", "Level", "Level value"], ViewIds.System, _ => { });
        registry.Add(new CommandDefinition
        {
            Syntax = "confirm",
            Help = ["Ask a question"],
            Views = [ViewIds.User],
            Handler = async ctx =>
            {
                var yes = await ctx.ConfirmAsync("Are you sure? [Y/N]:");
                ctx.WriteLine(yes ? "yes" : "no");
            },
        });
        registry.Add(new CommandDefinition
        {
            Syntax = "block",
            Help = ["Read lines up to a dot"],
            Views = [ViewIds.System],
            Handler = async ctx =>
            {
                while (await ctx.ReadLineAsync("") is { } line && line != ".")
                {
                    Calls.Add("block line " + line);
                }
            },
        });
        registry.Add(new CommandDefinition
        {
            Syntax = "fail",
            Help = ["Always fails"],
            Views = [ViewIds.Any],
            Handler = ctx =>
            {
                ctx.Fail("% It failed.");
                return ValueTask.CompletedTask;
            },
        });
    }

    private void Add(CommandRegistry registry, string syntax, string[] help, string view, Action<CommandContext> action, int level = Levels.System) =>
        registry.Add(new CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Views = [view],
            Level = level,
            Handler = ctx =>
            {
                Calls.Add(syntax + " " + string.Join(",", ctx.Args.Values.Select(v => $"{v.Key}={v.Value}")));
                action(ctx);
                return ValueTask.CompletedTask;
            },
        });
}
