using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>Runs the OpenSSH client (through sshpass for passwords) against a <see cref="TestSshServer"/>.</summary>
internal static class OpenSshClient
{
    /// <summary>Options every run needs: no config files, no host key checks, no agent, fail instead of prompting.</summary>
    public static List<string> BaseArguments(int port) =>
    [
        "-F", "/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
        "-o", "ConnectTimeout=10", "-o", "IdentityAgent=none", "-o", "ServerAliveInterval=0",
    ];

    /// <summary>Password login (sshpass) then a command; returns exit code, stdout, stderr.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunWithPasswordAsync(int port, string password, IEnumerable<string> options, string command)
    {
        var ssh = ExternalTool.Require("ssh");
        var sshpass = ExternalTool.Require("sshpass");
        var arguments = new List<string> { "-p", password, ssh };
        arguments.AddRange(BaseArguments(port));

        // ssh keeps the first value it sees for an option, so the caller's options go before the defaults.
        arguments.AddRange(options);
        arguments.AddRange(["-o", "PreferredAuthentications=password", "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"]);
        arguments.AddRange(["admin@127.0.0.1", command]);
        return ExternalTool.RunAsync(sshpass, arguments, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    /// <summary>Key-only login (BatchMode: never prompts) then a command.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunWithKeyAsync(int port, string identityFile, IEnumerable<string> options, string command)
    {
        var ssh = ExternalTool.Require("ssh");
        var arguments = BaseArguments(port);
        arguments.AddRange(["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", identityFile]);
        arguments.AddRange(options);
        arguments.AddRange(["admin@127.0.0.1", command]);
        return ExternalTool.RunAsync(ssh, arguments, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }
}
