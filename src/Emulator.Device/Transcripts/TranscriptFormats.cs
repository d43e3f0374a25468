using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Emulator.Device.Transcripts;

/// <summary>A transcript as asciicast v2 (asciinema's format) or as plain text.</summary>
public static class TranscriptFormats
{
    /// <summary>
    /// asciicast v2: a JSON header line, then one <c>[seconds, "o" | "i", text]</c> line per output or input event
    /// (https://docs.asciinema.org/manual/asciicast/v2/).
    /// </summary>
    public static string Asciicast(SessionTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var s = transcript.Session;
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 2);
            json.WriteNumber("width", s.Columns);
            json.WriteNumber("height", s.Rows);
            json.WriteNumber("timestamp", transcript.Started.ToUnixTimeSeconds());
            json.WriteString("title", $"{s.User}@{s.Line} ({s.Protocol} {s.Kind}) from {s.Remote}");
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        foreach (var (seconds, kind, text) in transcript.Events())
        {
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                json.WriteRawValue(seconds.ToString("0.000000", CultureInfo.InvariantCulture));
                json.WriteStringValue(kind);
                json.WriteStringValue(text);
                json.WriteEndArray();
            }

            buffer.WriteByte((byte)'\n');
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// The output as a terminal would have left it on screen, line by line: CR returns to the line's start and later
    /// characters overwrite (how the pager erases <c>---- More ----</c>), BS moves back, NULs are dropped.
    /// </summary>
    public static string PlainText(SessionTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var line = new StringBuilder();
        var text = new StringBuilder();
        var column = 0;
        foreach (var (_, _, chunk) in transcript.Events().Where(e => e.Kind == TranscriptEvent.OutputKind))
        {
            foreach (var c in chunk)
            {
                switch (c)
                {
                    case '\n':
                        text.Append(line.ToString().TrimEnd()).Append('\n');
                        line.Clear();
                        column = 0;
                        break;
                    case '\r':
                        column = 0;
                        break;
                    case '\b':
                        column = Math.Max(0, column - 1);
                        break;
                    case '\0':
                        break;
                    default:
                        if (column < line.Length)
                        {
                            line[column] = c;
                        }
                        else
                        {
                            line.Append(c);
                        }

                        column++;
                        break;
                }
            }
        }

        return text.Append(line.ToString().TrimEnd()).ToString();
    }
}
