using System.Globalization;
using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Interop;

/// <summary>paramiko (Debian's python3) against our server, through Interop/scripts/paramiko_client.py.</summary>
public class ParamikoInteropTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(int port, params string[] arguments)
    {
        var python = await ExternalClients.RequirePythonModuleAsync("paramiko");
        var script = Path.Combine(AppContext.BaseDirectory, "Interop", "scripts", "paramiko_client.py");
        return await ExternalTool.RunAsync(python, [script, port.ToString(CultureInfo.InvariantCulture), .. arguments],
            TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Exec_with_password()
    {
        await using var server = new TestSshServer();
        var (exitCode, output, error) = await RunAsync(server.Port, "admin", "--password", "secret", "exec", "echo", "from", "paramiko");
        Assert.True(exitCode == 0, error);
        Assert.Equal("from paramiko\n", output);

        (exitCode, _, error) = await RunAsync(server.Port, "admin", "--password", "secret", "exec", "stderr", "oops");
        Assert.Equal(1, exitCode);
        Assert.Equal("oops\n", error);
    }

    [Fact]
    public async Task Large_output()
    {
        await using var server = new TestSshServer();
        var (exitCode, output, error) = await RunAsync(server.Port, "admin", "--password", "secret", "exec", "bytes", "2000000");
        Assert.True(exitCode == 0, error);
        Assert.Equal(2000000, output.Length);
    }

    [Fact]
    public async Task Interactive_shell()
    {
        await using var server = new TestSshServer();
        var (exitCode, output, error) = await RunAsync(server.Port, "admin", "--password", "secret", "shell", "display version", "display clock");
        Assert.True(exitCode == 0, error);
        Assert.Equal("welcome\r\n$ > display version\r\n$ > display clock\r\n$ bye\r\n", output);
        Assert.Equal("vt100", server.Handler.Sessions.Single().Terminal?.TermType);
    }

    [Fact]
    public async Task Keyboard_interactive_fallback_and_public_key()
    {
        // paramiko falls back to keyboard-interactive when the server does not offer "password".
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            AuthenticationFailureDelay = o.AuthenticationFailureDelay,
            AuthenticationMethods = ["publickey", "keyboard-interactive"],
        });
        server.Users.SetPolicy("admin", new AuthenticationPolicy(["keyboard-interactive"], []));
        var (exitCode, output, error) = await RunAsync(server.Port, "admin", "--password", "secret", "exec", "echo", "kbd");
        Assert.True(exitCode == 0, error);
        Assert.Equal("kbd\n", output);

        using var key = SshHostKey.Generate("ssh-ed25519", seed: [5]);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, key.ExportOpenSshPrivateKey(), TestContext.Current.CancellationToken);
            server.Users.SetPolicy("admin", new AuthenticationPolicy(["publickey"], [])).AddKey("admin", key.PublicKeyBlob.ToArray());
            (exitCode, output, error) = await RunAsync(server.Port, "admin", "--key", file, "exec", "whoami");
            Assert.True(exitCode == 0, error);
            Assert.Equal("admin\n", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
