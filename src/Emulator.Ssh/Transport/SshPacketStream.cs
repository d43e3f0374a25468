using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Emulator.Ssh.Crypto;

namespace Emulator.Ssh.Transport;

/// <summary>
/// The binary packet protocol (RFC 4253 6) over a duplex pipe: framing, padding, sequence numbers and the
/// current cipher/MAC/compression of each direction. Knows nothing about message meaning or key exchange.
/// Steady state allocates nothing: whole packets are decrypted in place in one reused buffer, and written
/// straight into the pipe's memory.
/// </summary>
internal sealed class SshPacketStream : IAsyncDisposable
{
    /// <summary>Largest packet_length accepted or sent (OpenSSH PACKET_MAX_SIZE); RFC 4253 6.1 requires 35000.</summary>
    public const int MaxPacketLength = 256 * 1024;

    /// <summary>Largest payload a caller may send: room is left for padding, and for zlib's worst-case growth.</summary>
    public const int MaxPayloadLength = MaxPacketLength - 1024;

    /// <summary>
    /// Bytes from the start of a corrupt packet that a framing-hiding cipher (CBC + encrypt-and-MAC) swallows before it
    /// fails: more than any valid packet with its MAC, so a forged length is answered after the same byte count whatever
    /// it decrypts to (OpenSSH packet.c ssh_packet_start_discard reads on to PACKET_MAX_SIZE likewise).
    /// </summary>
    public const int DiscardLength = MaxPacketLength + 4 + 64;

    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private IPacketCipher _readCipher = NoneCipher.Instance;
    private ZlibDecompressor? _decompressor;
    private bool _readCompressionActive;
    // Rented while a packet is assembled or its payload is in the caller's hands, returned while the connection waits
    // for its next packet: ten thousand idle sessions then hold no read buffers (the payload contract, "valid until
    // the next call", is what lets the next call give it back).
    private byte[] _readBuffer = [];
    private long _pendingLength = -1;

    /// <summary>Bytes still to swallow after a hidden framing or MAC error; -1 when reading normally.</summary>
    private long _discardRemaining = -1;

    private IPacketCipher _writeCipher = NoneCipher.Instance;
    private ZlibCompressor? _compressor;
    private bool _writeCompressionActive;

