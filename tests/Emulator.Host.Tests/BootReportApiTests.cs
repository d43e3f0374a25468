using System.Net.Http.Json;
using System.Text.Json;

namespace Emulator.Host.Tests;

/// <summary>Lines of startup.cfg that fail at boot are listed by the control API as bootErrors.</summary>
public sealed class BootReportApiTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    [Fact]
    public async Task Boot_errors_appear_in_the_device_resource()
    {
        var ct = TestContext.Current.CancellationToken;
        var fleet = TestHosts.WriteFleet(_dir, """
            devices:
              - { name: edge, profile: F1000-E, ssh: "127.0.0.1:0" }
            """);
        Directory.CreateDirectory(Path.Combine(_dir, "state", "edge"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "state", "edge", "startup.cfg"), "#\n sysname EDGE\n no-such-command here\n#\nreturn\n", ct);
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(Path.Combine(_dir, "state"), fleet));
        using var http = TestHosts.Client(app);

        // The device boots on first use; reading its configuration is such a use.
        var running = await http.GetFromJsonAsync<JsonElement>("/api/devices/edge/config/running", ct);
        Assert.Contains("sysname EDGE", running.GetProperty("configuration").GetString(), StringComparison.Ordinal);

        var device = await http.GetFromJsonAsync<JsonElement>("/api/devices/edge", ct);
        var error = Assert.Single(device.GetProperty("bootErrors").EnumerateArray());
        Assert.Equal("startup.cfg", error.GetProperty("source").GetString());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal(" no-such-command here", error.GetProperty("text").GetString());
        Assert.StartsWith("% Unrecognized command", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
