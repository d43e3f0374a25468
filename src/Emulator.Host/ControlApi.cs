using Emulator.Device.Runtime;
using Emulator.Device.State;

namespace Emulator.Host;

/// <summary>The HTTP control API (health is <see cref="HealthCheck"/>): device list, configurations, reset, reboot, known_hosts and inventories.</summary>
internal static class ControlApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/devices", async (DeviceFleet fleet, CancellationToken ct) =>
        {
            var list = new List<DeviceDto>(fleet.Devices.Count);
            foreach (var device in fleet.Devices)
            {
                list.Add(await DeviceDto.FromAsync(device, ct));
            }

            return ControlJson.Result(list);
        });

        app.MapGet("/api/devices/{name}", async (string name, DeviceFleet fleet, CancellationToken ct) =>
            fleet.Find(name) is { } device ? ControlJson.Result(await DeviceDto.FromAsync(device, ct)) : NotFound(name));

        app.MapGet("/api/devices/{name}/config/running", (string name, DeviceFleet fleet, HttpRequest request, CancellationToken ct) =>
            WithDevice(fleet, name, async device => Config(request, device.Name, "running", await device.GetRunningConfigurationAsync(ct))));

        app.MapGet("/api/devices/{name}/config/saved", (string name, DeviceFleet fleet, HttpRequest request) =>
            WithDevice(fleet, name, device => Task.FromResult(device.State.ReadStartupConfiguration() is { } text
                ? Config(request, device.Name, "saved", text)
                : ControlJson.Result(new ControlJson.ErrorDto($"device {device.Name} has no saved configuration"), statusCode: 404))));

        app.MapPost("/api/devices/{name}/reset", (string name, DeviceFleet fleet, CancellationToken ct) =>
            WithDevice(fleet, name, async device =>
            {
                await device.ResetAsync(ct);
                return ControlJson.Result(new ControlJson.ActionDto(device.Name, "reset", "running configuration is the profile's factory configuration"));
            }));

        app.MapPost("/api/devices/{name}/reboot", (string name, DeviceFleet fleet, CancellationToken ct) =>
            WithDevice(fleet, name, async device =>
            {
                await device.RebootAsync(ct);
                return ControlJson.Result(new ControlJson.ActionDto(device.Name, "reboot", "sessions closed, running configuration reloaded from the saved one"));
            }));

        app.MapGet("/api/inventory", (DeviceFleet fleet, string? format) =>
        {
            format ??= "ansible";
            return Inventory.Formats.Contains(format)
                ? Results.Text(Inventory.Render(format, [.. fleet.Devices.Select(InventoryHost.From)]), Inventory.ContentType(format))
                : ControlJson.Result(new ControlJson.ErrorDto($"format '{format}' must be one of {string.Join(", ", Inventory.Formats)}"), statusCode: 400);
        });

        ControlApiFaults.Map(app);
        ControlApiSessions.Map(app);
        ControlApiFiles.Map(app);

        app.MapGet("/api/known_hosts", async (DeviceFleet fleet, CancellationToken ct) =>
            Results.Text(await KnownHosts.BuildAsync(fleet.Devices, ct), "text/plain"));
    }

    private static async Task<IResult> WithDevice(DeviceFleet fleet, string name, Func<DeviceInstance, Task<IResult>> action)
    {
        if (fleet.Find(name) is not { } device)
        {
            return NotFound(name);
        }

        try
        {
            return await action(device);
        }
        catch (Exception ex) when (ex is DeviceStateException or InvalidOperationException)
        {
            return ControlJson.Result(new ControlJson.DeviceErrorDto(device.Name, ex.Message), statusCode: 409);
        }
    }

    private static IResult Config(HttpRequest request, string device, string kind, string text) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/plain", StringComparison.OrdinalIgnoreCase))
            ? Results.Text(text, "text/plain")
            : ControlJson.Result(new ControlJson.ConfigDto(device, kind, text));

    private static IResult NotFound(string name) => ControlJson.Result(new ControlJson.ErrorDto($"no device named '{name}'"), statusCode: 404);

    internal sealed record KeyDto(string Type, int Bits, string Fingerprint);

    internal sealed record SessionDto(string Line, string User, string Remote, DateTimeOffset Since);

    /// <param name="Source"><c>startup.cfg</c> or <c>default-configuration</c>.</param>
    /// <param name="Line">1-based line number in that text.</param>
    /// <param name="Text">The line as written.</param>
    /// <param name="Error">The CLI's message, e.g. <c>% Unrecognized command found at '^' position.</c>.</param>
    internal sealed record BootErrorDto(string Source, int Line, string Text, string Error);

    internal sealed record DeviceDto(string Name, string Profile, string Model, string Dialect, string Address, int Port, string State, bool Warm,
        string? Error, IReadOnlyList<KeyDto> Fingerprints, int Connections, IReadOnlyList<SessionDto> Sessions,
        IReadOnlyList<BootErrorDto> BootErrors, IReadOnlyList<ControlApiFaults.FaultDto> Faults, DateTimeOffset? DownUntil)
    {
        /// <summary>The NETCONF-over-SSH listener, <c>{address, port}</c>; null when the device has none.</summary>
        public EndPointDto? Netconf { get; init; }

        /// <summary>The telnet listener, <c>{address, port}</c>; null when the device has none.</summary>
        public EndPointDto? Telnet { get; init; }

        public static async Task<DeviceDto> FromAsync(DeviceInstance d, CancellationToken ct)
        {
            var keys = await d.HostKeys.GetExistingAsync(ct);
            return new DeviceDto(d.Name, d.Profile.Name, d.Profile.Model, d.Profile.Dialect.ToString(), d.EndPoint.Address.ToString(), d.EndPoint.Port,
                d.Status.ToString().ToLowerInvariant(), d.IsWarm, d.Error,
                [.. keys.Select(k => new KeyDto(k.KeyType, k.Bits, k.FingerprintSha256))], d.ConnectionCount,
                [.. d.Sessions.Select(s => new SessionDto(s.Line, s.UserName, s.RemoteAddress, s.Since))],
                [.. d.BootErrors.Select(e => new BootErrorDto(d.BootSource ?? "", e.LineNumber, e.Line, e.Message))],
                ControlApiFaults.FaultDto.List(d), d.DownUntil)
            {
                Netconf = EndPointDto.From(d.NetconfEndPoint),
                Telnet = EndPointDto.From(d.TelnetEndPoint),
            };
        }
    }

    internal sealed record EndPointDto(string Address, int Port)
    {
        public static EndPointDto? From(System.Net.IPEndPoint? endPoint) => endPoint is null ? null : new(endPoint.Address.ToString(), endPoint.Port);
    }
}
