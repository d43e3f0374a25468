using System.Text;

namespace Emulator.Comware.Terminal;

/// <summary>
/// A block of finished output (lines ending in <c>\n</c>) that is printed often and changes rarely, such as the
/// running configuration: its terminal form (the dialect's line terminator, UTF-8) is made once and then written
/// with one copy, instead of being split, filtered and encoded line by line on every display.
/// </summary>
public sealed class TerminalBlock(string text)
{
    private Encoded? _encoded;

    /// <summary>The text with <c>\n</c> line ends.</summary>
    public string Text { get; } = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>The text with <paramref name="newLine"/> line ends, and its UTF-8 bytes; made once per line terminator.</summary>
    public (string Text, ReadOnlyMemory<byte> Utf8) For(string newLine)
    {
        ArgumentNullException.ThrowIfNull(newLine);
        var encoded = Volatile.Read(ref _encoded);
        if (encoded is null || encoded.NewLine != newLine)
        {
            // Several sessions may race here after the block was made; each makes the same bytes, one is kept.
            var translated = newLine == "\n" ? Text : Text.Replace("\n", newLine, StringComparison.Ordinal);
            encoded = new Encoded(newLine, translated, Encoding.UTF8.GetBytes(translated));
            Volatile.Write(ref _encoded, encoded);
        }

        return (encoded.Text, encoded.Utf8);
    }

    private sealed record Encoded(string NewLine, string Text, byte[] Utf8);
}
