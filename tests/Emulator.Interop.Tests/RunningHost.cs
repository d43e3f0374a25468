using System.Net.Http.Json;
using System.Text.Json;
using Emulator.Device.Profiles;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Emulator.Host;

namespace Emulator.Interop.Tests;

/// <summary>A real host in this process: fleet file, ephemeral ports, a temporary state directory.</summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private static readonly ProfileCatalog _catalog = ProfileCatalog.Load(ProfileCatalog.FindShippedDirectory()!);

    private readonly EmulatorApp _app;

    private RunningHost(EmulatorApp app, string stateDir)
    {
        _app = app;
        StateDir = stateDir;
        Http = new HttpClient { BaseAddress = app.ControlAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string StateDir { get; }

    public HttpClient Http { get; }

    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "emu-interop-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <param name="fleetYaml">devices: list; use ssh: "127.0.0.1:0" for ephemeral ports.</param>
    public static async Task<RunningHost> StartAsync(string stateDir, string fleetYaml)
    {
        Directory.CreateDirectory(stateDir);
        var fleet = Path.Combine(stateDir, "fleet.yaml");
        await File.WriteAllTextAsync(fleet, fleetYaml);
        var settings = new HostSettings
        {
            Fleet = fleet,
            StateDir = stateDir,
            Control = new Uri("http://127.0.0.1:0"),
            LogLevel = Serilog.Events.LogEventLevel.Warning,
        };
        var app = EmulatorApp.Create(settings, _catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System);
        await app.StartAsync(CancellationToken.None);
        return new RunningHost(app, stateDir);
    }

    public int Port(string device) => _app.Fleet.Find(device)!.EndPoint.Port;

    public Emulator.Device.Runtime.DeviceInstance Device(string name) => _app.Fleet.Find(name)!;

    /// <summary>The device's saved configuration (startup file of its storage), read through the control API.</summary>
    public async Task<string> SavedConfigurationAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/devices/{name}/config/saved");
        request.Headers.Accept.ParseAdd("text/plain");
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<JsonElement> DeviceAsync(string name) =>
        await Http.GetFromJsonAsync<JsonElement>("/api/devices/" + name);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
