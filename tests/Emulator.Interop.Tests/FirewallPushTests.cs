using System.Globalization;
using System.Text.Json;

namespace Emulator.Interop.Tests;

/// <summary>
/// A realistic firewall (interfaces, zones, 50 policies, NAT, routes) pushed by netmiko hp_comware reads back through
/// the running configuration and the feature displays, and survives save and a host restart.
/// </summary>
public sealed class FirewallPushTests : IDisposable
{
    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string, string[]> Dialects => new()
    {
        // Profile, fixture, and the feature displays of that dialect: zones, policies, NAT, routes (the order the test reads them).
        { "F1000-E", "firewall-v5.cfg", ["display zone", "display interzone-policy", "display nat all", "display ip routing-table"] },
        { "F1000-AI-55", "firewall-v7.cfg", ["display security-zone", "display security-policy ip", "display nat all", "display ip routing-table"] },
    };

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Netmiko_pushes_a_firewall_that_reads_back_and_survives_save_and_restart(string profile, string fixtureFile, string[] displays)
    {
        Clients.RequirePythonModule("netmiko");
        var fleet = $$"""
            devices:
              - { name: fw, profile: {{profile}}, ssh: "127.0.0.1:0" }
            """;
        var fixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixtureFile);
        var fixture = Clients.Normalize(await File.ReadAllTextAsync(fixturePath, Ct));

        JsonElement push;
        await using (var host = await RunningHost.StartAsync(_dir, fleet))
        {
            push = await NetmikoAsync(host.Port("fw"), ["push", fixturePath, .. displays]);
        }

        Assert.Equal(fixture.Split('\n').Count(l => l is not ("" or "#" or "return")), push.GetProperty("pushed").GetInt32());
        var pushOutput = Text(push, "push");
        Assert.DoesNotContain("% ", pushOutput, StringComparison.Ordinal);
        var current = Text(push, "current");
        AssertSectionsInOrder(fixture, current);

        var shown = push.GetProperty("displays");
        var isV5 = fixtureFile.Contains("v5", StringComparison.Ordinal);
        var portPrefix = isV5 ? "GigabitEthernet0/" : "GigabitEthernet1/0/";
        var zones = Text(shown, displays[0]);
        Assert.Contains("Untrust", zones, StringComparison.Ordinal);
        Assert.Contains(portPrefix + "1.20", zones, StringComparison.Ordinal);
        var policies = Text(shown, displays[1]);
        if (isV5)
        {
            Assert.Contains("Interzone source Untrust destination DMZ", policies, StringComparison.Ordinal);
            Assert.Contains("destination-ip DMZ-MAIL", policies, StringComparison.Ordinal);
            // 50 rules in 7 zone pairs: 10+10+5+10+5+5+5.
            Assert.Equal(50, policies.Split('\n').Count(l => l.StartsWith(" rule ", StringComparison.Ordinal)));
        }
        else
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"policy-{i:00}"), policies, StringComparison.Ordinal);
            }
        }

        var nat = Text(shown, "display nat all");
        Assert.Contains("203.0.113.100", nat, StringComparison.Ordinal);
        Assert.Contains("203.0.113.110", nat, StringComparison.Ordinal);
        Assert.Contains("172.16.1.20", nat, StringComparison.Ordinal);
        Assert.Contains("203.0.113.111", nat, StringComparison.Ordinal);
        Assert.Matches(@"\b3 internal server", nat);
        var routes = Text(shown, "display ip routing-table");
        Assert.Contains("0.0.0.0/0", routes, StringComparison.Ordinal);
        Assert.Matches(@"10\.50\.0\.0/16 +Static +80 ", routes);
        Assert.Contains("198.51.100.0/24", routes, StringComparison.Ordinal);
        Assert.Contains("203.0.113.1", routes, StringComparison.Ordinal);

        Assert.Contains("saved", Text(push, "save"), StringComparison.OrdinalIgnoreCase);
        var saved = Text(push, "saved_current");
        Assert.Contains("description unsaved-after-save", Text(push, "unsaved_current"), StringComparison.Ordinal);

        await using (var host = await RunningHost.StartAsync(_dir, fleet))
        {
            var after = Text(await NetmikoAsync(host.Port("fw"), ["show"]), "current");
            Assert.Equal(saved, after);
            Assert.DoesNotContain("unsaved-after-save", after, StringComparison.Ordinal);
            AssertSectionsInOrder(fixture, after);
        }
    }

    /// <summary>
    /// Each '#'-separated section of the fixture appears verbatim in the running configuration, in fixture order.
    /// No normalisation is needed: the fixture holds no passwords (the only cipher text is the factory admin user,
    /// outside the fixture) and the device renders every pushed line back exactly as typed.
    /// </summary>
    private static void AssertSectionsInOrder(string fixture, string running)
    {
        var at = 0;
        foreach (var section in fixture.Split("#\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var found = running.IndexOf(section, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"section not found (in order) in the running configuration:\n{section}\n--- running\n{running}");
            at = found + section.Length;
        }
    }

    private static async Task<JsonElement> NetmikoAsync(int port, string[] args)
    {
        var result = await Clients.RunAsync(Clients.Python,
            [Clients.Script("netmiko_firewall_push.py"), port.ToString(CultureInfo.InvariantCulture), "admin", "admin", .. args],
            null, TimeSpan.FromSeconds(300), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }

    private static string Text(JsonElement element, string name) => Clients.Normalize(element.GetProperty(name).GetString() ?? "");
}
