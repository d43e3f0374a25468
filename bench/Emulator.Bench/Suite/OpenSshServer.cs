using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Bench.Suite;

/// <summary>
/// OpenSSH's sshd as the reference: its own config, host key and pid file in a temp directory, on a loopback
/// port, offering exactly the suite the emulator is measured with, and a throwaway user whose password hash is
/// cheap (MD5-crypt) so the comparison measures SSH machinery rather than password hashing. The system sshd
/// configuration is never touched; the user is removed again on dispose. Needs root (privilege separation).
/// </summary>
public sealed class OpenSshServer : IDisposable
{
    public const string SshdPath = "/usr/sbin/sshd";
    public const string UserName = "emubench";

    private readonly Process _process;

    private OpenSshServer(string directory, Process process, int sshdPid, int port)
    {
        Directory = directory;
        _process = process;
        Pid = sshdPid;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The sshd listener (inside its PID namespace, seen from here with its outer PID).</summary>
    public int Pid { get; }

    public const string Password = "bench-password";

    public static string? WhyUnavailable()
    {
        if (!File.Exists(SshdPath))
        {
            return $"{SshdPath} is not installed (apt-get install openssh-server)";
        }

        if (Environment.UserName != "root")
        {
            return "sshd needs root for privilege separation and a throwaway user";
        }

        return File.Exists("/usr/bin/unshare") ? null : "unshare (util-linux) is needed to account for all of sshd's processes";
    }

    public static string Version() => Shell.Run(SshdPath, ["-V"], null, check: false).Output.Trim();

    public static async Task<OpenSshServer> StartAsync(CancellationToken cancellationToken)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory("emulator-bench-sshd-").FullName;
        string home = System.IO.Directory.CreateDirectory(Path.Combine(dir, "home")).FullName;
        Shell.Run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(dir, "ssh_host_ed25519_key")], null);
        System.IO.Directory.CreateDirectory("/run/sshd");

        // A user left behind by an interrupted run is reused (and removed at the end like a fresh one).
        if (Shell.Run("id", [UserName], null, check: false).ExitCode != 0)
        {
            Shell.Run("useradd", ["-M", "-d", home, "-s", "/bin/sh", UserName], null);
        }
        else
        {
            Shell.Run("usermod", ["-d", home, UserName], null);
        }

        Shell.Run("chpasswd", ["-c", "MD5"], $"{UserName}:bench-password\n");

        int port = FreePort();
        string config = Path.Combine(dir, "sshd_config");
        File.WriteAllText(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {dir}/ssh_host_ed25519_key
            PidFile {dir}/sshd.pid
            KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org
            HostKeyAlgorithms ssh-ed25519
            Ciphers aes128-gcm@openssh.com,aes256-gcm@openssh.com
            MACs hmac-sha2-256-etm@openssh.com,hmac-sha2-256
            UsePAM no
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PubkeyAuthentication no
            AuthorizedKeysFile none
            PermitRootLogin no
            AllowUsers {UserName}
            StrictModes no
            UseDNS no
            PrintMotd no
            PrintLastLog no
            X11Forwarding no
            MaxStartups 10000
            MaxSessions 100
            LoginGraceTime 60
            LogLevel ERROR

            """);
        Shell.Run(SshdPath, ["-t", "-f", config], null);

        // sshd runs as PID 1 of its own PID namespace: every process of a connection that outlives its parent is
        // re-parented to sshd and reaped there, so the listener's cutime/cstime really holds all of sshd's work.
        // (Without it, processes orphaned inside a connection are reaped by init and their CPU is lost.)
        var start = new ProcessStartInfo("unshare") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in new[] { "--pid", "--fork", "--kill-child", SshdPath, "-D", "-e", "-f", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        int sshdPid = await WaitForChildAsync(process, cancellationToken);
        var server = new OpenSshServer(dir, process, sshdPid, port);
        await WaitListeningAsync(port, process, cancellationToken);
        return server;
    }

    /// <summary>Writes a file in the server's directory (command output to <c>cat</c>), returning its path.</summary>
    public string WriteFile(string name, ReadOnlySpan<byte> content)
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content.ToArray());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(Directory, File.GetUnixFileMode(Directory) | UnixFileMode.OtherExecute | UnixFileMode.OtherRead);
        return path;
    }

    public string WriteFile(string name, string content) => WriteFile(name, Encoding.UTF8.GetBytes(content));

    /// <summary>CPU of the listener plus every per-connection child it has reaped; waits briefly for children to exit first.</summary>
    public async Task<ProcSample> SampleAfterChildrenExitAsync(CancellationToken cancellationToken)
    {
        for (int i = 0; i < 100 && ProcStat.CountChildren(Pid) > 0; i++)
        {
            await Task.Delay(50, cancellationToken);
        }

        return ProcStat.Read(Pid);
    }

    private static async Task<int> WaitForChildAsync(Process unshare, CancellationToken cancellationToken)
    {
        for (int i = 0; i < 200; i++)
        {
            if (unshare.HasExited)
            {
                throw new InvalidOperationException($"unshare/sshd exited with {unshare.ExitCode}");
            }

            if (ProcStat.Children(unshare.Id) is [int child, ..])
            {
                return child;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new TimeoutException("sshd did not start under unshare");
    }

    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    internal static async Task WaitListeningAsync(int port, Process process, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} before listening");
            }

            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        throw new TimeoutException($"nothing listening on port {port} after 30 s");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM to unshare; --kill-child takes sshd (PID 1 of the namespace) and its connections with it.
                Shell.Run("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], null, check: false);
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill();
                }

            }
        }
        finally
        {
            _process.Dispose();
            Shell.Run("userdel", [UserName], null, check: false);

            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}
