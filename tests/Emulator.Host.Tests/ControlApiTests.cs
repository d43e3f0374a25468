using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Emulator.Device.State;

namespace Emulator.Host.Tests;

public sealed class ControlApiTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> DevicesAsync(HttpClient http) =>
        await http.GetFromJsonAsync<JsonElement>("/api/devices", Ct);

    [Fact]
    public async Task Health_devices_configs_reset_reboot_and_known_hosts()
    {
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: edge, profile: F1000-E, ssh: "127.0.0.1:0" }
              - { name: core, profile: F1000-AI-55, ssh: "127.0.0.1:0", sysname: CORE }
            """);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        using var http = TestHosts.Client(app);

        var health = await http.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal("text/plain", health.Content.Headers.ContentType?.MediaType);
        // The probe is answered ahead of routing, but still only to GET, as the endpoint it replaced was.
        var post = await http.PostAsync("/healthz", null, Ct);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(["GET"], post.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/healthz/extra", Ct)).StatusCode);

        var devices = await DevicesAsync(http);
        Assert.Equal(2, devices.GetArrayLength());
        var edge = devices[0];
        Assert.Equal("edge", edge.GetProperty("name").GetString());
        Assert.Equal("SecPath F1000-E", edge.GetProperty("model").GetString());
        Assert.Equal("listening", edge.GetProperty("state").GetString());
        Assert.NotEqual(0, edge.GetProperty("port").GetInt32());
        Assert.False(edge.GetProperty("warm").GetBoolean());

        var running = await http.GetFromJsonAsync<JsonElement>("/api/devices/core/config/running", Ct);
        Assert.Contains("sysname CORE", running.GetProperty("configuration").GetString(), StringComparison.Ordinal);
        var text = await http.GetStringAsync("/api/devices/core/config/running", Ct);
        Assert.Contains("\"kind\":\"running\"", text, StringComparison.Ordinal);

        var saved = await http.GetAsync("/api/devices/edge/config/saved", Ct);
        Assert.Equal(HttpStatusCode.NotFound, saved.StatusCode);
        await File.WriteAllTextAsync(Path.Combine(_dir, "state", "edge", "startup.cfg"), "#\n sysname SAVED-EDGE\n#\nreturn\n", Ct);
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/api/devices/edge/config/saved");
        plain.Headers.Accept.ParseAdd("text/plain");
        Assert.Equal("#\n sysname SAVED-EDGE\n#\nreturn\n", await (await http.SendAsync(plain, Ct)).Content.ReadAsStringAsync(Ct));

        var reboot = await http.PostAsync("/api/devices/edge/reboot", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reboot.StatusCode);
        var afterReboot = await http.GetFromJsonAsync<JsonElement>("/api/devices/edge/config/running", Ct);
        Assert.Contains("sysname SAVED-EDGE", afterReboot.GetProperty("configuration").GetString(), StringComparison.Ordinal);

        var reset = await http.PostAsync("/api/devices/edge/reset", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var afterReset = await http.GetFromJsonAsync<JsonElement>("/api/devices/edge/config/running", Ct);
        Assert.DoesNotContain("SAVED-EDGE", afterReset.GetProperty("configuration").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(new DeviceStateDirectory(Path.Combine(_dir, "state"), "edge").StartupConfigurationPath));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/devices/nosuch/config/running", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/devices/nosuch/reboot", null, Ct)).StatusCode);

        var knownHosts = await http.GetStringAsync("/api/known_hosts", Ct);
        var lines = knownHosts.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var edgePort = edge.GetProperty("port").GetInt32();
        Assert.Contains(lines, l => l.StartsWith($"[127.0.0.1]:{edgePort} ssh-rsa AAAA", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"[127.0.0.1]:{edgePort} ssh-ed25519 AAAA", StringComparison.Ordinal));

        var fingerprints = (await DevicesAsync(http)).EnumerateArray()
            .SelectMany(d => d.GetProperty("fingerprints").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString())).ToList();
        Assert.Equal(6, fingerprints.Count);
        Assert.Equal(6, fingerprints.Distinct().Count());
    }

    [Fact]
    public async Task Host_keys_are_the_same_after_a_restart_on_the_same_state_directory()
    {
        var state = Path.Combine(_dir, "state");
        string first;
        await using (var app = await TestHosts.StartAsync(TestHosts.Settings(state)))
        {
            first = (await DevicesAsync(TestHosts.Client(app)))[0].GetProperty("fingerprints").GetRawText();
        }

        await using (var app = await TestHosts.StartAsync(TestHosts.Settings(state)))
        {
            var second = (await DevicesAsync(TestHosts.Client(app)))[0].GetProperty("fingerprints").GetRawText();
            Assert.Equal(first, second);
            Assert.Contains("SHA256:", second, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_fleet_secret_gives_the_same_keys_after_the_state_directory_is_wiped()
    {
        // Ed25519 and ECDSA only: seeded RSA generation is slow and proves nothing more here.
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - name: "fw{n}"
                count: 2
                profile: F1000-AI-55
                ssh: "127.0.0.1:0"
                algorithm-policy: device
                overrides:
                  ssh:
                    algorithms: { host-key: [ssh-ed25519, ecdsa-sha2-nistp256] }
                    host-keys: [{ type: ssh-ed25519 }, { type: ecdsa-sha2-nistp256 }]
            """);

        async Task<List<string>> FingerprintsAsync(string state)
        {
            await using var app = await TestHosts.StartAsync(TestHosts.Settings(state, fleet) with { FleetSecret = "lab" });
            using var http = TestHosts.Client(app);
            await http.GetStringAsync("/api/known_hosts", Ct);
            return [.. (await DevicesAsync(http)).EnumerateArray().Select(d => d.GetProperty("fingerprints").GetRawText())];
        }

        var a = await FingerprintsAsync(Path.Combine(_dir, "a"));
        var b = await FingerprintsAsync(Path.Combine(_dir, "b"));
        Assert.Equal(a, b);
        Assert.NotEqual(a[0], a[1]);
        Assert.Contains("ssh-ed25519", a[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_device_whose_port_is_taken_fails_alone_and_health_says_so()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var taken = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var fleet = TestHosts.WriteFleet(_dir, $"""
            devices:
              - {"{"} name: ok, profile: U200-S, ssh: "127.0.0.1:0" {"}"}
              - {"{"} name: clash, profile: U200-S, ssh: "127.0.0.1:{taken}" {"}"}
            """);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        using var http = TestHosts.Client(app);
        var health = await http.GetAsync("/healthz", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("clash", await health.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var devices = await DevicesAsync(http);
        Assert.Equal("listening", devices[0].GetProperty("state").GetString());
        Assert.Equal("failed", devices[1].GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_corrupt_startup_file_stops_that_device_with_the_file_named()
    {
        var state = Path.Combine(_dir, "state");
        Directory.CreateDirectory(Path.Combine(state, "fw1"));
        await File.WriteAllBytesAsync(Path.Combine(state, "fw1", "startup.cfg"), [0xFF, 0xFE, 0x00, 0xC3], Ct);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(state));
        using var http = TestHosts.Client(app);
        var response = await http.GetAsync("/api/devices/fw1/config/running", Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("startup.cfg", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal(4, (await File.ReadAllBytesAsync(Path.Combine(state, "fw1", "startup.cfg"), Ct)).Length);
    }
}
