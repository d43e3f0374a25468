using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>The bare client side of version exchange plus an unencrypted packet stream, for hand-built (malformed) key exchanges.</summary>
internal sealed class RawClient
{
    private RawClient(SshPacketStream packets, string serverIdentification)
    {
        Packets = packets;
        ServerIdentification = serverIdentification;
    }

    public SshPacketStream Packets { get; }

    public string ServerIdentification { get; }

    public static async Task<RawClient> ConnectAsync(IDuplexPipe pipe, CancellationToken cancellationToken, string identification = "SSH-2.0-RawTestClient")
    {
        var packets = new SshPacketStream(pipe);
        await packets.WriteRawAsync(Encoding.ASCII.GetBytes(identification + "\r\n"), cancellationToken);
        var server = await VersionExchange.ReadAsync(pipe.Input, cancellationToken);
        return new RawClient(packets, server);
    }
}
