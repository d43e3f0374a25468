using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Emulator.Host.Tests;

/// <summary>Each fault injected through the control API, and what an SSH client (SSH.NET) sees.</summary>
public sealed class FaultApiTests : IAsyncLifetime
{
    private readonly string _dir = TestHosts.NewStateDir();
    private EmulatorApp _app = null!;
    private HttpClient _http = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Port => _app.Fleet.Find("fw")!.EndPoint.Port;

    public async ValueTask InitializeAsync()
    {
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: fw, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
            """);
        _app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        _http = TestHosts.Client(_app);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        TestHosts.Delete(_dir);
    }

    private async Task<JsonElement> InjectAsync(object fault)
    {
        using var response = await _http.PostAsJsonAsync("/api/devices/fw/faults", fault, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    private SshClient Client(string password = "admin") =>
        new(new ConnectionInfo("127.0.0.1", Port, "admin", new PasswordAuthenticationMethod("admin", password)) { Timeout = TimeSpan.FromSeconds(20) });

    private async Task<string> ExecAsync(string command)
    {
        using var client = Client();
        await client.ConnectAsync(Ct);
        using var cmd = client.RunCommand(command);
        return cmd.Result + cmd.Error;
    }

    [Fact]
    public async Task Command_latency_delays_only_matching_commands_and_is_listed_with_its_count()
    {
        var fault = await InjectAsync(new { kind = "command-latency", delay = "1500ms", command = "^display clock" });

        var clock = Stopwatch.StartNew();
        await ExecAsync("display version");
        var unaffected = clock.Elapsed;
        clock.Restart();
        Assert.Contains(":", await ExecAsync("display clock"), StringComparison.Ordinal);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1500), $"display clock took {clock.Elapsed}");
        Assert.True(unaffected < TimeSpan.FromMilliseconds(1500), $"display version took {unaffected}");

        var device = await _http.GetFromJsonAsync<JsonElement>("/api/devices/fw", Ct);
        var listed = Assert.Single(device.GetProperty("faults").EnumerateArray());
        Assert.Equal(fault.GetProperty("id").GetInt32(), listed.GetProperty("id").GetInt32());
        Assert.Equal(1, listed.GetProperty("applied").GetInt32());
        Assert.Equal("command-latency", listed.GetProperty("fault").GetProperty("kind").GetString());

        using var deleted = await _http.DeleteAsync($"/api/devices/fw/faults/{listed.GetProperty("id").GetInt32()}", Ct);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        clock.Restart();
        await ExecAsync("display clock");
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(1500), $"after DELETE display clock took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_one_shot_command_failure_after_two_commands_fails_the_third_only()
    {
        await InjectAsync(new { kind = "command-failure", text = "% Device busy", once = true, after_commands = 2 }.ToFields());

        using var client = Client();
        await client.ConnectAsync(Ct);
        string Run(string command)
        {
            using var cmd = client.RunCommand(command);
            return cmd.Result;
        }

        Assert.DoesNotContain("Device busy", Run("display clock"), StringComparison.Ordinal);
        Assert.DoesNotContain("Device busy", Run("display clock"), StringComparison.Ordinal);
        Assert.Equal("% Device busy", Run("display clock").Trim());
        Assert.DoesNotContain("Device busy", Run("display clock"), StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<JsonElement>("/api/devices/fw/faults", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Auth_refuse_fails_a_correct_password_for_the_scoped_user_only_and_delete_restores_it()
    {
        await InjectAsync(new { kind = "auth-refuse", user = "admin" });
        using (var refused = Client())
        {
            await Assert.ThrowsAsync<SshAuthenticationException>(() => refused.ConnectAsync(Ct));
        }

        using var cleared = await _http.DeleteAsync("/api/devices/fw/faults", Ct);
        Assert.Equal(1, (await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("removed").GetInt32());
        Assert.Contains(":", await ExecAsync("display clock"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_at_banner_resets_the_connection_before_the_identification_line()
    {
        await InjectAsync(new { kind = "drop", at = "banner", once = true });
        using (var dropped = Client())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => dropped.ConnectAsync(Ct));
        }

        // One-shot: the next client gets in.
        Assert.Contains(":", await ExecAsync("display clock"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_at_kex_lets_the_identification_through_then_resets()
    {
        await InjectAsync(new { kind = "drop", at = "kex" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Port, Ct);
        var stream = tcp.GetStream();
        var ident = new byte[256];
        var read = await stream.ReadAsync(ident, Ct);
        Assert.StartsWith("SSH-2.0-", System.Text.Encoding.ASCII.GetString(ident, 0, read), StringComparison.Ordinal);
        await stream.WriteAsync("SSH-2.0-probe\r\n\0\0\0\u000c\u000a\u0014"u8.ToArray(), Ct);
        var rest = new byte[4096];
        var ended = false;
        try
        {
            while (await stream.ReadAsync(rest, Ct) > 0)
            {
            }

            ended = true;
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            ended = true;
        }

        Assert.True(ended);
    }

    [Fact]
    public async Task Drop_after_bytes_cuts_a_long_display_midway()
    {
        var full = await ExecAsync("display interface");
        await InjectAsync(new { kind = "drop", at = "bytes", bytes = 8000 });
        using var client = Client();
        await client.ConnectAsync(Ct);
        var partial = "";
        var failed = false;
        try
        {
            using var cmd = client.RunCommand("display interface");
            partial = cmd.Result;
            client.RunCommand("display clock");
        }
        catch (Exception ex) when (ex is SshException or SocketException or IOException or ObjectDisposedException)
        {
            failed = true;
        }

        Assert.True(full.Length > 16_000, $"display interface is only {full.Length} bytes");
        Assert.True(failed || partial.Length < full.Length, $"the {full.Length}-byte display came through whole");
    }

    [Fact]
    public async Task Drop_at_login_resets_the_connection_when_the_session_opens()
    {
        await InjectAsync(new { kind = "drop", at = "login", user = "admin", once = true });
        using (var client = Client())
        {
            await client.ConnectAsync(Ct);
            Assert.ThrowsAny<Exception>(() => client.RunCommand("display clock"));
        }

        Assert.Contains(":", await ExecAsync("display clock"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bandwidth_caps_the_rate_of_a_display()
    {
        await InjectAsync(new { kind = "bandwidth", bytes_per_second = 4000 }.ToFields());
        var clock = Stopwatch.StartNew();
        var output = await ExecAsync("display current-configuration");

        // Handshake and login move a few KB too; the display alone must already take its size / rate.
        var floor = TimeSpan.FromSeconds(output.Length / 4000.0);
        Assert.True(clock.Elapsed >= floor, $"{output.Length} bytes in {clock.Elapsed}, expected at least {floor}");
    }

    [Fact]
    public async Task Ident_and_auth_delays_slow_the_login()
    {
        await InjectAsync(new { kind = "ident-delay", delay = "700ms" });
        await InjectAsync(new { kind = "auth-delay", delay = "700ms" });
        var clock = Stopwatch.StartNew();
        await ExecAsync("display clock");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(1400), $"login took {clock.Elapsed}");
    }

    [Fact]
    public async Task Ha_role_prefixes_every_prompt_and_load_figures_show_in_displays()
    {
        await InjectAsync(new { kind = "ha-role", role = "RBM_S" });
        await InjectAsync(new { kind = "cpu", percent = 97 });
        await InjectAsync(new { kind = "legal-banner", text = "Authorized use only" }.ToFields());

        using var client = Client();
        await client.ConnectAsync(Ct);
        using var shell = client.CreateShellStream("vt100", 200, 24, 0, 0, 65536);
        Assert.NotNull(shell.Expect("Press Y or ENTER to continue, N to exit.", TimeSpan.FromSeconds(20)));
        shell.Write("\r");
        Assert.NotNull(shell.Expect(new Regex(@"RBM_S<[^>]+>"), TimeSpan.FromSeconds(20)));
        shell.WriteLine("system-view");
        Assert.NotNull(shell.Expect(new Regex(@"RBM_S\[[^\]]+\]"), TimeSpan.FromSeconds(20)));
        shell.WriteLine("display cpu-usage");
        Assert.NotNull(shell.Expect(new Regex(@"97% in last 5 seconds"), TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_log_line_appears_in_a_terminal_monitor_session_between_prompts()
    {
        using var client = Client();
        await client.ConnectAsync(Ct);
        using var shell = client.CreateShellStream("vt100", 200, 24, 0, 0, 65536);
        Assert.NotNull(shell.Expect(new Regex("<[^>]+>"), TimeSpan.FromSeconds(20)));
        shell.WriteLine("terminal monitor");
        Assert.NotNull(shell.Expect(new Regex("<[^>]+>$"), TimeSpan.FromSeconds(20)));

        await InjectAsync(new { kind = "log-line", module = "IFNET", severity = 3, mnemonic = "PHY_UPDOWN", text = "Physical state on the interface GigabitEthernet1/0/3 changed to down." });
        var line = shell.Expect(new Regex(@"%\w{3} [ \d]\d \d\d:\d\d:\d\d:\d{3} \d{4} H3C IFNET/3/PHY_UPDOWN: Physical state on the interface GigabitEthernet1/0/3 changed to down\."), TimeSpan.FromSeconds(20));
        Assert.NotNull(line);

        // The fault is an event: done, it leaves the list.
        Assert.Empty((await _http.GetFromJsonAsync<JsonElement>("/api/devices/fw/faults", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Reboot_drops_sessions_refuses_while_down_and_comes_back_with_the_saved_configuration()
    {
        using (var client = Client())
        {
            await client.ConnectAsync(Ct);
            client.RunCommand("system-view ; sysname SAVED ; save force");
        }

        using var open = Client();
        await open.ConnectAsync(Ct);
        using var shell = open.CreateShellStream("vt100", 200, 24, 0, 0, 65536);
        Assert.NotNull(shell.Expect(new Regex("<SAVED>"), TimeSpan.FromSeconds(20)));
        shell.WriteLine("system-view");
        shell.WriteLine("sysname UNSAVED");
        Assert.NotNull(shell.Expect(new Regex(@"\[UNSAVED\]"), TimeSpan.FromSeconds(20)));

        await InjectAsync(new { kind = "reboot", down = "2s" });
        var device = await _http.GetFromJsonAsync<JsonElement>("/api/devices/fw", Ct);
        Assert.NotEqual(JsonValueKind.Null, device.GetProperty("downUntil").ValueKind);

        var clock = Stopwatch.StartNew();
        while (open.IsConnected && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, Ct);
        }

        Assert.False(open.IsConnected);
        using (var early = Client())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => early.ConnectAsync(Ct));
        }

        string? prompt = null;
        while (prompt is null && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            try
            {
                prompt = await ExecAsync("display current-configuration | include sysname");
            }
            catch (Exception ex) when (ex is SshException or SocketException or IOException or SshConnectionException)
            {
                await Task.Delay(200, Ct);
            }
        }

        Assert.Contains("sysname SAVED", prompt, StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<JsonElement>("/api/devices/fw/faults", Ct)).EnumerateArray());
    }

    [Theory]
    [InlineData("""{"kind":"telepathy"}""", "unknown kind 'telepathy'")]
    [InlineData("""{"delay":"2s"}""", "'kind' is required")]
    [InlineData("""{"kind":"command-latency"}""", "'delay' is required")]
    [InlineData("""{"kind":"command-latency","delay":"2"}""", "'delay' must be a duration")]
    [InlineData("""{"kind":"drop","at":"never"}""", "'at' must be banner, kex, login or bytes")]
    [InlineData("""{"kind":"drop","at":"kex","user":"admin"}""", "'user' cannot scope it")]
    [InlineData("""{"kind":"cpu","percent":101}""", "'percent' must be a whole number from 0 to 100")]
    [InlineData("""{"kind":"command-failure","command":"("}""", "'command' is not a valid regular expression")]
    [InlineData("""{"kind":"cpu","percent":5,"colour":"red"}""", "'colour' is not a field of a cpu fault")]
    [InlineData("""{"kind":"reboot","after-commands":3}""", "'after-commands' applies to command faults")]
    [InlineData("""{"kind":"log-line"}""", "'text' is required")]
    [InlineData("""{"kind":"log-line","text":"x","mnemonic":"a b"}""", "'mnemonic' must be 1 to 32 upper-case letters")]
    [InlineData("""["kind"]""", "must be a JSON object")]
    [InlineData("""{"kind":{"nested":1}}""", "must be a JSON object")]
    public async Task Bad_faults_are_refused_with_the_reason(string body, string reason)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/api/devices/fw/faults", content, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty((await _http.GetFromJsonAsync<JsonElement>("/api/devices/fw/faults", Ct)).EnumerateArray());
    }

    [Fact]
    public async Task Unknown_devices_and_fault_ids_are_404()
    {
        using var noDevice = await _http.PostAsJsonAsync("/api/devices/nope/faults", new { kind = "cpu", percent = 5 }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, noDevice.StatusCode);
        using var noFault = await _http.DeleteAsync("/api/devices/fw/faults/999", Ct);
        Assert.Equal(HttpStatusCode.NotFound, noFault.StatusCode);
    }
}

/// <summary>C# anonymous types cannot spell kebab-case names: <c>after_commands</c> becomes <c>after-commands</c>.</summary>
internal static class FaultFields
{
    public static Dictionary<string, object?> ToFields(this object fault) =>
        fault.GetType().GetProperties().ToDictionary(p => p.Name.Replace('_', '-'), p => p.GetValue(fault));
}
