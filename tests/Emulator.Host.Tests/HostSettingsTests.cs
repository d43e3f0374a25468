using System.Net;
using Emulator.Device.Profiles;

namespace Emulator.Host.Tests;

public class HostSettingsTests
{
    private static readonly Dictionary<string, string?> _noEnv = [];

    [Fact]
    public void Defaults_are_one_F1000_E_on_2222_with_the_control_api_on_8022()
    {
        var s = HostSettings.Load([], _noEnv, null);
        Assert.Null(s.Fleet);
        Assert.Equal("F1000-E", s.Profile);
        Assert.Equal("fw1", s.DeviceName);
        Assert.Equal(IPAddress.Loopback, s.Address);
        Assert.Equal(2222, s.SshPort);
        Assert.Equal("emulator-state", s.StateDir);
        Assert.Equal(new Uri("http://127.0.0.1:8022"), s.Control);
    }

    [Fact]
    public void Environment_variables_set_options_and_the_command_line_wins()
    {
        var env = new Dictionary<string, string?>
        {
            ["EMULATOR_PROFILE"] = "U200-S",
            ["EMULATOR_SSH_PORT"] = "2022",
            ["EMULATOR_STATE_DIR"] = "/data",
            ["EMULATOR_CONTROL"] = "none",
            ["EMULATOR_ADDRESS"] = "0.0.0.0",
            ["EMULATOR_DEVICE_NAME"] = "edge",
            ["EMULATOR_FLEET_SECRET"] = "s3cret",
            ["EMULATOR_ALGORITHM_POLICY"] = "device",
        };
        var s = HostSettings.Load(["--ssh-port", "2300", "--log-level=debug"], env, null);
        Assert.Equal("U200-S", s.Profile);
        Assert.Equal(2300, s.SshPort);
        Assert.Equal("/data", s.StateDir);
        Assert.Null(s.Control);
        Assert.Equal(IPAddress.Any, s.Address);
        Assert.Equal("edge", s.DeviceName);
        Assert.Equal("s3cret", s.FleetSecret);
        Assert.Equal(AlgorithmPolicy.Device, s.AlgorithmPolicy);
        Assert.Equal(Serilog.Events.LogEventLevel.Debug, s.LogLevel);
    }

    [Fact]
    public void The_control_token_and_allowed_hosts_come_from_the_environment_or_the_command_line()
    {
        var s = HostSettings.Load(["--control-allowed-hosts", "fw1, lab.example"], new Dictionary<string, string?> { ["EMULATOR_CONTROL_TOKEN"] = "tok" }, null);
        Assert.Equal("tok", s.ControlToken);
        Assert.Equal(["fw1", "lab.example"], s.ControlAllowedHosts);
        var defaults = HostSettings.Load([], _noEnv, null);
        Assert.Null(defaults.ControlToken);
        Assert.Empty(defaults.ControlAllowedHosts);
    }

    [Fact]
    public void Appsettings_json_is_read_below_environment_and_command_line()
    {
        var dir = TestHosts.NewStateDir();
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "appsettings.json"), """{ "Emulator": { "Profile": "F5000-A5", "SshPort": "2400", "StateDir": "/from-json" } }""");
            var s = HostSettings.Load(["--state-dir", "/from-args"], new Dictionary<string, string?> { ["EMULATOR_SSH_PORT"] = "2500" }, dir);
            Assert.Equal("F5000-A5", s.Profile);
            Assert.Equal(2500, s.SshPort);
            Assert.Equal("/from-args", s.StateDir);
        }
        finally
        {
            TestHosts.Delete(dir);
        }
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--ssh-port", "70000" }, "--ssh-port: '70000'")]
    [InlineData(new[] { "--control", "ftp://x" }, "--control")]
    [InlineData(new[] { "--fleet" }, "option --fleet needs a value")]
    [InlineData(new[] { "--algorithm-policy", "fast" }, "device, modern or device+modern")]
    public void Bad_options_are_named(string[] args, string fragment)
    {
        var ex = Assert.Throws<ArgumentException>(() => HostSettings.Load(args, _noEnv, null));
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_option_with_its_environment_variable()
    {
        var help = HostSettings.HelpText();
        foreach (var (option, env, _, _, _) in HostSettings.Options)
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
            Assert.Contains(env, help, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("fw1\n")]
    [InlineData("a/b")]
    public void Device_name_outside_state_dir_is_refused(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => HostSettings.Load(["--device-name", name], _noEnv, null));
        Assert.Contains("--device-name", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => HostSettings.Load([], new Dictionary<string, string?> { ["EMULATOR_DEVICE_NAME"] = name }, null));
    }
}
