using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Emulator.Interop.Tests;

/// <summary>
/// Issue 13: the command lists oxidized, rancid, napalm-h3c and ntc-templates send, driven through netmiko hp_comware
/// against a V5 (F1000-E) and a V7 (F1000-AI-55) device, all answer without a <c>%</c> error; netmiko's
/// <c>ip host</c> appears in and leaves the running configuration; when ntc-templates is installed its parsers fill
/// their key fields from our output.
/// </summary>
public sealed class ToolCommandListTests : IDisposable
{
    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("F1000-E", "GigabitEthernet0/0")]
    [InlineData("F1000-AI-55", "GigabitEthernet1/0/0")]
    public async Task Every_tool_command_answers_without_an_error(string profile, string portName)
    {
        Clients.RequirePythonModule("netmiko");
        var fleet = $$"""
            devices:
              - { name: fw, profile: {{profile}}, ssh: "127.0.0.1:0" }
            """;
        JsonElement run;
        await using (var host = await RunningHost.StartAsync(_dir, fleet))
        {
            var result = await Clients.RunAsync(Clients.Python,
                [Clients.Script("netmiko_tool_commands.py"), host.Port("fw").ToString(CultureInfo.InvariantCulture), "admin", "admin", portName],
                null, TimeSpan.FromSeconds(300), Ct);
            Assert.True(result.ExitCode == 0, result.ToString());
            run = JsonDocument.Parse(result.StdOut).RootElement.Clone();
        }

        var outputs = run.GetProperty("outputs");
        foreach (var command in outputs.EnumerateObject())
        {
            var text = command.Value.GetString() ?? "";
            // Comware's failures are lines that start with "% " (after the caret line); percentages inside tables are not.
            Assert.False(Regex.IsMatch(text, @"^\s*% ", RegexOptions.Multiline), $"'{command.Name}' failed on {profile}:\n{text}");
        }

        Assert.Contains(" ip host netmiko-test 192.0.2.10", outputs.GetProperty("display current-configuration").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ip host netmiko-test", outputs.GetProperty("after undo ip host").GetString(), StringComparison.Ordinal);
        Assert.Contains(profile == "F1000-E" ? "The boot file used at this reboot:cfa0:/" : "Software images on slot ",
            outputs.GetProperty("display boot-loader").GetString(), StringComparison.Ordinal);
        Assert.Contains(portName + " current state", outputs.GetProperty("display ip interface").GetString(), StringComparison.Ordinal);

        if (run.GetProperty("parsed") is { ValueKind: JsonValueKind.Object } parsed)
        {
            var ipInterfaces = parsed.GetProperty("display ip interface");
            Assert.Contains(ipInterfaces.EnumerateArray(), r => r.GetProperty("interface").GetString() == portName
                && r.GetProperty("ip_address").EnumerateArray().Any());
            Assert.NotEmpty(parsed.GetProperty("display counters inbound interface").EnumerateArray());
            Assert.Contains(parsed.GetProperty("display vlan all").EnumerateArray(), r => r.GetProperty("vlan_id").GetString() == "1");
            Assert.Contains(parsed.GetProperty("display vlan brief").EnumerateArray(), r => r.GetProperty("vlan_id").GetString() == "1");
        }
    }
}
