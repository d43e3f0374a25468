using System.Globalization;
using System.Text.RegularExpressions;
using Renci.SshNet;

namespace Emulator.Host.Tests;

public sealed partial class MetricsTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One sample line of the text format: name, optional {labels}, value (Prometheus "Exposition formats").</summary>
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^}]*\})? (?<value>\S+)( \d+)?$""")]
    private static partial Regex SampleLine();

    /// <summary>Parses every line; a line that is neither a comment nor a well-formed sample fails the test.</summary>
    private static async Task<(Dictionary<string, double> Samples, string Text)> ScrapeAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics", Ct);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var samples = new Dictionary<string, double>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                Assert.Matches("^# (HELP|TYPE) ", line);
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            samples[match.Groups["name"].Value + match.Groups["labels"].Value] = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return (samples, text);
    }

    [Fact]
    public async Task Metrics_are_scraped_parsed_and_follow_a_login()
    {
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: edge, profile: F1000-E, ssh: "127.0.0.1:0" }
              - { name: core, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
            """);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        using var http = TestHosts.Client(app);

        var (before, text) = await ScrapeAsync(http);
        Assert.Equal(2, before["emulator_devices{state=\"listening\"}"]);
        Assert.Equal(0, before["emulator_devices{state=\"failed\"}"]);
        Assert.Equal(0, before["emulator_devices_warm"]);
        Assert.Equal(0, before["emulator_ssh_connections_accepted_total"]);
        Assert.Equal(0, before["emulator_login_sessions_open"]);
        Assert.Contains("# TYPE emulator_ssh_connections_accepted_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE emulator_login_sessions_open gauge", text, StringComparison.Ordinal);
        Assert.DoesNotContain("edge", text, StringComparison.Ordinal); // no per-device label
        Assert.Contains(before.Keys, k => k.StartsWith("process_", StringComparison.Ordinal));

        var port = app.Fleet.Find("edge")!.EndPoint.Port;
        using var client = new SshClient(new ConnectionInfo("127.0.0.1", port, "admin", new PasswordAuthenticationMethod("admin", "admin")) { Timeout = TimeSpan.FromSeconds(30) });
        await client.ConnectAsync(Ct);
        using var shell = client.CreateShellStream("vt100", 200, 24, 0, 0, 65536);
        Assert.NotNull(shell.Expect(new Regex("<[^>]+>"), TimeSpan.FromSeconds(20)));

        var during = (await ScrapeAsync(http)).Samples;
        Assert.Equal(1, during["emulator_login_sessions_open"]);
        Assert.Equal(1, during["emulator_ssh_connections_open"]);
        Assert.Equal(1, during["emulator_ssh_connections_accepted_total"]);
        Assert.Equal(1, during["emulator_devices_warm"]);

        client.Disconnect();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Dictionary<string, double> after;
        do
        {
            await Task.Delay(50, Ct);
            after = (await ScrapeAsync(http)).Samples;
        }
        while (after["emulator_ssh_connections_open"] > 0 && clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal(0, after["emulator_ssh_connections_open"]);
        Assert.Equal(0, after["emulator_login_sessions_open"]);
        Assert.Equal(1, after["emulator_ssh_connections_accepted_total"]);
    }

    [Fact]
    public async Task Handshakes_logins_and_commands_are_counted_by_algorithm_method_and_result()
    {
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: edge, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
            """);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        using var http = TestHosts.Client(app);
        var port = app.Fleet.Find("edge")!.EndPoint.Port;

        using (var wrong = new SshClient(new ConnectionInfo("127.0.0.1", port, "admin", new PasswordAuthenticationMethod("admin", "wrong")) { Timeout = TimeSpan.FromSeconds(30) }))
        {
            await Assert.ThrowsAsync<Renci.SshNet.Common.SshAuthenticationException>(() => wrong.ConnectAsync(Ct));
        }

        using (var client = new SshClient(new ConnectionInfo("127.0.0.1", port, "admin", new PasswordAuthenticationMethod("admin", "admin")) { Timeout = TimeSpan.FromSeconds(30) }))
        {
            await client.ConnectAsync(Ct);
            client.RunCommand("display clock");
            client.RunCommand("display no-such-thing");
            client.Disconnect();
        }

        var (samples, text) = await ScrapeAsync(http);
        double Sum(string prefix, params string[] labels) =>
            samples.Where(s => s.Key.StartsWith(prefix + "{", StringComparison.Ordinal) && labels.All(l => s.Key.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

        Assert.True(Sum("emulator_ssh_handshakes", "kex=\"", "cipher=\"", "host_key=\"") == 2, text);
        Assert.Equal(1, Sum("emulator_ssh_authentications", "method=\"password\"", "result=\"success\""));
        Assert.True(Sum("emulator_ssh_authentications", "result=\"failure\"") >= 1, text);
        Assert.Equal(1, Sum("emulator_cli_commands", "result=\"ok\""));
        Assert.Equal(1, Sum("emulator_cli_commands", "result=\"syntax_error\""));
        Assert.Equal(2, Sum("emulator_cli_command_duration_seconds_count"));
        Assert.DoesNotContain("edge", text, StringComparison.Ordinal);
    }
}
