using System.Buffers;
using System.Threading.Channels;
using Emulator.Ssh.Connection;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>
/// The server half of an in-memory packet pair: plain payloads, no crypto, so the userauth and connection layers
/// can be tested alone (Go's mempipe_test.go idea).
/// </summary>
internal sealed class InMemoryPacketConnection : IPacketConnection
{
    private readonly Channel<byte[]> _fromClient;
    private readonly Channel<byte[]> _toClient;
    private uint _sequence = uint.MaxValue;

    public InMemoryPacketConnection(Channel<byte[]> fromClient, Channel<byte[]> toClient, byte[] sessionId)
    {
        _fromClient = fromClient;
        _toClient = toClient;
        SessionId = sessionId;
    }

    public ReadOnlyMemory<byte> SessionId { get; }

    public bool Authenticated { get; private set; }

    public DisconnectReason? DisconnectReason { get; private set; }

    public string? DisconnectDescription { get; private set; }

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        try
        {
            var packet = await _fromClient.Reader.ReadAsync(cancellationToken);
            _sequence++;
            return packet;
        }
        catch (ChannelClosedException)
        {
            throw new SshDisconnectException();
        }
    }

    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // Copy: callers reuse their buffers once the write completes, as with the real transport.
        if (!_toClient.Writer.TryWrite(payload.ToArray()))
        {
            await Task.Yield();
            throw new SshDisconnectException();
        }
    }

    public uint LastReceivedSequenceNumber => _sequence;

    public ValueTask SendUnimplementedAsync(CancellationToken cancellationToken) =>
        WritePacketAsync(new UnimplementedMessage(_sequence).ToPayload(), cancellationToken);

    public void OnAuthenticated() => Authenticated = true;

    /// <summary>No key exchange here, so never a wait.</summary>
    public ValueTask WaitForSendRoomAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken)
    {
        DisconnectReason = reason;
        DisconnectDescription = description;
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new SshWriter(buffer);
        writer.WriteByte(MessageNumbers.Disconnect);
        writer.WriteUInt32((uint)reason);
        writer.WriteString(description);
        writer.WriteString(string.Empty);
        _toClient.Writer.TryWrite(buffer.WrittenSpan.ToArray());
        _toClient.Writer.TryComplete();
        _fromClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _toClient.Writer.TryComplete();
        _fromClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
