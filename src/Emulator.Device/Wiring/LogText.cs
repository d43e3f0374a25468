using System.Text;

namespace Emulator.Device.Wiring;

/// <summary>
/// Client-chosen text (user names, exec commands) made safe for one log line: control characters such as CR and LF
/// are written as <c>\r</c>, <c>\n</c> or <c>\xHH</c>, so a client cannot forge log lines.
/// </summary>
internal static class LogText
{
    public static string Escape(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\r' => sb.Append("\\r"),
                '\n' => sb.Append("\\n"),
                '\t' => sb.Append("\\t"),
                _ when char.IsControl(c) => sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}
