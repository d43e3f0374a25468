using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Emulator.Interop.Tests;

/// <summary>
/// A reboot ends every session; what the device wrote to a session before that must still reach the user. OpenSSH's
/// client exits on a DISCONNECT at once, without writing out data it read in the same turn, so a client slower than
/// the server (a loaded CI machine) lost a whole shell's output when the DISCONNECT came right behind the CLOSE.
/// </summary>
public sealed class RebootOutputTests : IDisposable
{
    private const string Fleet = """
        devices:
          - { name: fw, profile: F1000-E, ssh: "127.0.0.1:0" }
        """;

    private const string LogText = "Physical state on the interface GigabitEthernet1/0/3 changed to down.";

    private readonly string _dir = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Output_an_OpenSsh_client_had_not_read_when_a_reboot_closed_its_session_is_still_shown()
    {
        var sshpass = Clients.Require("sshpass");
        var ssh = Clients.Require("ssh");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);

        var info = new ProcessStartInfo(sshpass)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-p", "admin", ssh, .. Clients.SshArgs(host.Port("fw"), "admin", "-tt")])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        var outputDone = PumpAsync(process.StandardOutput, output);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        try
        {
            await process.StandardInput.WriteAsync("terminal monitor\n".AsMemory(), Ct);
            await process.StandardInput.FlushAsync(Ct);
            await WaitForAsync(output, "Current terminal monitor is on");
            await WaitForAsync(output, "<H3C>", after: "Current terminal monitor is on");

            // The client stops reading: the log line, the session's close and whatever follows wait in its socket.
            var client = SshChildOf(process.Id);
            await SignalAsync("STOP", client);
            using (var body = new StringContent(
                $$"""{"kind":"log-line","module":"IFNET","severity":3,"mnemonic":"PHY_UPDOWN","text":"{{LogText}}"}""", Encoding.UTF8, "application/json"))
            {
                (await host.Http.PostAsync("/api/devices/fw/faults", body, Ct)).EnsureSuccessStatusCode();
            }

            await Task.Delay(300, Ct);
            await host.Device("fw").RebootAsync(Ct);
            await Task.Delay(300, Ct);
            await SignalAsync("CONT", client);

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            limit.CancelAfter(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(limit.Token);
            await outputDone;
            var text = Clients.Normalize(output.ToString());
            Assert.True(text.Contains(LogText, StringComparison.Ordinal), $"exit {process.ExitCode}\n--- stdout\n{text}\n--- stderr\n{await stderr}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer, CancellationToken.None)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static async Task WaitForAsync(StringBuilder output, string text, string? after = null)
    {
        for (var waited = 0; waited < 200; waited++)
        {
            string seen;
            lock (output)
            {
                seen = output.ToString();
            }

            var from = after is null ? 0 : seen.IndexOf(after, StringComparison.Ordinal);
            if (from >= 0 && seen.IndexOf(text, from, StringComparison.Ordinal) >= 0)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        lock (output)
        {
            Assert.Fail($"no '{text}' in 20 s:\n{output}");
        }
    }

    /// <summary>sshpass runs ssh as its only child.</summary>
    private static int SshChildOf(int sshpass)
    {
        var children = File.ReadAllText($"/proc/{sshpass}/task/{sshpass}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(Assert.Single(children), CultureInfo.InvariantCulture);
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        var sent = await Clients.RunAsync("/bin/kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)], null, TimeSpan.FromSeconds(10), Ct);
        Assert.True(sent.ExitCode == 0, sent.ToString());
    }
}
