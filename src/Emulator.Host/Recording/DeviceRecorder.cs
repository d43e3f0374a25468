using System.Text.RegularExpressions;
using Renci.SshNet;

namespace Emulator.Host.Recording;

/// <summary>
/// Logs into a device over SSH (a real one, or one of ours), turns paging off, runs a list of display commands in
/// one shell and keeps each output (echo and prompt removed) in a <see cref="ProfileOverlay"/>. Commands the device
/// rejects (<c>% Unrecognized command…</c>) are reported, not recorded.
/// </summary>
internal sealed partial class DeviceRecorder(string host, int port, string user, string password, TimeSpan timeout)
{
    // Comware prompts: <sysname> in user view, [sysname...] elsewhere, optionally after an RBM role and NULs.
    [GeneratedRegex(@"(?:^|\n)\0*(?:RBM_[PS])?[<\[][^\r\n<>\[\]]{1,80}[>\]]$")]
    private static partial Regex Prompt();

    [GeneratedRegex(@"^\s*% (Unrecognized command|Incomplete command|Wrong parameter|Too many parameters|Ambiguous command)", RegexOptions.Multiline)]
    private static partial Regex Rejected();

    /// <summary>SHA256 fingerprint of the host key the device presented (recording trusts it; the caller prints it).</summary>
    public string? HostKeyFingerprint { get; private set; }

    public async Task<ProfileOverlay> RecordAsync(IReadOnlyList<string> commands, string baseProfile, TextWriter log, CancellationToken cancellationToken)
    {
        var auth = new KeyboardInteractiveAuthenticationMethod(user);
        auth.AuthenticationPrompt += (_, e) =>
        {
            foreach (var prompt in e.Prompts)
            {
                prompt.Response = password;
            }
        };
        var connection = new Renci.SshNet.ConnectionInfo(host, port, user, new PasswordAuthenticationMethod(user, password), auth) { Timeout = timeout };
        using var client = new SshClient(connection);
        client.HostKeyReceived += (_, e) =>
        {
            HostKeyFingerprint = e.FingerPrintSHA256;
            e.CanTrust = true;
        };
        await client.ConnectAsync(cancellationToken);
        using var shell = client.CreateShellStream("vt100", 512, 200, 0, 0, 1 << 20);
        _ = ReadToPrompt(shell);
        await RunAsync(shell, "screen-length disable");

        var overlay = new ProfileOverlay(baseProfile) { Source = $"{user}@{host}:{port}" };
        foreach (var command in commands)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var output = await RunAsync(shell, command);
            if (Rejected().IsMatch(output))
            {
                await log.WriteLineAsync($"skipped '{command}': the device answered {output.Trim().Split('\n')[0].Trim()}");
            }
            else if (!overlay.Add(command, output))
            {
                await log.WriteLineAsync($"skipped '{command}': only plain display commands are recorded");
            }
            else
            {
                await log.WriteLineAsync($"recorded '{command}' ({output.Length} characters)");
            }
        }

        shell.WriteLine("quit");
        return overlay;
    }

    private async Task<string> RunAsync(ShellStream shell, string command)
    {
        shell.Write(command + "\r");
        await shell.FlushAsync();
        return OxidizedSimulation.Clean(command, ReadToPrompt(shell));
    }

    private string ReadToPrompt(ShellStream shell) =>
        shell.Expect(Prompt(), timeout)?.Replace("\r", "", StringComparison.Ordinal).TrimStart('\n')
        ?? throw new TimeoutException($"no prompt from {host}:{port} within {timeout.TotalSeconds} s");
}
