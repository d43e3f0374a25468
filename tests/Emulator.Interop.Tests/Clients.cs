using System.Diagnostics;
using System.Text;

namespace Emulator.Interop.Tests;

/// <summary>
/// Finds and runs the real clients. Outside CI a missing client skips the test with the reason; with CI=true it fails.
/// </summary>
internal static class Clients
{
    public const string Python = "/usr/bin/python3";

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require(string tool, string package = "openssh-client sshpass")
    {
        var path = tool.StartsWith('/') ? tool : Path.Combine("/usr/bin", tool);
        if (File.Exists(path))
        {
            return path;
        }

        return Missing($"{tool} is not installed (apt-get install {package})");
    }

    /// <summary>/usr/bin/python3 with the Debian paramiko/netmiko packages.</summary>
    public static void RequirePythonModule(string module)
    {
        if (!File.Exists(Python))
        {
            Missing($"{Python} is not installed");
        }

        var result = RunAsync(Python, ["-c", $"import {module}"], null, TimeSpan.FromSeconds(60), CancellationToken.None).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            Missing($"{Python} cannot import {module} (apt-get install python3-{module}): {result.StdErr.Trim()}");
        }
    }

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "scripts", name);

    private static string Missing(string reason)
    {
        if (InCi)
        {
            Assert.Fail(reason + " (CI=true: interop clients are required)");
        }

        Assert.Skip(reason);
        return "";
    }

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, string? stdin, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
        }

        process.StandardInput.Close();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timer.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new Result(-1, await stdout, await stderr + $"\n(killed after {timeout.TotalSeconds} s)");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>OpenSSH options for a throw-away client: no known_hosts, no agent, no config file, password only.</summary>
    public static List<string> SshArgs(int port, string user, params string[] extra)
    {
        // ssh keeps the first value of an option, so the caller's options go first and win.
        var args = new List<string>(extra)
        {
            "-F", "/dev/null", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "PubkeyAuthentication=no",
            "-o", "ConnectTimeout=20", "-o", "NumberOfPasswordPrompts=1",
        };
        args.Add(user + "@127.0.0.1");
        return args;
    }

    /// <summary>ssh through sshpass with the given password.</summary>
    public static Task<Result> SshAsync(int port, string user, string password, string? command, string? stdin, CancellationToken cancellationToken, params string[] extra)
    {
        var sshpass = Require("sshpass");
        var ssh = Require("ssh");
        var args = new List<string> { "-p", password, ssh };
        args.AddRange(SshArgs(port, user, extra));
        if (command is not null)
        {
            args.Add(command);
        }

        return RunAsync(sshpass, args, stdin, TimeSpan.FromSeconds(60), cancellationToken);
    }

    public static string Normalize(string text) => new StringBuilder(text).Replace("\r", "").Replace("\0", "").ToString();
}
