using System.Globalization;
using System.Text;

namespace Emulator.Ssh;

/// <summary>
/// Peer-supplied text (user names, commands, identification lines, DISCONNECT texts) made safe for a log line: a
/// CR/LF would let a client forge a second log line, and escape sequences would reach whoever reads the log on a
/// terminal. Control characters, line/paragraph separators and bidirectional overrides become visible \x / \u escapes
/// (a backslash is doubled, so an escaped text is never ambiguous), and the text is capped.
/// </summary>
public static class LogText
{
    public const int DefaultMaxLength = 256;

    /// <summary>Cap for error messages, which may quote a peer's text after our own words.</summary>
    public const int MaxMessageLength = 1024;

    public static string Escape(string? text, int maxLength = DefaultMaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > maxLength;
        var span = cut ? text.AsSpan(0, maxLength) : text.AsSpan();
        if (!cut && !NeedsEscape(span))
        {
            return text;
        }

        var builder = new StringBuilder(span.Length + 16);
        foreach (var c in span)
        {
            if (c == '\\')
            {
                builder.Append(@"\\");
            }
            else if (c < 0x100 && IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (cut)
        {
            builder.Append(CultureInfo.InvariantCulture, $"...({text.Length} chars)");
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c == '\\' || IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) =>
        char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format;
}
