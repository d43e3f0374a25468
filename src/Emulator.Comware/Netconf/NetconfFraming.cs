using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Emulator.Comware.Netconf;

/// <summary>How messages are delimited on the stream (RFC 6242 section 4).</summary>
public enum NetconfFramingMode
{
    /// <summary>base:1.0 and the hello exchange: each message ends with <c>]]&gt;]]&gt;</c> (section 4.3).</summary>
    EndOfMessage,

    /// <summary>base:1.1 after both peers announced it: <c>\n#LEN\n</c> chunks, ended by <c>\n##\n</c> (section 4.2).</summary>
    Chunked,
}

/// <summary>A framing violation: the session is ended (RFC 6242 4.2: "the peer MUST terminate the session").</summary>
public sealed class NetconfFramingException(string message) : Exception(message);

/// <summary>
/// Reads and writes NETCONF messages over a byte pipe. A message larger than <see cref="MaxMessageBytes"/> is a
/// framing error: the peer is cut off instead of buffering without bound.
/// </summary>
public sealed class NetconfFraming(PipeReader input, PipeWriter output, int maxMessageBytes = NetconfFraming.DefaultMaxMessageBytes)
{
    /// <summary>16 MiB: far above any configuration the model holds, small enough that a flood cannot exhaust memory.</summary>
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>RFC 6242 4.2: chunk-size is 1..4294967295; we refuse chunks above the message bound anyway.</summary>
    private const int MaxChunkHeaderDigits = 10;

    private static readonly byte[] EndOfMessage = "]]>]]>"u8.ToArray();

    public NetconfFramingMode Mode { get; set; } = NetconfFramingMode.EndOfMessage;

    public int MaxMessageBytes { get; } = maxMessageBytes;

    /// <summary>The next message as UTF-8 text, or null at a clean end of input (between messages).</summary>
    public async ValueTask<string?> ReadMessageAsync(CancellationToken cancellationToken) =>
        Mode == NetconfFramingMode.EndOfMessage
            ? await ReadEndOfMessageAsync(cancellationToken)
            : await ReadChunkedAsync(cancellationToken);

    public async ValueTask WriteMessageAsync(string xml, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var body = Encoding.UTF8.GetBytes(xml);
        if (Mode == NetconfFramingMode.EndOfMessage)
        {
            output.Write(body);
            output.Write(EndOfMessage);
        }
        else
        {
            output.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\n#{body.Length}\n")));
            output.Write(body);
            output.Write("\n##\n"u8);
        }

        await output.FlushAsync(cancellationToken);
    }

    private async ValueTask<string?> ReadEndOfMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var reader = new SequenceReader<byte>(buffer);
            if (reader.TryReadTo(out ReadOnlySequence<byte> message, EndOfMessage, advancePastDelimiter: true))
            {
                var text = Encoding.UTF8.GetString(message);
                input.AdvanceTo(reader.Position);
                return text;
            }

            if (buffer.Length > MaxMessageBytes)
            {
                throw new NetconfFramingException($"message larger than {MaxMessageBytes} bytes");
            }

            if (result.IsCompleted)
            {
                var leftover = IsBlank(buffer);
                input.AdvanceTo(buffer.End);
                return leftover ? null : throw new NetconfFramingException("input ended inside a message");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async ValueTask<string?> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>();
        var first = true;
        while (true)
        {
            var header = await ReadChunkHeaderAsync(first, cancellationToken);
            if (header is null)
            {
                return null;
            }

            first = false;
            if (header == 0)
            {
                // End of chunks: a message needs at least one chunk (4.2, "chunked-message = 1*chunk end-of-chunks").
                return message.WrittenCount == 0
                    ? throw new NetconfFramingException("end-of-chunks without a chunk")
                    : Encoding.UTF8.GetString(message.WrittenSpan);
            }

            if (message.WrittenCount + header.Value > MaxMessageBytes)
            {
                throw new NetconfFramingException($"message larger than {MaxMessageBytes} bytes");
            }

            await CopyAsync(header.Value, message, cancellationToken);
        }
    }

    /// <summary>
    /// Parses <c>\n#LEN\n</c> (returns LEN) or <c>\n##\n</c> (returns 0). Null only at a clean end of input before a
    /// message's first chunk.
    /// </summary>
    private async ValueTask<long?> ReadChunkHeaderAsync(bool atMessageStart, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var parsed = TryParseChunkHeader(buffer, out var consumed, out var size);
            if (parsed)
            {
                input.AdvanceTo(buffer.GetPosition(consumed));
                return size;
            }

            if (result.IsCompleted)
            {
                var clean = atMessageStart && buffer.IsEmpty;
                input.AdvanceTo(buffer.End);
                return clean ? null : throw new NetconfFramingException("input ended inside a chunked message");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>False when more bytes are needed; throws on bytes that can never form a header.</summary>
    internal static bool TryParseChunkHeader(ReadOnlySequence<byte> buffer, out long consumed, out long size)
    {
        consumed = 0;
        size = 0;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryRead(out var lf))
        {
            return false;
        }

        if (lf != '\n')
        {
            throw new NetconfFramingException("chunk header must start with LF");
        }

        if (!reader.TryRead(out var hash))
        {
            return false;
        }

        if (hash != '#')
        {
            throw new NetconfFramingException("chunk header must start with LF #");
        }

        if (!reader.TryRead(out var next))
        {
            return false;
        }

        if (next == '#')
        {
            if (!reader.TryRead(out var end))
            {
                return false;
            }

            if (end != '\n')
            {
                throw new NetconfFramingException("end-of-chunks must be LF # # LF");
            }

            consumed = reader.Consumed;
            return true;
        }

        // chunk-size = 1-9 *DIGIT, at most 4294967295.
        if (next is < (byte)'1' or > (byte)'9')
        {
            throw new NetconfFramingException("chunk size must start with 1-9");
        }

        size = next - '0';
        var digits = 1;
        while (true)
        {
            if (!reader.TryRead(out var b))
            {
                return false;
            }

            if (b == '\n')
            {
                break;
            }

            if (b is < (byte)'0' or > (byte)'9' || ++digits > MaxChunkHeaderDigits)
            {
                throw new NetconfFramingException("bad chunk size");
            }

            size = (size * 10) + (b - '0');
        }

        if (size > uint.MaxValue)
        {
            throw new NetconfFramingException("chunk size above 4294967295");
        }

        consumed = reader.Consumed;
        return true;
    }

    private async ValueTask CopyAsync(long count, ArrayBufferWriter<byte> target, CancellationToken cancellationToken)
    {
        var left = count;
        while (left > 0)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var take = Math.Min(left, buffer.Length);
            foreach (var segment in buffer.Slice(0, take))
            {
                target.Write(segment.Span);
            }

            left -= take;
            input.AdvanceTo(buffer.GetPosition(take));
            if (left > 0 && result.IsCompleted)
            {
                throw new NetconfFramingException("input ended inside a chunk");
            }
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
