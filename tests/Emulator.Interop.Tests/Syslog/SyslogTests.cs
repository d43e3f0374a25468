using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Interop.Tests.Syslog;

/// <summary>
/// A real OpenSSH login and a configuration change produce Comware-format syslog datagrams at a loghost (a UDP
/// listener of the test), as <c>info-center loghost</c> asks.
/// </summary>
public sealed class SyslogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("F1000-AI-55", "%%10SHELL/5/SHELL_LOGIN: admin logged in from 127.0.0.1.", "%%10SHELL/6/SHELL_CMD: -Line=vty0-IPAddr=127.0.0.1-User=admin; Command is sysname edge",
        "%%10SSHS/6/SSHS_LOG: Authentication failed for admin from 127.0.0.1 because of invalid username or wrong password.")]
    [InlineData("F1000-E", "%%10SHELL/5/SHELL_LOGIN(l): admin logged in from 127.0.0.1.", "%%10SHELL/6/SHELL_CMD(l): -Task=VT0-IPAddr=127.0.0.1-User=admin; Command is sysname edge",
        "%%10SSH/5/SSH_LOGIN_FAIL(l): SSH user admin failed to log in from 127.0.0.1.")]
    public async Task Ssh_login_and_configuration_reach_the_loghost(string profile, string login, string command, string failure)
    {
        var dir = RunningHost.NewDirectory();
        using var loghost = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)loghost.Client.LocalEndPoint!).Port;
        await using (var host = await RunningHost.StartAsync(dir, $$"""
            devices:
              - { name: fw1, profile: {{profile}}, ssh: "127.0.0.1:0" }
            """))
        {
            var engine = await host.Device("fw1").GetEngineAsync(Ct);
            var report = await engine.ApplyConfigurationAsync($"info-center loghost 127.0.0.1 port {port} facility local4\n", Ct);
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));

            var refused = await Clients.SshAsync(host.Port("fw1"), "admin", "wrong", "display version", null, Ct);
            Assert.NotEqual(0, refused.ExitCode);
            var ssh = await Clients.SshAsync(host.Port("fw1"), "admin", "admin", null, "system-view\nsysname edge\nquit\nquit\n", Ct, "-tt");
            Assert.True(ssh.ExitCode is 0 or 255, ssh.ToString());

            var received = new List<string>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            while (!received.Exists(m => m.Contains("SHELL_LOGOUT", StringComparison.Ordinal)))
            {
                var datagram = await loghost.ReceiveAsync(timeout.Token);
                received.Add(Encoding.UTF8.GetString(datagram.Buffer));
            }

            var all = string.Join("\n", received);
            Assert.Contains(failure, all, StringComparison.Ordinal);
            Assert.Contains(login, all, StringComparison.Ordinal);
            Assert.Contains(command, all, StringComparison.Ordinal);
            Assert.Matches(@"^<165>[A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d \d{4} (H3C|edge) %%10SHELL/5/SHELL_LOGIN", received.Find(m => m.Contains("SHELL_LOGIN", StringComparison.Ordinal)));
        }

        Directory.Delete(dir, recursive: true);
    }
}
