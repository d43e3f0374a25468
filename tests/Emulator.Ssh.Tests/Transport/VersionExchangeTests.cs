using System.Text;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.Transport;

public class VersionExchangeTests
{
    private static async Task<(SshDisconnectException? Error, string ServerSaid)> AcceptWithClientBytesAsync(string clientBytes, bool close = false)
    {
        var ct = TestContext.Current.CancellationToken;
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var server = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), ct);
        await clientPipe.Output.WriteAsync(Encoding.Latin1.GetBytes(clientBytes), ct);
        if (close)
        {
            await clientPipe.Output.CompleteAsync();
        }

        // Read what the server says; once its KEXINIT has begun to arrive, close our side to end the handshake.
        var said = new StringBuilder();
        var closed = close;
        while (true)
        {
            var result = await clientPipe.Input.ReadAsync(ct);
            foreach (var segment in result.Buffer)
            {
                said.Append(Encoding.Latin1.GetString(segment.Span));
            }

            clientPipe.Input.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }

            if (!closed && said.Length >= Identification.Length + 6)
            {
                closed = true;
                await clientPipe.Output.CompleteAsync();
            }
        }

        try
        {
            await (await server).DisposeAsync();
            return (null, said.ToString());
        }
        catch (SshDisconnectException e)
        {
            return (e, said.ToString());
        }
    }

    private const string Identification = "SSH-2.0-Comware-7.1.064\r\n";

    [Theory]
    [InlineData("SSH-1.5-OldClient\r\n")]
    [InlineData("SSH-3.0-Future\r\n")]
    [InlineData("SSH-2.0-\r\n")]
    [InlineData("SSH-2.0-bad\u0001char\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: x\r\n\0\r\n")]
    public async Task Bad_identification_gets_protocol_mismatch(string line)
    {
        var (error, said) = await AcceptWithClientBytesAsync(line);
        Assert.NotNull(error);
        Assert.Equal(DisconnectReason.ProtocolVersionNotSupported, error.Reason);
        Assert.StartsWith("Protocol mismatch.", error.Message, StringComparison.Ordinal);
        Assert.Equal("SSH-2.0-Comware-7.1.064\r\nProtocol mismatch.\r\n", said);
    }

    [Fact]
    public async Task Overlong_line_is_rejected_without_waiting_for_its_end()
    {
        var (error, said) = await AcceptWithClientBytesAsync("SSH-2.0-" + new string('x', 300));
        Assert.Equal(DisconnectReason.ProtocolVersionNotSupported, error!.Reason);
        Assert.EndsWith("Protocol mismatch.\r\n", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_lines_before_the_version_are_rejected()
    {
        var (error, _) = await AcceptWithClientBytesAsync(string.Concat(Enumerable.Repeat("banner line\r\n", 40)));
        Assert.Equal(DisconnectReason.ProtocolVersionNotSupported, error!.Reason);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")]
    [InlineData("SSH-2.0-paramiko_2.12.0\n")]
    [InlineData("SSH-1.99-Comware-5.20\r\n")]
    [InlineData("a pre-version line\r\nanother one\nSSH-2.0-Client\r\n")]
    public async Task Acceptable_identifications_lead_to_kexinit(string lines)
    {
        var (error, said) = await AcceptWithClientBytesAsync(lines);
        // The test closes the pipe after the server's KEXINIT, so the handshake ends with "connection closed".
        Assert.Equal(DisconnectReason.ConnectionLost, error!.Reason);
        Assert.StartsWith("SSH-2.0-Comware-7.1.064\r\n", said, StringComparison.Ordinal);
        Assert.Equal(20, said["SSH-2.0-Comware-7.1.064\r\n".Length + 5]);
    }

    [Fact]
    public async Task Client_that_closes_early_is_connection_lost()
    {
        var (error, _) = await AcceptWithClientBytesAsync("SSH-2.0", close: true);
        Assert.Equal(DisconnectReason.ConnectionLost, error!.Reason);
    }

    [Fact]
    public async Task Server_sends_the_configured_identification()
    {
        var settings = TransportHarness.Settings() with { IdentificationString = "SSH-1.99-Comware-5.20" };
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions(), settings);
        Assert.Equal("SSH-1.99-Comware-5.20", harness.Client.ServerIdentification);
        Assert.Equal("SSH-2.0-EmulatorTestClient_1.0", harness.Server.ClientIdentification);
    }
}
