using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Testcontainers.Tests;

/// <summary>The module's pieces that need no Docker: greeting reader, known_hosts lines, configuration merging.</summary>
public sealed class ModuleUnitTests
{
    [Theory]
    [InlineData("SSH-1.99-Comware-5.20\r\n", "SSH-1.99-Comware-5.20")]
    [InlineData("SSH-2.0-Comware-7.1.064\n", "SSH-2.0-Comware-7.1.064")]
    [InlineData("Welcome to the lab\r\nauthorized use only\r\nSSH-2.0-Comware-7.1.064\r\n", "SSH-2.0-Comware-7.1.064")]
    public async Task Greeting_reader_returns_the_identification_line(string sent, string expected)
    {
        // One byte per read: the line must be found however TCP splits it.
        await using var stream = new TrickleStream(Encoding.ASCII.GetBytes(sent));
        var line = await SshGreeting.ReadLineStartingWithSshAsync(stream, TestContext.Current.CancellationToken);
        Assert.Equal(expected, line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\n")]
    [InlineData("SSH-2.0-no-line-end")]
    public async Task Greeting_reader_returns_null_without_a_complete_ssh_line(string sent)
    {
        await using var stream = new MemoryStream(Encoding.ASCII.GetBytes(sent));
        Assert.Null(await SshGreeting.ReadLineStartingWithSshAsync(stream, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Greeting_reader_gives_up_on_an_endless_line()
    {
        await using var stream = new MemoryStream(Encoding.ASCII.GetBytes(new string('x', 20_000) + "\r\nSSH-2.0-late\r\n"));
        Assert.Null(await SshGreeting.ReadLineStartingWithSshAsync(stream, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TryRead_reads_a_real_server_and_treats_an_accept_then_close_as_not_ready()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        // First connection: what docker-proxy does before the container listens (accept, then close).
        var server = Task.Run(async () =>
        {
            using (var closer = await listener.AcceptTcpClientAsync(ct))
            {
            }

            using var greeter = await listener.AcceptTcpClientAsync(ct);
            await greeter.GetStream().WriteAsync("SSH-1.99-Comware-5.20\r\n"u8.ToArray(), ct);
            await Task.Delay(200, ct);
        }, ct);

        Assert.Null(await SshGreeting.TryReadAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), ct));
        Assert.Equal("SSH-1.99-Comware-5.20", await SshGreeting.TryReadAsync("127.0.0.1", port, TimeSpan.FromSeconds(5), ct));
        await server;
    }

    [Fact]
    public async Task TryRead_times_out_on_a_silent_server()
    {
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accept = listener.AcceptTcpClientAsync(ct).AsTask();

        Assert.Null(await SshGreeting.TryReadAsync("127.0.0.1", port, TimeSpan.FromMilliseconds(300), ct));
        (await accept).Dispose();
    }

    // Made with ssh-keygen -t ed25519; ssh-keygen -lf printed the fingerprint.
    private const string Ed25519Blob = "AAAAC3NzaC1lZDI1NTE5AAAAIJLG6byzpUFntypdhVlsrvyKfhUWB+1JpO0Rczp7pCmU";
    private const string Ed25519Fingerprint = "SHA256:hX2t80bAs7S1lTjkgQeo4XjGlzoS08DL8TrXTDXP1K0";

    [Fact]
    public void Host_key_fingerprint_matches_ssh_keygen()
    {
        Assert.Equal(Ed25519Fingerprint, new SecPathHostKey("ssh-ed25519", Ed25519Blob).Fingerprint);
    }

    [Fact]
    public void Known_hosts_lines_bracket_non_standard_ports()
    {
        SecPathHostKey[] keys = [new("ssh-ed25519", Ed25519Blob), new("ssh-ed25519", "AAAA")];
        Assert.Equal($"[127.0.0.1]:32768 ssh-ed25519 {Ed25519Blob}\n[127.0.0.1]:32768 ssh-ed25519 AAAA\n",
            SecPathKnownHosts.Format("127.0.0.1", 32768, keys));
        Assert.Equal($"fw1 ssh-ed25519 {Ed25519Blob}\n", SecPathKnownHosts.Format("fw1", 22, keys[..1]));
    }

    [Fact]
    public void Known_hosts_text_of_the_control_api_parses_per_device()
    {
        var parsed = SecPathKnownHosts.Parse($"[0.0.0.0]:2222 ssh-ed25519 {Ed25519Blob} # fw1\n\n[0.0.0.0]:2223 ssh-rsa AAAA # fw2\n");

        Assert.Equal(2, parsed.Count);
        Assert.Equal(("fw1", new SecPathHostKey("ssh-ed25519", Ed25519Blob)), parsed[0]);
        Assert.Equal(Ed25519Fingerprint, parsed[0].Key.Fingerprint);
        Assert.Equal("fw2", parsed[1].Device);
        Assert.Throws<FormatException>(() => SecPathKnownHosts.Parse("garbage\n"));
    }

    [Fact]
    public void Configuration_merge_keeps_earlier_values_and_replaces_users_by_name()
    {
        var defaults = new SecPathConfiguration(profile: "F1000-E", deviceName: "fw1", users: [new SecPathUser("admin", "admin")]);
        var changed = new SecPathConfiguration(defaults, new SecPathConfiguration(users: [new SecPathUser("admin", "secret")]));
        changed = new SecPathConfiguration(changed, new SecPathConfiguration(users: [new SecPathUser("ops", "ops-pw", SecPathUser.NetworkOperator)]));
        changed = new SecPathConfiguration(changed, new SecPathConfiguration(profile: "U200-S"));

        Assert.Equal("U200-S", changed.Profile);
        Assert.Equal("fw1", changed.DeviceName);
        Assert.Equal([new SecPathUser("admin", "secret"), new SecPathUser("ops", "ops-pw", SecPathUser.NetworkOperator)], changed.Users);
        Assert.Equal("F1000-E", defaults.Profile);
        Assert.Equal([new SecPathUser("admin", "admin")], defaults.Users);
    }

    [Fact]
    public void User_to_string_hides_the_password()
    {
        Assert.DoesNotContain("hunter2", new SecPathUser("admin", "hunter2").ToString(), StringComparison.Ordinal);
    }

    /// <summary>Returns at most one byte per read.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
