using System.Globalization;
using Renci.SshNet;

namespace Emulator.Interop.Tests.Files;

/// <summary>
/// The device storage through real clients: OpenSSH sftp (batch) and scp (legacy -O and the default SFTP mode),
/// paramiko's SFTPClient with python3-scp, SSH.NET's SftpClient and ScpClient, and the backup/restore flow.
/// </summary>
public sealed class FileTransferTests : IDisposable
{
    private const string Fleet = """
        devices:
          - { name: fw, profile: F1000-E, ssh: "127.0.0.1:0" }
          - { name: v7, profile: F1000-AI-55, ssh: "127.0.0.1:0" }
        """;

    private readonly string _dir = RunningHost.NewDirectory();
    private readonly string _work = RunningHost.NewDirectory();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_work, recursive: true);
    }

    private static async Task EnableAsync(int port, string commands)
    {
        var result = await Clients.SshAsync(port, "admin", "admin", null, "system-view\n" + commands + "return\nquit\n", Ct, "-tt");
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static Task<Clients.Result> SftpBatchAsync(int port, string user, string password, string batch)
    {
        var sshpass = Clients.Require("sshpass");
        var sftp = Clients.Require("sftp");
        var args = new List<string> { "-p", password, sftp, "-o", "BatchMode=no", "-b", "-" };
        args.AddRange(ScpStyle(port, user));
        return Clients.RunAsync(sshpass, args, batch, TimeSpan.FromSeconds(60), Ct);
    }

    /// <summary>sftp and scp take -P for the port and the same -o options as ssh.</summary>
    private static List<string> ScpStyle(int port, string user)
    {
        var args = Clients.SshArgs(port, user);
        var at = args.IndexOf("-p");
        args[at] = "-P";
        args.RemoveAt(args.Count - 1);
        args.Add(user + "@127.0.0.1");
        return args;
    }

    private static Task<Clients.Result> ScpAsync(int port, string user, string password, bool legacy, string from, string to)
    {
        var sshpass = Clients.Require("sshpass");
        var scp = Clients.Require("scp");
        var args = new List<string> { "-p", password, scp };
        if (legacy)
        {
            args.Add("-O");
        }

        var style = ScpStyle(port, user);
        style.RemoveAt(style.Count - 1);
        args.AddRange(style);
        args.Add(from.Replace("DEV:", user + "@127.0.0.1:", StringComparison.Ordinal));
        args.Add(to.Replace("DEV:", user + "@127.0.0.1:", StringComparison.Ordinal));
        return Clients.RunAsync(sshpass, args, null, TimeSpan.FromSeconds(60), Ct);
    }

    [Fact]
    public async Task OpenSsh_sftp_batch_puts_lists_gets_and_cannot_leave_the_storage()
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("fw");
        var refused = await SftpBatchAsync(port, "admin", "admin", "ls\n");
        Assert.NotEqual(0, refused.ExitCode);

        await EnableAsync(port, "sftp server enable\n");
        var local = Path.Combine(_work, "up.cfg");
        await File.WriteAllTextAsync(local, "#\n sysname UPLOADED\n#\nreturn\n", Ct);
        var result = await SftpBatchAsync(port, "admin", "admin",
            $"put {local} up.cfg\nmkdir backup\nrename up.cfg backup/up.cfg\nls -l backup\nget backup/up.cfg {_work}/down.cfg\n-get ../../../../etc/passwd {_work}/passwd\nls\n");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("up.cfg", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("f1000e-cmw520-r3177.bin", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(local, Ct), await File.ReadAllTextAsync(Path.Combine(_work, "down.cfg"), Ct));
        Assert.False(File.Exists(Path.Combine(_work, "passwd")));

        var dir = await Clients.SshAsync(port, "admin", "admin", "dir backup/", null, Ct);
        Assert.Contains("up.cfg", Clients.Normalize(dir.StdOut), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_level_1_user_reads_but_cannot_write_over_sftp()
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("fw");
        await EnableAsync(port, "sftp server enable\nlocal-user viewer\npassword simple View@12345\nservice-type ssh\nauthorization-attribute level 1\nquit\n");
        var local = Path.Combine(_work, "x.cfg");
        await File.WriteAllTextAsync(local, "x\n", Ct);
        var put = await SftpBatchAsync(port, "viewer", "View@12345", $"put {local} x.cfg\n");
        Assert.NotEqual(0, put.ExitCode);
        Assert.Contains("Permission denied", put.StdErr, StringComparison.Ordinal);
        var get = await SftpBatchAsync(port, "viewer", "View@12345", $"ls\nget f1000e-cmw520-r3177.bin {_work}/img.bin\n");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal(32L << 20, new FileInfo(Path.Combine(_work, "img.bin")).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OpenSsh_scp_round_trips_a_file(bool legacy)
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("v7");
        await EnableAsync(port, legacy ? "scp server enable\n" : "sftp server enable\n");
        var payload = new byte[700_001];
        Random.Shared.NextBytes(payload);
        var local = Path.Combine(_work, "payload.bin");
        await File.WriteAllBytesAsync(local, payload, Ct);
        var up = await ScpAsync(port, "admin", "admin", legacy, local, "DEV:payload.bin");
        Assert.True(up.ExitCode == 0, up.ToString());
        var down = await ScpAsync(port, "admin", "admin", legacy, "DEV:payload.bin", Path.Combine(_work, "back.bin"));
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Equal(payload, await File.ReadAllBytesAsync(Path.Combine(_work, "back.bin"), Ct));
        var missing = await ScpAsync(port, "admin", "admin", legacy, "DEV:../../etc/passwd", Path.Combine(_work, "passwd"));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.False(File.Exists(Path.Combine(_work, "passwd")));
    }

    [Fact]
    public async Task V7_legacy_scp_is_refused_until_scp_server_enable()
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("v7");
        var local = Path.Combine(_work, "a.cfg");
        await File.WriteAllTextAsync(local, "a\n", Ct);
        var refused = await ScpAsync(port, "admin", "admin", legacy: true, local, "DEV:a.cfg");
        Assert.NotEqual(0, refused.ExitCode);
        await EnableAsync(port, "scp server enable\n");
        var accepted = await ScpAsync(port, "admin", "admin", legacy: true, local, "DEV:a.cfg");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
    }

    [Fact]
    public async Task Paramiko_sftp_client_and_python3_scp()
    {
        Clients.RequirePythonModule("paramiko");
        Clients.RequirePythonModule("scp");
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("fw");
        await EnableAsync(port, "sftp server enable\n");
        var result = await Clients.RunAsync(Clients.Python,
            [Clients.Script("paramiko_sftp_scp.py"), port.ToString(CultureInfo.InvariantCulture), "admin", "admin", _work], null, TimeSpan.FromSeconds(120), Ct);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sftp ok", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("scp ok", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SshNet_sftp_and_scp_clients()
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("v7");
        await EnableAsync(port, "sftp server enable\nscp server enable\n");
        var payload = new byte[150_000];
        Random.Shared.NextBytes(payload);

        using (var sftp = new SftpClient("127.0.0.1", port, "admin", "admin"))
        {
            await sftp.ConnectAsync(Ct);
            using (var upload = new MemoryStream(payload))
            {
                sftp.UploadFile(upload, "/sshnet.bin");
            }

            Assert.Contains(sftp.ListDirectory("/"), f => f.Name == "sshnet.bin" && f.Length == payload.Length);
            using var download = new MemoryStream();
            sftp.DownloadFile("/sshnet.bin", download);
            Assert.Equal(payload, download.ToArray());
            Assert.Throws<Renci.SshNet.Common.SftpPathNotFoundException>(() => sftp.ReadAllBytes("/../../../etc/passwd"));
        }

        using var scp = new ScpClient("127.0.0.1", port, "admin", "admin", RemotePathTransformation.ShellQuote);
        await scp.ConnectAsync(Ct);
        using (var upload = new MemoryStream(payload))
        {
            scp.Upload(upload, "scp-sshnet.bin");
        }

        using var back = new MemoryStream();
        scp.Download("scp-sshnet.bin", back);
        Assert.Equal(payload, back.ToArray());
    }

    [Fact]
    public async Task Backup_edit_push_startup_saved_configuration_and_reboot_bring_the_edit_back()
    {
        await using var host = await RunningHost.StartAsync(_dir, Fleet);
        var port = host.Port("fw");
        await EnableAsync(port, "sftp server enable\n");
        var save = await Clients.SshAsync(port, "admin", "admin", "save force", null, Ct);
        Assert.True(save.ExitCode == 0, save.ToString());

        var backup = Path.Combine(_work, "startup.cfg");
        var pulled = await SftpBatchAsync(port, "admin", "admin", $"get startup.cfg {backup}\n");
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        var text = await File.ReadAllTextAsync(backup, Ct);
        Assert.Contains(" sysname H3C", text, StringComparison.Ordinal);
        var edited = Path.Combine(_work, "edited.cfg");
        await File.WriteAllTextAsync(edited, text.Replace(" sysname H3C", " sysname RESTORED-FW", StringComparison.Ordinal), Ct);
        var pushed = await SftpBatchAsync(port, "admin", "admin", $"put {edited} edited.cfg\n");
        Assert.True(pushed.ExitCode == 0, pushed.ToString());

        var chosen = await Clients.SshAsync(port, "admin", "admin", null, "startup saved-configuration edited.cfg\ndisplay startup\nquit\n", Ct, "-tt");
        Assert.Contains("Next main startup saved-configuration file: cfa0:/edited.cfg", Clients.Normalize(chosen.StdOut), StringComparison.Ordinal);

        // The reboot gets a session of its own: output typed ahead of a reboot may be cut by it (the device stops
        // every session, and gives their output only a moment to leave), so nothing to check may precede it.
        var reboot = await Clients.SshAsync(port, "admin", "admin", null, "reboot\nn\ny\n", Ct, "-tt");
        Assert.Contains("reboot", Clients.Normalize(reboot.StdOut), StringComparison.Ordinal);

        Clients.Result after = new(-1, "", "");
        for (var attempt = 0; attempt < 20; attempt++)
        {
            after = await Clients.SshAsync(port, "admin", "admin", "display current-configuration", null, Ct);
            if (after.ExitCode == 0 && after.StdOut.Contains("RESTORED-FW", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(250, Ct);
        }

        Assert.Contains("sysname RESTORED-FW", Clients.Normalize(after.StdOut), StringComparison.Ordinal);
        var startup = await Clients.SshAsync(port, "admin", "admin", "display startup", null, Ct);
        Assert.Contains("Current startup saved-configuration file: cfa0:/edited.cfg", Clients.Normalize(startup.StdOut), StringComparison.Ordinal);
    }
}
