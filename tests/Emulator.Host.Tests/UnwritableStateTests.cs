using System.Net;
using System.Text.Json;
using Emulator.Device.Runtime;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Tests;

/// <summary>
/// Issue 20, unwritable state folder: SSH never worked (a new host key per connection), an error with a stack was
/// logged each time and /healthz still said 200.
/// </summary>
public sealed class UnwritableStateTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    [Fact]
    public async Task Unwritable_state_folder_marks_the_device_unhealthy_once_and_keeps_its_keys()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_dir);
        var state = Path.Combine(_dir, "state");
        await File.WriteAllTextAsync(state, "a file where the state folder belongs", ct);
        var errors = new ErrorSink();
        var settings = TestHosts.Settings(state);
        var app = EmulatorApp.Create(settings, TestHosts.Catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System,
            config => config.WriteTo.Sink(errors));
        await using (app)
        {
            await app.StartAsync(ct);
            using var http = TestHosts.Client(app);

            var health = await http.GetAsync("/healthz", ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var body = await health.Content.ReadAsStringAsync(ct);
            Assert.Contains("fw1", body, StringComparison.Ordinal);
            Assert.Contains("cannot be written", body, StringComparison.Ordinal);

            // The device still serves, with the same keys every time.
            var keys = await http.GetStringAsync("/api/known_hosts", ct);
            Assert.NotEmpty(keys);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(keys, await http.GetStringAsync("/api/known_hosts", ct));
            }

            var device = Assert.Single(app.Fleet.Devices);
            Assert.Equal(DeviceStatus.Degraded, device.Status);
            var running = await http.GetAsync("/api/devices/fw1/config/running", ct);
            Assert.Equal(HttpStatusCode.OK, running.StatusCode);
            var json = JsonDocument.Parse(await http.GetStringAsync("/api/devices/fw1", ct)).RootElement;
            Assert.Equal("degraded", json.GetProperty("state").GetString());

            var logged = errors.Events;
            var error = Assert.Single(logged);
            Assert.Null(error.Exception);
            await app.StopAsync(ct);
        }
    }

    private sealed class ErrorSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public IReadOnlyList<LogEvent> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error)
            {
                lock (_events)
                {
                    _events.Add(logEvent);
                }
            }
        }
    }
}
