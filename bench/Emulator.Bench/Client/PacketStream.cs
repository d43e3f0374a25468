using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Bench.Client;

/// <summary>
/// SSH binary packets over one socket (RFC 4253 section 6). Outgoing packets are queued and sent in one write
/// by <see cref="FlushAsync"/>, so a client step that sends several messages costs one system call.
/// A received payload is valid until the next read.
/// </summary>
internal sealed class PacketStream : IDisposable
{
    private const int MaxPacketLength = 256 * 1024;

    private readonly Socket _socket;
    private byte[] _rx = new byte[16 * 1024];
    private int _rxStart;
    private int _rxEnd;
    private byte[] _tx = new byte[4 * 1024];
    private int _txLength;
    private IPacketCipher _sendCipher = PlainCipher.Instance;
    private IPacketCipher _receiveCipher = PlainCipher.Instance;

    public PacketStream(Socket socket) => _socket = socket;

    public uint SendSequence { get; private set; }

    public uint ReceiveSequence { get; private set; }

    public long BytesReceived { get; private set; }

    public void SetSendCipher(IPacketCipher cipher)
    {
        if (!ReferenceEquals(_sendCipher, PlainCipher.Instance))
        {
            _sendCipher.Dispose();
        }

        _sendCipher = cipher;
    }

    public void SetReceiveCipher(IPacketCipher cipher)
    {
        if (!ReferenceEquals(_receiveCipher, PlainCipher.Instance))
        {
            _receiveCipher.Dispose();
        }

        _receiveCipher = cipher;
    }

    /// <summary>Queues raw bytes (the identification line).</summary>
    public void QueueRaw(ReadOnlySpan<byte> bytes)
    {
        EnsureTx(bytes.Length);
        bytes.CopyTo(_tx.AsSpan(_txLength));
        _txLength += bytes.Length;
    }

    /// <summary>Frames, pads and seals one payload into the send queue.</summary>
    public void Queue(ReadOnlySpan<byte> payload)
    {
        var cipher = _sendCipher;
        int block = cipher.BlockSize;
        int unpadded = 1 + payload.Length + (cipher.AlignsLengthField ? 4 : 0);
        int padding = block - (unpadded % block);
        if (padding < 4)
        {
            padding += block;
        }

        int packetLength = 1 + payload.Length + padding;
        int total = 4 + packetLength + cipher.TagSize;
        EnsureTx(total);
        var packet = _tx.AsSpan(_txLength, 4 + packetLength);
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)packetLength);
        packet[4] = (byte)padding;
        payload.CopyTo(packet[5..]);
        // Padding content is not checked by peers; inside an AEAD it is encrypted anyway.
        packet[(5 + payload.Length)..].Clear();
        cipher.Seal(packet, _tx.AsSpan(_txLength + 4 + packetLength, cipher.TagSize));
        _txLength += total;
        SendSequence++;
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        int offset = 0;
        while (offset < _txLength)
        {
            int sent = await _socket.SendAsync(_tx.AsMemory(offset, _txLength - offset), SocketFlags.None, cancellationToken);
            if (sent <= 0)
            {
                throw new SshClientException("connection closed while sending");
            }

            offset += sent;
        }

        _txLength = 0;
    }

    /// <summary>Reads lines until the server's identification line (RFC 4253 section 4.2 allows other lines before it).</summary>
    public async ValueTask<string> ReadIdentificationAsync(CancellationToken cancellationToken)
    {
        for (int lines = 0; lines < 50; lines++)
        {
            int newline;
            while ((newline = _rx.AsSpan(_rxStart, _rxEnd - _rxStart).IndexOf((byte)'\n')) < 0)
            {
                if (_rxEnd - _rxStart > 8192)
                {
                    throw new SshClientException("no identification line from server");
                }

                await FillAsync(_rxEnd - _rxStart + 1, cancellationToken);
            }

            var line = _rx.AsSpan(_rxStart, newline);
            _rxStart += newline + 1;
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.StartsWith("SSH-"u8))
            {
                return Encoding.ASCII.GetString(line);
            }
        }

        throw new SshClientException("no identification line from server");
    }

    /// <summary>Next payload (byte 0 is the message number), valid until the next call.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var cipher = _receiveCipher;
        if (_rxEnd - _rxStart < 4)
        {
            await FillAsync(4, cancellationToken);
        }

        uint packetLength = BinaryPrimitives.ReadUInt32BigEndian(_rx.AsSpan(_rxStart));
        if (packetLength < 5 || packetLength > MaxPacketLength)
        {
            throw new SshClientException($"bad packet length {packetLength} from server");
        }

        int total = 4 + (int)packetLength + cipher.TagSize;
        if (_rxEnd - _rxStart < total)
        {
            await FillAsync(total, cancellationToken);
        }

        var packet = _rx.AsSpan(_rxStart, 4 + (int)packetLength);
        cipher.Open(packet, _rx.AsSpan(_rxStart + 4 + (int)packetLength, cipher.TagSize));
        int padding = packet[4];
        if (padding + 1 > packetLength)
        {
            throw new SshClientException("bad padding length from server");
        }

        var payload = _rx.AsMemory(_rxStart + 5, (int)packetLength - 1 - padding);
        _rxStart += total;
        ReceiveSequence++;
        return payload;
    }

    /// <summary>Makes at least <paramref name="needed"/> unread bytes available.</summary>
    private async ValueTask FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (_rxStart + needed > _rx.Length)
        {
            // Compacting is safe: the caller has finished with the previous payload when it asks for the next one.
            int unread = _rxEnd - _rxStart;
            if (needed > _rx.Length)
            {
                var bigger = new byte[Math.Max(needed, _rx.Length * 2)];
                _rx.AsSpan(_rxStart, unread).CopyTo(bigger);
                _rx = bigger;
            }
            else
            {
                _rx.AsSpan(_rxStart, unread).CopyTo(_rx);
            }

            _rxStart = 0;
            _rxEnd = unread;
        }

        while (_rxEnd - _rxStart < needed)
        {
            int read = await _socket.ReceiveAsync(_rx.AsMemory(_rxEnd), SocketFlags.None, cancellationToken);
            if (read <= 0)
            {
                throw new SshClientException("connection closed by server");
            }

            _rxEnd += read;
            BytesReceived += read;
        }
    }

    private void EnsureTx(int extra)
    {
        if (_txLength + extra > _tx.Length)
        {
            Array.Resize(ref _tx, Math.Max(_tx.Length * 2, _txLength + extra));
        }
    }

    public void Dispose()
    {
        SetSendCipher(PlainCipher.Instance);
        SetReceiveCipher(PlainCipher.Instance);
    }
}
