using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>The client half of the in-memory pair: sends raw payloads, reads the server's, with helpers for common messages.</summary>
internal sealed class TestPeer
{
    private readonly Channel<byte[]> _toServer;
    private readonly Channel<byte[]> _fromServer;

    public TestPeer(Channel<byte[]> toServer, Channel<byte[]> fromServer, byte[] sessionId)
    {
        _toServer = toServer;
        _fromServer = fromServer;
        SessionId = sessionId;
    }

    public byte[] SessionId { get; }

    public void Send(byte[] payload) => _toServer.Writer.TryWrite(payload);

    public void Send(Action<Builder> build)
    {
        var builder = new Builder();
        build(builder);
        Send(builder.ToArray());
    }

    /// <summary>Next server payload, or null once the server has closed.</summary>
    /// <summary>The next packet, or null when the server stays silent for <paramref name="wait"/> (or has closed).</summary>
    public async Task<byte[]?> ReceiveOrNullAsync(TimeSpan wait)
    {
        try
        {
            return await ReceiveAsync(wait);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task<byte[]?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _fromServer.Reader.ReadAsync(cts.Token);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    /// <summary>Next payload; asserts its message number.</summary>
    public async Task<byte[]> ExpectAsync(byte number)
    {
        var packet = await ReceiveAsync() ?? throw new InvalidOperationException($"closed while expecting message {number}");
        Assert.True(packet[0] == number, $"expected message {number}, got {packet[0]} ({Describe(packet)})");
        return packet;
    }

    /// <summary>Reads until the server's DISCONNECT and returns its reason code; fails on a close without one.</summary>
    public async Task<uint> ExpectDisconnectAsync()
    {
        while (await ReceiveAsync() is { } packet)
        {
            if (packet[0] == MessageNumbers.Disconnect)
            {
                var reader = new SshReader(packet);
                reader.ReadByte();
                return reader.ReadUInt32();
            }
        }

        throw new InvalidOperationException("closed without DISCONNECT");
    }

    public void Close() => _toServer.Writer.TryComplete();

    public static string Describe(byte[] packet)
    {
        if (packet[0] == MessageNumbers.Disconnect)
        {
            var reader = new SshReader(packet);
            reader.ReadByte();
            var reason = reader.ReadUInt32();
            return $"DISCONNECT {reason} {reader.ReadUtf8String()}";
        }

        return $"{packet.Length} bytes";
    }

    /// <summary>Builds a payload field by field (SshWriter is a ref struct and cannot be captured).</summary>
    public sealed class Builder
    {
        private readonly ArrayBufferWriter<byte> _buffer = new();

        public Builder Byte(byte value)
        {
            new SshWriter(_buffer).WriteByte(value);
            return this;
        }

        public Builder Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

        public Builder UInt32(uint value)
        {
            new SshWriter(_buffer).WriteUInt32(value);
            return this;
        }

        public Builder String(string value) => String(Encoding.UTF8.GetBytes(value));

        public Builder String(ReadOnlySpan<byte> value)
        {
            new SshWriter(_buffer).WriteString(value);
            return this;
        }

        public Builder Raw(ReadOnlySpan<byte> value)
        {
            _buffer.Write(value);
            return this;
        }

        public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
    }
}
