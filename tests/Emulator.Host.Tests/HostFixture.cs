using System.Net;
using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Wiring;

namespace Emulator.Host.Tests;

/// <summary>Starts real hosts on ephemeral ports with a temporary state directory.</summary>
internal static class TestHosts
{
    public static ProfileCatalog Catalog { get; } = ProfileCatalog.Load(ProfileCatalog.FindShippedDirectory()!);

    public static string NewStateDir() => Path.Combine(Path.GetTempPath(), "emu-host-" + Guid.NewGuid().ToString("N"));

    public static HostSettings Settings(string stateDir, string? fleet = null) => new()
    {
        StateDir = stateDir,
        SshPort = 0,
        Control = new Uri("http://127.0.0.1:0"),
        Fleet = fleet,
        LogLevel = Serilog.Events.LogEventLevel.Warning,
    };

    public static async Task<EmulatorApp> StartAsync(HostSettings settings)
    {
        var app = EmulatorApp.Create(settings, Catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    public static HttpClient Client(EmulatorApp app) => new() { BaseAddress = app.ControlAddress, Timeout = TimeSpan.FromSeconds(30) };

    public static string WriteFleet(string dir, string yaml)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "fleet.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    public static void Delete(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