    public SshPacketStream(IDuplexPipe pipe)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        _input = pipe.Input;
        _output = pipe.Output;
    }

    /// <summary>Sequence number of the next packet to read; after a read, the read packet's number is this minus one.</summary>
    public uint ReadSequence { get; private set; }

    public uint WriteSequence { get; private set; }

    /// <summary>Bytes received since the last read-key change (drives rekeying).</summary>
    public long BytesReadSinceKeys { get; private set; }

    /// <summary>Bytes sent since the last write-key change.</summary>
    public long BytesWrittenSinceKeys { get; private set; }

    /// <summary>Reads the next packet's payload. The memory stays valid until the next call.</summary>
    /// <exception cref="SshDisconnectException">The connection ended (also when the peer closed it between packets).</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        var payload = await ReadOrEndAsync(cancellationToken);
        return payload.IsEmpty ? throw ClosedByPeer() : payload;
    }

    /// <summary>
    /// Like <see cref="ReadAsync"/>, except that the peer closing the connection between packets, the usual end of a
    /// session, returns an empty payload instead of throwing (an exception per connection is a measurable cost).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<ReadOnlyMemory<byte>> ReadOrEndAsync(CancellationToken cancellationToken)
    {
        ReturnIdleReadBuffer();
        while (true)
        {
            var result = await _input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (_discardRemaining >= 0)
            {
                Discard(buffer);
            }
            else
            {
                int packetBytes;
                try
                {
                    packetBytes = TryCopyPacket(buffer);
                }
                catch
                {
                    _input.AdvanceTo(buffer.Start);
                    throw;
                }

                if (packetBytes > 0)
                {
                    _input.AdvanceTo(buffer.GetPosition(packetBytes));
                    if (TryOpenPacket(packetBytes) is { } payload)
                    {
                        return payload;
                    }

                    continue;
                }

                if (_discardRemaining >= 0)
                {
                    // A hidden framing error: swallow from this packet's start on the next turn.
                    _input.AdvanceTo(buffer.Start);
                    continue;
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCanceled)
            {
                throw new SshDisconnectException(DisconnectReason.ConnectionLost, "connection closed locally");
            }

            if (result.IsCompleted)
            {
                if (buffer.IsEmpty)
                {
                    return ReadOnlyMemory<byte>.Empty;
                }

                throw new SshDisconnectException(DisconnectReason.ConnectionLost, "connection closed in the middle of a packet");
            }
        }
    }

    /// <summary>Copies one complete wire packet into the read buffer; returns its size, or 0 when more bytes are needed.</summary>
    private int TryCopyPacket(ReadOnlySequence<byte> buffer)
    {
        var cipher = _readCipher;
        if (_pendingLength < 0)
        {
            if (buffer.Length < cipher.LengthFieldBytes)
            {
                return 0;
            }

            Span<byte> head = stackalloc byte[cipher.LengthFieldBytes];
            buffer.Slice(0, head.Length).CopyTo(head);
            var length = cipher.DecryptLength(ReadSequence, head);
            var aligned = cipher.AlignIncludesLength ? length + 4 : length;
            if (length < 5 || length > MaxPacketLength || aligned % (uint)cipher.BlockSize != 0)
            {
                if (cipher.HidesFramingErrors)
                {
                    // Neither an early answer nor the length in our text: both would tell a forger what it decrypted to.
                    _discardRemaining = DiscardLength;
                    return 0;
                }

                throw new SshDisconnectException(DisconnectReason.ProtocolError, length < 5 || length > MaxPacketLength
                    ? $"bad packet length {length}"
                    : $"packet length {length} is not a multiple of the cipher block size");
            }

            _pendingLength = length;
        }

        var total = 4 + (int)_pendingLength + cipher.TagLength;
        if (buffer.Length < total)
        {
            return 0;
        }

        if (_readBuffer.Length < total)
        {
            ReturnReadBuffer();
            _readBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(total, MinimumReadBuffer));
        }

        buffer.Slice(0, total).CopyTo(_readBuffer);
        _pendingLength = -1;
        return total;
    }

    private const int MinimumReadBuffer = 8192;

    /// <summary>Whether a read buffer is rented now (tests: none while waiting between packets).</summary>
    internal bool HoldsReadBuffer => _readBuffer.Length > 0;

    /// <summary>Between packets (no partial packet's state in it) the read buffer goes back to the pool.</summary>
    private void ReturnIdleReadBuffer()
    {
        if (_pendingLength < 0)
        {
            ReturnReadBuffer();
        }
    }

    private void ReturnReadBuffer()
    {
        if (_readBuffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_readBuffer);
            _readBuffer = [];
        }
    }

    /// <summary>Swallows input after a hidden error; fails like a bad MAC once <see cref="DiscardLength"/> bytes are gone.</summary>
    private void Discard(ReadOnlySequence<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _discardRemaining);
        _input.AdvanceTo(buffer.GetPosition(count), buffer.End);
        _discardRemaining -= count;
        if (_discardRemaining == 0)
        {
            throw CorruptPacket();
        }
    }

    private static SshDisconnectException CorruptPacket() =>
        new(DisconnectReason.MacError, "message authentication code incorrect");

    /// <summary>The payload of a complete packet, or null when a hidden MAC error starts discarding instead.</summary>
    private ReadOnlyMemory<byte>? TryOpenPacket(int total)
    {
        if (!_readCipher.HidesFramingErrors)
        {
            return OpenPacket(total);
        }

        try
        {
            return OpenPacket(total);
        }
        catch (SshDisconnectException e) when (e.Reason == DisconnectReason.MacError)
        {
            // The length may have been forged: answer after the same byte count as for a bad length.
            _discardRemaining = DiscardLength - total;
            if (_discardRemaining <= 0)
            {
                throw;
            }

            return null;
        }
    }

    private ReadOnlyMemory<byte> OpenPacket(int total)
    {
        var packet = _readBuffer.AsSpan(0, total);
        _readCipher.Open(ReadSequence, packet);
        ReadSequence++;
        BytesReadSinceKeys += total;
        var length = BinaryPrimitives.ReadUInt32BigEndian(packet);
        var padding = packet[4];
        var payloadLength = (int)length - 1 - padding;
        if (padding < 4 || payloadLength < 1)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, $"bad padding length {padding}");
        }

        var payload = _readBuffer.AsMemory(5, payloadLength);
        if (!_readCompressionActive)
        {
            return payload;
        }

        // A compressed packet may inflate to nothing (a bare sync flush); a message needs at least its number.
        var inflated = _decompressor!.Decompress(payload.Span);
        return inflated.IsEmpty
            ? throw new SshDisconnectException(DisconnectReason.ProtocolError, "compressed packet holds no message")
            : inflated;
    }

    /// <summary>Frames, protects and sends one payload, then flushes. Safe for concurrent callers.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        WriteAsync(payload, flush: true, cancellationToken);

    /// <summary>
    /// Frames and protects one payload; with <paramref name="flush"/> false it stays in the pipe until the next
    /// flushing write, so packets that always travel together (a key exchange reply and NEWKEYS, exit-status, EOF and
    /// CLOSE) leave in one TCP write. Only for a packet another write is certain to follow at once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> payload, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            Frame(payload.Span);
            if (flush)
            {
                await FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Sends <paramref name="newKeys"/> (SSH_MSG_NEWKEYS) with the old keys, then switches the write direction to the new ones.</summary>
    /// <param name="compress">Whether zlib is negotiated for this direction; a rekey that keeps it keeps the running stream.</param>
    /// <param name="compressNow">Start compressing now ("zlib"), or only at <see cref="ActivateDelayedCompressionAsync"/>.</param>
    /// <param name="flush">False when another packet (EXT_INFO) follows at once under the new keys.</param>
    public async ValueTask WriteNewKeysAsync(ReadOnlyMemory<byte> newKeys, IPacketCipher cipher, bool compress, bool compressNow, bool resetSequence, bool flush, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            Frame(newKeys.Span);
            _writeCipher.Dispose();
            _writeCipher = cipher;
            if (!compress)
            {
                _compressor?.Dispose();
                _compressor = null;
                _writeCompressionActive = false;
            }
            else
            {
                _compressor ??= new ZlibCompressor();
                _writeCompressionActive |= compressNow;
            }

            BytesWrittenSinceKeys = 0;
            if (resetSequence)
            {
                WriteSequence = 0;
            }

            if (flush)
            {
                await FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Switches the read direction after SSH_MSG_NEWKEYS was received. A rekey that negotiates
    /// compression again keeps the existing zlib stream (one stream per direction for the connection).</summary>
    public void SetReadKeys(IPacketCipher cipher, bool decompress, bool decompressNow, bool resetSequence)
    {
        _readCipher.Dispose();
        _readCipher = cipher;
        if (!decompress)
        {
            _decompressor?.Dispose();
            _decompressor = null;
            _readCompressionActive = false;
        }
        else
        {
            _decompressor ??= new ZlibDecompressor(MaxPacketLength);
            _readCompressionActive |= decompressNow;
        }

        BytesReadSinceKeys = 0;
        if (resetSequence)
        {
            ReadSequence = 0;
        }
    }

    /// <summary>Starts delayed (zlib@openssh.com) compression in both directions, if negotiated. Call between packets:
    /// after the last uncompressed packet (USERAUTH_SUCCESS) was written and before the next read.</summary>
    public void ActivateDelayedCompression()
    {
        Volatile.Write(ref _writeCompressionActive, _writeCompressionActive | _compressor is not null);
        Volatile.Write(ref _readCompressionActive, _readCompressionActive | _decompressor is not null);
    }

    /// <summary>Raw bytes outside the packet protocol (the identification line, a "Protocol mismatch." text).</summary>
    public async ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken, bool flush = true)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _output.Write(bytes.Span);
            if (flush)
            {
                await FlushAsync(cancellationToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Wakes a pending <see cref="ReadAsync"/>, which then reports the connection as closed.</summary>
    public void CancelPendingRead() => _input.CancelPendingRead();

    /// <summary>Ends the sending side (the peer sees end of stream) without touching a pending read.</summary>
    public ValueTask CompleteOutputAsync() => _output.CompleteAsync();

    internal PipeReader Input => _input;

    private void Frame(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds {MaxPayloadLength}", nameof(payload));
        }

        if (_writeCompressionActive)
        {
            payload = _compressor!.Compress(payload).Span;
        }

        var cipher = _writeCipher;
        var blockSize = cipher.BlockSize;
        var aligned = (cipher.AlignIncludesLength ? 5 : 1) + payload.Length;
        var padding = blockSize - (aligned % blockSize);
        if (padding < 4)
        {
            padding += blockSize;
        }

        var packetLength = 1 + payload.Length + padding;
        var total = 4 + packetLength + cipher.TagLength;
        var span = _output.GetSpan(total)[..total];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)packetLength);
        span[4] = (byte)padding;
        payload.CopyTo(span[5..]);
        BatchedRandom.Fill(span.Slice(5 + payload.Length, padding));
        cipher.Seal(WriteSequence, span);
        _output.Advance(total);
        WriteSequence++;
        BytesWrittenSinceKeys += total;
    }

    /// <summary>
    /// Releases what each direction's cipher can rebuild, if no packet used it since the previous call. The fields may
    /// be swapped by a key exchange meanwhile: a cipher already replaced is disposed, and its release does nothing.
    /// </summary>
    public int ReleaseIdleCipherState() =>
        (Volatile.Read(ref _readCipher).ReleaseIfIdle() ? 1 : 0) + (Volatile.Read(ref _writeCipher).ReleaseIfIdle() ? 1 : 0);

    /// <summary>What <see cref="ReadAsync"/> throws when the peer closed the connection between packets.</summary>
    public static SshDisconnectException ClosedByPeer() =>
        new(DisconnectReason.ConnectionLost, "connection closed by peer") { ByPeer = true };

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await _output.FlushAsync(cancellationToken);
        if (result.IsCompleted)
        {
            throw ClosedByPeer();
        }
    }

    /// <summary>Completes both pipe ends so the connection's owner sees the close.</summary>
    public async ValueTask DisposeAsync()
    {
        await _output.CompleteAsync();
        await _input.CompleteAsync();
        _readCipher.Dispose();
        _writeCipher.Dispose();
        _compressor?.Dispose();
        _decompressor?.Dispose();
        ReturnReadBuffer();
        _writeLock.Dispose();
    }
}
