namespace Emulator.Comware.Engine;

/// <summary>A word of the command line and where it starts (for the caret). Quotes are removed from <see cref="Text"/>.</summary>
internal readonly record struct LineToken(string Text, int Start, int End);

internal static class Tokenizer
{
    /// <summary>Splits at spaces; <c>"a b"</c> is one token (V7 manual: text with spaces must be quoted).</summary>
    public static List<LineToken> Split(string line)
    {
        var tokens = new List<LineToken>();
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] == ' ' || line[i] == '\t')
            {
                i++;
                continue;
            }

            var start = i;
            if (line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close > 0 && (close + 1 == line.Length || line[close + 1] is ' ' or '\t'))
                {
                    tokens.Add(new LineToken(line[(i + 1)..close], start, close + 1));
                    i = close + 1;
                    continue;
                }
            }

            while (i < line.Length && line[i] is not (' ' or '\t'))
            {
                i++;
            }

            tokens.Add(new LineToken(line[start..i], start, i));
        }

        return tokens;
    }
}
