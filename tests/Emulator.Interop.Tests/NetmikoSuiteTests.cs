using System.Globalization;

namespace Emulator.Interop.Tests;

/// <summary>
/// Issue 13: netmiko 2.4.2's own hp_comware tests (test_netmiko_show.py and test_netmiko_config.py, unmodified, see
/// netmiko-tests/README.md) pass against a Comware 5 and a Comware 7 device, run with Debian's pytest as netmiko's
/// tests/test_hp_comware.sh runs them.
/// </summary>
public sealed class NetmikoSuiteTests : IDisposable
{
    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("F1000-E")]
    [InlineData("F1000-AI-55")]
    public async Task Netmikos_own_hp_comware_tests_pass(string profile)
    {
        Clients.RequirePythonModule("netmiko");
        Clients.RequirePythonModule("pytest");
        await using var host = await RunningHost.StartAsync(_dir, $$"""
            devices:
              - { name: fw, profile: {{profile}}, ssh: "127.0.0.1:0" }
            """);
        var suite = CopySuite(Path.Combine(_dir, "netmiko-tests"));
        await File.WriteAllTextAsync(Path.Combine(suite, "tests", "etc", "test_devices.yml"), $"""
            hp_comware:
              device_type: hp_comware
              ip: 127.0.0.1
              port: {host.Port("fw").ToString(CultureInfo.InvariantCulture)}
              username: admin
              password: admin
              secret: ""
            """, Ct);
        // What this device answers: its sysname, its prompts in user and system view, the factory address of its
        // first port (display ip interface brief), a line of display version that only an unpaged output reaches.
        await File.WriteAllTextAsync(Path.Combine(suite, "tests", "etc", "responses.yml"), """
            hp_comware:
              base_prompt: H3C
              router_prompt: <H3C>
              enable_prompt: '[H3C]'
              interface_ip: 192.168.0.1
              version_banner: Comware Software
              multiple_line_output: uptime is
            """, Ct);

        foreach (var file in new[] { "test_netmiko_show.py", "test_netmiko_config.py" })
        {
            var run = await Clients.RunAsync(Clients.Python,
                ["-m", "pytest", "-v", "-p", "no:cacheprovider", $"tests/{file}", "--test_device", "hp_comware"],
                null, TimeSpan.FromSeconds(300), Ct, workingDirectory: suite);
            Assert.True(run.ExitCode == 0, $"{file} on {profile}:\n{run}");
            Assert.DoesNotContain(" FAILED", run.StdOut, StringComparison.Ordinal);
            Assert.Contains(" passed", run.StdOut, StringComparison.Ordinal);
        }

        // test_command_set left netmiko's last ip host line in the running configuration.
        var running = await Clients.SshAsync(host.Port("fw"), "admin", "admin", "display current-configuration", null, Ct);
        Assert.Contains("ip host test1 1.1.1.2", running.StdOut, StringComparison.Ordinal);
    }

    private static string CopySuite(string target)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "netmiko-tests");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
