using System.Globalization;
using System.Text;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Tests.Transcripts;

/// <summary>
/// The transcript files. In <c>.in</c> files each line is typed followed by Enter (CR), except a line ending in
/// <c>\c</c>. Escapes: <c>\r \n \t \e</c> (ESC) <c>\b</c> (BS) <c>\d</c> (DEL) <c>\0 \\ \xHH</c> and <c>\^X</c> for Ctrl+X. Leading <c>#!</c> lines set
/// options: <c>user=NAME level=N roles=a,b rows=N config=FILE</c> (FILE next to the transcript is the startup.cfg).
/// <c>.out</c> files hold the exact output: CR is written <c>\r</c>, ESC <c>\e</c>, BS <c>\b</c>, NUL <c>\0</c>,
/// other control bytes <c>\xHH</c>, backslash <c>\\</c>; LF stays a real line break.
/// </summary>
public static class TranscriptFormat
{
    public sealed record Script(string Input, CliUser User, int Rows, string? ConfigFile);

    public static Script ParseInput(string text)
    {
        var user = new CliUser("admin", 3, ["network-admin"], "192.0.2.10");
        var rows = 24;
        string? config = null;
        var input = new StringBuilder();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var count = lines.Length;
        if (count > 0 && lines[^1].Length == 0)
        {
            count--;
        }

        var header = true;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (header && line.StartsWith("#!", StringComparison.Ordinal))
            {
                foreach (var option in line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var (key, value) = (option[..option.IndexOf('=', StringComparison.Ordinal)], option[(option.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    switch (key)
                    {
                        case "user": user = user with { Name = value }; break;
                        case "level": user = user with { Level = int.Parse(value, CultureInfo.InvariantCulture) }; break;
                        case "roles": user = user with { Roles = value.Split(',') }; break;
                        case "rows": rows = int.Parse(value, CultureInfo.InvariantCulture); break;
                        case "config": config = value; break;
                        default: throw new FormatException($"Unknown transcript option {key}.");
                    }
                }

                continue;
            }

            header = false;
            if (line.EndsWith("\\c", StringComparison.Ordinal) && !line.EndsWith("\\\\c", StringComparison.Ordinal))
            {
                input.Append(Unescape(line[..^2]));
            }
            else
            {
                input.Append(Unescape(line)).Append('\r');
            }
        }

        return new Script(input.ToString(), user, rows, config);
    }

    public static string Unescape(string text)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                sb.Append(text[i]);
                continue;
            }

            var c = text[++i];
            switch (c)
            {
                case 'r': sb.Append('\r'); break;
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'e': sb.Append('\u001b'); break;
                case 'b': sb.Append('\b'); break;
                case 'd': sb.Append('\x7f'); break;
                case '0': sb.Append('\0'); break;
                case '\\': sb.Append('\\'); break;
                case '^': sb.Append((char)(char.ToUpperInvariant(text[++i]) - '@')); break;
                case 'x':
                    sb.Append((char)int.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 2;
                    break;
                default: throw new FormatException($"Unknown escape \\{c} in transcript input.");
            }
        }

        return sb.ToString();
    }

    /// <summary>Output bytes to the readable .out form.</summary>
    public static string EscapeOutput(string output)
    {
        var sb = new StringBuilder();
        foreach (var c in output)
        {
            switch (c)
            {
                case '\n': sb.Append('\n'); break;
                case '\r': sb.Append("\\r"); break;
                case '\u001b': sb.Append("\\e"); break;
                case '\b': sb.Append("\\b"); break;
                case '\0': sb.Append("\\0"); break;
                case '\\': sb.Append("\\\\"); break;
                case < ' ' or '\x7f': sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }
}
