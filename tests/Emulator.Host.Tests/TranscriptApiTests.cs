using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Renci.SshNet;

namespace Emulator.Host.Tests;

/// <summary>Session transcripts and command history through the control API, after real SSH sessions (SSH.NET).</summary>
public sealed class TranscriptApiTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_shell_session_round_trips_as_asciicast_and_text_with_the_typed_password_masked()
    {
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: fw, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
            """);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        using var http = TestHosts.Client(app);
        var port = app.Fleet.Find("fw")!.EndPoint.Port;

        using (var client = new SshClient(new ConnectionInfo("127.0.0.1", port, "admin", new PasswordAuthenticationMethod("admin", "admin")) { Timeout = TimeSpan.FromSeconds(20) }))
        {
            await client.ConnectAsync(Ct);
            using var shell = client.CreateShellStream("xterm", 132, 40, 0, 0, 65536);
            Assert.NotNull(shell.Expect(new Regex("<[^>]+>"), TimeSpan.FromSeconds(20)));
            foreach (var line in (string[])["display clock", "system-view", "local-user bob class manage", "password simple S3cretWord", "quit", "displya oops", "return"])
            {
                // Typed one key at a time, as a person would: the echo arrives in pieces.
                foreach (var c in line)
                {
                    shell.Write(c.ToString());
                    await Task.Delay(2, Ct);
                }

                shell.Write("\r");
                Assert.NotNull(shell.Expect(new Regex(@"[<\[][^>\]]+[>\]]$"), TimeSpan.FromSeconds(20)));
            }

            // Waits for the device to end the shell: closing the connection right after typing "quit" may stop the
            // session before it has run (and recorded) that line.
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            shell.Closed += (_, _) => closed.TrySetResult();
            shell.Write("quit\r");
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
            client.RunCommand("display version");
        }

        var sessions = await WaitForEndedAsync(http, 2);
        var shellSession = sessions.Single(s => s.GetProperty("kind").GetString() == "shell");
        Assert.Equal("admin", shellSession.GetProperty("user").GetString());
        Assert.Equal("SSH", shellSession.GetProperty("protocol").GetString());
        Assert.StartsWith("VTY", shellSession.GetProperty("line").GetString(), StringComparison.Ordinal);
        var id = shellSession.GetProperty("id").GetInt32();

        var text = await http.GetStringAsync($"/api/devices/fw/sessions/{id}/transcript?format=text", Ct);
        Assert.Contains("<H3C>display clock", text, StringComparison.Ordinal);
        Assert.True(text.Contains("password simple **********", StringComparison.Ordinal), text);
        Assert.DoesNotContain("S3cretWord", text, StringComparison.Ordinal);
        Assert.Contains("% Unrecognized command found at '^' position.", text, StringComparison.Ordinal);

        var cast = (await http.GetStringAsync($"/api/devices/fw/sessions/{id}/transcript", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using (var header = JsonDocument.Parse(cast[0]))
        {
            Assert.Equal(2, header.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(132, header.RootElement.GetProperty("width").GetInt32());
            Assert.Equal(40, header.RootElement.GetProperty("height").GetInt32());
        }

        var events = cast.Skip(1).Select(line =>
        {
            using var e = JsonDocument.Parse(line);
            return (Time: e.RootElement[0].GetDouble(), Kind: e.RootElement[1].GetString(), Text: e.RootElement[2].GetString());
        }).ToList();
        Assert.All(events, e => Assert.Contains(e.Kind, (string[])["o", "i"]));
        Assert.Equal(events.OrderBy(e => e.Time).Select(e => e.Time), events.Select(e => e.Time));
        var replayed = string.Concat(events.Where(e => e.Kind == "o").Select(e => e.Text));
        var typed = string.Concat(events.Where(e => e.Kind == "i").Select(e => e.Text));
        Assert.DoesNotContain("S3cretWord", replayed, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cretWord", typed, StringComparison.Ordinal);
        Assert.Contains("display clock", replayed, StringComparison.Ordinal);
        Assert.Contains("display clock\r", typed, StringComparison.Ordinal);
        Assert.Contains("password simple **********\r", typed, StringComparison.Ordinal);

        var commands = await http.GetFromJsonAsync<JsonElement[]>($"/api/devices/fw/sessions/{id}/commands", Ct);
        Assert.Equal(["display clock", "system-view", "local-user bob class manage", "password ******", "quit", "displya oops", "return", "quit"],
            commands!.Select(c => c.GetProperty("command").GetString()));
        Assert.Equal("syntax_error", commands![5].GetProperty("result").GetString());
        Assert.All(commands!, c => Assert.Equal("admin", c.GetProperty("user").GetString()));

        var exec = sessions.Single(s => s.GetProperty("kind").GetString() == "exec");
        var execCommands = await http.GetFromJsonAsync<JsonElement[]>($"/api/devices/fw/sessions/{exec.GetProperty("id").GetInt32()}/commands", Ct);
        Assert.Equal("display version", Assert.Single(execCommands!).GetProperty("command").GetString());
        Assert.Contains("Comware", await http.GetStringAsync($"/api/devices/fw/sessions/{exec.GetProperty("id").GetInt32()}/transcript?format=text", Ct), StringComparison.Ordinal);

        using var badFormat = await http.GetAsync($"/api/devices/fw/sessions/{id}/transcript?format=mp4", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        using var noSession = await http.GetAsync("/api/devices/fw/sessions/999/transcript", Ct);
        Assert.Equal(HttpStatusCode.NotFound, noSession.StatusCode);
    }

    private static async Task<JsonElement[]> WaitForEndedAsync(HttpClient http, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var sessions = (await http.GetFromJsonAsync<JsonElement[]>("/api/devices/fw/sessions", Ct))!;
            if (sessions.Count(s => s.GetProperty("ended").ValueKind != JsonValueKind.Null) >= count || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return sessions;
            }

            await Task.Delay(50, Ct);
        }
    }
}
