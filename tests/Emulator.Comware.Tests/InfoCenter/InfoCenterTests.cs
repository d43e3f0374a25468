using Emulator.Comware.Logging;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.InfoCenter;

/// <summary>info-center configuration, the log buffer, the message formats and what reaches IDeviceServices.</summary>
public class InfoCenterTests
{
    [Theory]
    [InlineData(ComwareDialect.V5, "info-center source default channel loghost log level warning\ninfo-center source SHELL channel logbuffer log state off\n")]
    [InlineData(ComwareDialect.V7, "info-center source default loghost level warning\ninfo-center source SHELL logbuffer deny\n")]
    public async Task Configuration_round_trips(ComwareDialect dialect, string sources)
    {
        var ct = TestContext.Current.CancellationToken;
        using var device = TestDevices.Create(dialect);
        await device.EnsureBootedAsync(ct);
        var report = await device.LoadConfigurationAsync("info-center loghost 127.0.0.1 port 10514 facility local5\ninfo-center loghost 127.0.0.2\n" + sources, ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var rendered = device.RenderCurrentConfiguration();
        Assert.Contains(" info-center loghost 127.0.0.1 port 10514 facility local5\n info-center loghost 127.0.0.2\n", rendered, StringComparison.Ordinal);
        var config = device.GetState<InfoCenterConfig>();
        Assert.False(config.Allows("SHELL", "logbuffer", 0));
        Assert.True(config.Allows("IFNET", "loghost", 4));
        Assert.False(config.Allows("IFNET", "loghost", 5));
        using var second = TestDevices.Create(dialect, rendered);
        Assert.True((await second.EnsureBootedAsync(ct)).Succeeded);
        Assert.Equal(rendered, second.RenderCurrentConfiguration());
    }

    [Theory]
    [InlineData(ComwareDialect.V7, "SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=192.0.2.10-User=admin; Command is sysname edge", "IFNET/3/PHY_UPDOWN: Physical state on the interface GigabitEthernet1/0/1 changed to down.", "Current messages: 5")]
    [InlineData(ComwareDialect.V5, "SHELL/6/SHELL_CMD: -Task=VT0-IPAddr=192.0.2.10-User=admin; Command is sysname edge", "IFNET/3/LINK_UPDOWN: GigabitEthernet0/1 link status is DOWN.", "Current messages : 5")]
    public async Task Configuration_changes_and_link_changes_land_in_the_log_buffer(ComwareDialect dialect, string command, string link, string count)
    {
        var services = new FakeDeviceServices();
        using var device = new ComwareDevice(TestDevices.Facts(dialect), services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
        var port = dialect == ComwareDialect.V5 ? "GigabitEthernet0/1" : "GigabitEthernet1/0/1";
        var user = ShellDriver.Admin with { Line = "VTY 0" };
        var output = (await ShellDriver.RunAsync(device, $"system-view\nsysname edge\ninterface {port}\nshutdown\nreturn\ndisplay logbuffer\n", user)).Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains("%Jan  2 03:04:05:000 2026 edge " + command + "\n", output, StringComparison.Ordinal);
        Assert.Contains("%Jan  2 03:04:05:000 2026 edge " + link + "\n", output, StringComparison.Ordinal);
        Assert.Contains(count + "\n", output, StringComparison.Ordinal);
        var published = Assert.Single(services.Published, e => e.Interface is not null);
        Assert.False(published.LinkUp);
        Assert.Empty(published.Loghosts); // none configured
    }

    [Theory]
    [InlineData(ComwareDialect.V7, "CFGMAN/5/CFGMAN_CFGCHANGED: -EventIndex=1-CommandSource=1-ConfigSource=3-ConfigDestination=4; Configuration changed.",
        "CFGMAN/5/CFGMAN_CFGCHANGED: -EventIndex=2-CommandSource=1-ConfigSource=3-ConfigDestination=5; Configuration changed.")]
    [InlineData(ComwareDialect.V5, "CFGMAN/5/CFGMAN_CFGCHANGED: -EventIndex=1-CommandSource=1-ConfigSource=3-ConfigDestination=4; Configuration is changed.",
        "CFGMAN/5/CFGMAN_CFGCHANGED: -EventIndex=2-CommandSource=1-ConfigSource=3-ConfigDestination=5; Configuration is changed.")]
    public async Task Save_logs_a_configuration_change(ComwareDialect dialect, string toStartup, string toFile)
    {
        var services = new FakeDeviceServices { Medium = TestDevices.Facts(dialect).Hardware.StorageMedium };
        using var device = new ComwareDevice(TestDevices.Facts(dialect), services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
        var output = (await ShellDriver.RunAsync(device, "save force\nsave copy.cfg\ny\ndisplay logbuffer\nquit\n")).Replace("\r", "", StringComparison.Ordinal);
        Assert.Contains(" H3C " + toStartup + "\n", output, StringComparison.Ordinal);
        Assert.Contains(" H3C " + toFile + "\n", output, StringComparison.Ordinal);
        Assert.Contains(services.Published, e => e.Mnemonic == "CFGMAN_CFGCHANGED");
    }

    [Fact]
    public void Syslog_lines_carry_the_priority_and_the_vendor_mark()
    {
        var host = new Loghost(new Emulator.Comware.Model.Values.Ipv4Address(0x7F000001), 514, 23);
        var message = new DeviceLogEvent(new DateTimeOffset(2026, 12, 5, 23, 55, 2, 580, TimeSpan.Zero), "fw1", "SHELL", 5, "SHELL_LOGIN", "admin logged in from 127.0.0.1.");
        Assert.Equal("%Dec  5 23:55:02:580 2026 fw1 SHELL/5/SHELL_LOGIN: admin logged in from 127.0.0.1.", message.BufferLine);
        Assert.Equal("<189>Dec  5 23:55:02 2026 fw1 %%10SHELL/5/SHELL_LOGIN: admin logged in from 127.0.0.1.", message.SyslogLine(host, ComwareDialect.V7));
        Assert.Equal("<189>Dec  5 23:55:02 2026 fw1 %%10SHELL/5/SHELL_LOGIN(l): admin logged in from 127.0.0.1.", message.SyslogLine(host, ComwareDialect.V5));
    }

    [Fact]
    public async Task Undo_info_center_enable_stops_buffer_and_loghosts()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = new FakeDeviceServices();
        using var device = new ComwareDevice(TestDevices.Facts(ComwareDialect.V7), services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
        await device.EnsureBootedAsync(ct);
        await device.LoadConfigurationAsync("info-center loghost 127.0.0.1\n", ct);
        DeviceLog.Login(device, "admin", "127.0.0.1");
        Assert.Single(Assert.Single(services.Published).Loghosts);
        await device.LoadConfigurationAsync("undo info-center enable\n", ct);
        DeviceLog.Login(device, "admin", "127.0.0.1");
        Assert.Empty(services.Published[^1].Loghosts);
        Assert.Single(device.GetState<InfoCenterConfig>().Buffer.Snapshot());
    }

    [Fact]
    public async Task Terminal_monitor_prints_messages_into_a_session_waiting_at_the_prompt()
    {
        using var device = TestDevices.Create(ComwareDialect.V7);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var input = new System.IO.Pipelines.Pipe();
        var output = new System.IO.Pipelines.Pipe(new System.IO.Pipelines.PipeOptions(pauseWriterThreshold: 0));
        var session = new CliSession(device, ShellDriver.Admin);
        var shell = Task.Run(() => session.RunShellAsync(new CliTerminal(input.Reader, output.Writer), CancellationToken.None));
        await input.Writer.WriteAsync("terminal monitor\ndisp"u8.ToArray(), TestContext.Current.CancellationToken);
        await WaitForAsync(() => session.TerminalMonitor);
        DeviceLog.Login(device, "ops", "192.0.2.7");
        var seen = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!seen.ToString().Contains("SHELL_LOGIN: ops logged in from 192.0.2.7.\r\n<H3C>disp", StringComparison.Ordinal))
        {
            var read = await output.Reader.ReadAsync(timeout.Token);
            foreach (var segment in read.Buffer)
            {
                seen.Append(System.Text.Encoding.UTF8.GetString(segment.Span));
            }

            output.Reader.AdvanceTo(read.Buffer.End);
        }

        await input.Writer.CompleteAsync();
        await shell;
        session.Dispose();
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
