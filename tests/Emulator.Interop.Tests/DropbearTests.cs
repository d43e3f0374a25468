namespace Emulator.Interop.Tests;

/// <summary>
/// Dropbear's client (Debian dropbear-bin, the client of many embedded and network tools) against a real host. It
/// sends a guessed first key-exchange packet that the devices must drop when their preferred kex differs (RFC 4253 7).
/// </summary>
public sealed class DropbearTests : IAsyncLifetime
{
    private const string Fleet = """
        devices:
          - { name: v5, profile: F1000-E, ssh: "127.0.0.1:0" }
          - { name: v7, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
        """;

    private readonly string _dir = RunningHost.NewDirectory();
    private RunningHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await RunningHost.StartAsync(_dir, Fleet);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<Clients.Result> DbclientAsync(string device, string command)
    {
        var dbclient = Clients.Require("dbclient");

        // -y -y: no host key check and no known_hosts write; DROPBEAR_PASSWORD answers the password prompt.
        var args = new List<string> { "-y", "-y", "-T", "-p", _host.Port(device).ToString(System.Globalization.CultureInfo.InvariantCulture), "admin@127.0.0.1", command };
        return Clients.RunAsync(dbclient, args, null, TimeSpan.FromSeconds(60), Ct,
            new Dictionary<string, string> { ["DROPBEAR_PASSWORD"] = "admin", ["HOME"] = _dir });
    }

    [Theory]
    [InlineData("v5", "SecPath F1000-E")]
    [InlineData("v7", "F1000-AI-55")]
    public async Task Dbclient_runs_display_version(string device, string model)
    {
        var result = await DbclientAsync(device, "display version");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(model, Clients.Normalize(result.StdOut), StringComparison.Ordinal);
    }
}
