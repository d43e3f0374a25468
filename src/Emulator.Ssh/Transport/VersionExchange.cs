using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Emulator.Ssh.Transport;

/// <summary>
/// The identification-string exchange of RFC 4253 4.2, used by both sides. Lines end in CR LF (a bare LF is
/// tolerated), are at most 255 bytes, and other lines may precede the peer's "SSH-" line up to a bound.
/// </summary>
internal static class VersionExchange
{
    public const int MaxLineLength = 255;
    public const int MaxPreambleLines = 32;
    public const int MaxPreambleBytes = 8192;
    public const string MismatchMessage = "Protocol mismatch.";

    /// <summary>Checks an identification string we are about to send.</summary>
    public static void ValidateOwn(string identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        if (!(identification.StartsWith("SSH-2.0-", StringComparison.Ordinal) || identification.StartsWith("SSH-1.99-", StringComparison.Ordinal))
            || identification.Length > MaxLineLength - 2 || identification.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"invalid SSH identification string '{identification}'", nameof(identification));
        }
    }

    public static async ValueTask WriteAsync(PipeWriter output, string identification, CancellationToken cancellationToken)
    {
        ValidateOwn(identification);
        await output.WriteAsync(Encoding.ASCII.GetBytes(identification + "\r\n"), cancellationToken);
    }

    /// <summary>
    /// Reads the peer's identification line (without CR LF). Lines before it that do not start with "SSH-"
    /// are skipped up to <see cref="MaxPreambleLines"/>/<see cref="MaxPreambleBytes"/>. Throws
    /// <see cref="SshDisconnectException"/> (ProtocolVersionNotSupported, "Protocol mismatch.") for anything else.
    /// </summary>
    public static async ValueTask<string> ReadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        var skippedLines = 0;
        long skippedBytes = 0;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            while (TryReadLine(ref buffer, out var line, out var lineBytes))
            {
                if (line.StartsWith("SSH-", StringComparison.Ordinal))
                {
                    input.AdvanceTo(buffer.Start);
                    return Validate(line);
                }

                skippedBytes += lineBytes;
                if (++skippedLines > MaxPreambleLines || skippedBytes > MaxPreambleBytes || line.Contains('\0', StringComparison.Ordinal))
                {
                    input.AdvanceTo(buffer.Start);
                    throw Mismatch("too many or invalid lines before the identification string");
                }
            }

            if (buffer.Length > MaxLineLength)
            {
                input.AdvanceTo(buffer.Start);
                throw Mismatch("identification line longer than 255 bytes");
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new SshDisconnectException(DisconnectReason.ConnectionLost, "connection closed during version exchange");
            }
        }
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out string line, out long length)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> raw, (byte)'\n'))
        {
            line = "";
            length = 0;
            return false;
        }

        length = raw.Length + 1;
        if (length > MaxLineLength)
        {
            throw Mismatch("identification line longer than 255 bytes");
        }

        var text = Encoding.Latin1.GetString(raw);
        line = text.EndsWith('\r') ? text[..^1] : text;
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static string Validate(string line)
    {
        if (!(line.StartsWith("SSH-2.0-", StringComparison.Ordinal) || line.StartsWith("SSH-1.99-", StringComparison.Ordinal)))
        {
            throw Mismatch($"unsupported protocol version in '{Printable(line)}'");
        }

        var prefix = line.StartsWith("SSH-2.0-", StringComparison.Ordinal) ? "SSH-2.0-".Length : "SSH-1.99-".Length;
        var software = line[prefix..].Split(' ', 2)[0];
        if (software.Length == 0 || line.Any(c => c is < ' ' or > '~'))
        {
            throw Mismatch($"malformed identification string '{Printable(line)}'");
        }

        return line;
    }

    private static SshDisconnectException Mismatch(string detail) =>
        new(DisconnectReason.ProtocolVersionNotSupported, MismatchMessage + " " + detail);

    private static string Printable(string text) =>
        new(text.Take(64).Select(c => c is < ' ' or > '~' ? '?' : c).ToArray());
}
