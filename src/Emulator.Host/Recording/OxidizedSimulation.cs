using YamlDotNet.RepresentationModel;

namespace Emulator.Host.Recording;

/// <summary>
/// Reads oxidized's device simulation files (<c>spec/model/data/&lt;model&gt;#&lt;name&gt;#simulation.yaml</c> in
/// github.com/ytti/oxidized: <c>init_prompt</c>, then <c>commands:</c> as a list of <c>"command\n": output</c> where
/// the output starts with the echoed command, ends with the prompt, and writes CR as the two characters <c>\r</c>).
/// </summary>
internal static class OxidizedSimulation
{
    public static ProfileOverlay Import(string yaml, string baseProfile, string source)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("commands"), out var commands) || commands is not YamlSequenceNode list)
        {
            throw new FormatException("not an oxidized simulation: no 'commands:' list");
        }

        var overlay = new ProfileOverlay(baseProfile) { Source = source };
        foreach (var item in list.Children.OfType<YamlMappingNode>())
        {
            foreach (var (key, value) in item.Children)
            {
                if (key is YamlScalarNode { Value: { } command } && value is YamlScalarNode { Value: { } output })
                {
                    overlay.Add(command.Trim(), Clean(command.Trim(), output));
                }
            }
        }

        return overlay;
    }

    /// <summary>The output alone: no literal <c>\r</c>, no echoed command line, no trailing prompt.</summary>
    internal static string Clean(string command, string output)
    {
        var lines = output.Replace("\\r", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[0].Trim().Equals(command, StringComparison.OrdinalIgnoreCase))
        {
            lines.RemoveAt(0);
        }

        if (lines.Count > 0 && IsPrompt(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return string.Join('\n', lines);
    }

    internal static bool IsPrompt(string line)
    {
        var text = line.Trim().TrimStart('\0');
        return text.Length > 2 && ((text[0] == '<' && text[^1] == '>') || (text[0] == '[' && text[^1] == ']'));
    }
}
