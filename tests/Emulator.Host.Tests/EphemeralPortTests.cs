using Emulator.Device.State;
using Emulator.Device.Wiring;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Tests;

/// <summary>Issue 20: fleets whose ports fall in the kernel's ephemeral range failed at random with "Address already in use"; nothing warned.</summary>
public sealed class EphemeralPortTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("1024 65535", 1024, 65535)]
    public void Ephemeral_port_range_is_parsed(string text, int low, int high) =>
        Assert.Equal((low, high), EphemeralPorts.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("60999 32768")]
    [InlineData("a b")]
    public void Ephemeral_port_range_that_is_not_two_ports_is_ignored(string text) => Assert.Null(EphemeralPorts.Parse(text));

    [Fact]
    public async Task Ephemeral_port_range_device_port_inside_it_warns_at_start()
    {
        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_dir);
        var port = TestHosts.FreePort();
        var rangeFile = Path.Combine(_dir, "ip_local_port_range");
        await File.WriteAllTextAsync(rangeFile, $"{port - 1}\t{port + 1}\n", ct);
        Assert.Contains($"fw1:{port}", await StartAndCollectWarningsAsync(port, rangeFile), StringComparison.Ordinal);

        await File.WriteAllTextAsync(rangeFile, $"{port + 1}\t{port + 100}\n", ct);
        Assert.DoesNotContain("ephemeral", await StartAndCollectWarningsAsync(port, rangeFile), StringComparison.Ordinal);
    }

    private async Task<string> StartAndCollectWarningsAsync(int port, string rangeFile)
    {
        var sink = new WarningSink();
        var settings = TestHosts.Settings(Path.Combine(_dir, "state")) with { SshPort = port, Control = null, EphemeralPortRangeFile = rangeFile };
        var app = EmulatorApp.Create(settings, TestHosts.Catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System, c => c.WriteTo.Sink(sink));
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            await app.StopAsync(TestContext.Current.CancellationToken);
        }

        return sink.Text;
    }
}
