using Emulator.Device.Runtime;
using Emulator.Device.State;
using Emulator.Device.Wiring;

namespace Emulator.Host.Tests;

/// <summary>Issue 15: the fleet-wide cap on connections not yet logged in is an option, for load tests that need more.</summary>
public sealed class MaxStartupsTests : IDisposable
{
    private static readonly Dictionary<string, string?> _noEnv = [];
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "emu-maxstartups-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public void Defaults_are_512_and_256_per_source()
    {
        var s = HostSettings.Load([], _noEnv, null);
        Assert.Equal(DeviceFleet.DefaultMaxUnauthenticated, s.MaxStartups);
        Assert.Equal(DeviceFleet.DefaultMaxUnauthenticatedPerSource, s.PerSourceMaxStartups);
    }

    [Fact]
    public void The_command_line_and_the_environment_set_them_and_none_lifts_the_per_source_limit()
    {
        var s = HostSettings.Load(["--max-startups", "4000"], new Dictionary<string, string?> { ["EMULATOR_PER_SOURCE_MAX_STARTUPS"] = "none" }, null);
        Assert.Equal(4000, s.MaxStartups);
        Assert.Equal(0, s.PerSourceMaxStartups);
        Assert.Equal(300, HostSettings.Load(["--per-source-max-startups=300"], _noEnv, null).PerSourceMaxStartups);
    }

    [Theory]
    [InlineData("--max-startups", "0")]
    [InlineData("--max-startups", "none")]
    [InlineData("--max-startups", "-5")]
    [InlineData("--per-source-max-startups", "lots")]
    public void Bad_values_are_refused_naming_the_option(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => HostSettings.Load([option, value], _noEnv, null));
        Assert.StartsWith(option + ": '" + value + "'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fleet_uses_the_configured_limit()
    {
        var settings = TestHosts.Settings(Path.Combine(_dir, "state")) with { SshPort = 0, Control = null, MaxStartups = 3, PerSourceMaxStartups = 0 };
        await using var app = EmulatorApp.Create(settings, TestHosts.Catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System);
        Assert.Equal(3, app.Fleet.PreAuthLimit.MaxTotal);
        Assert.Equal(0, app.Fleet.PreAuthLimit.MaxPerSource);
    }
}
