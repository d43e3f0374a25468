using Emulator.Comware;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Emulator.Host.Recording;

/// <summary>
/// A profile that <c>extends:</c> a shipped model and adds what was recorded from a real device: its outputs
/// (<c>recorded-outputs:</c>) and the facts read from them. Saved in a folder given to <c>--profiles</c>, it runs
/// like any model.
/// </summary>
internal sealed class ProfileOverlay(string baseProfile)
{
    private readonly SortedDictionary<string, string> _outputs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shipped (or custom) profile this one extends.</summary>
    public string BaseProfile { get; set; } = baseProfile;

    public string? Source { get; init; }

    public string? SoftwareVersion { get; set; }

    public string? Release { get; set; }

    public IReadOnlyDictionary<string, string> Outputs => _outputs;

    /// <summary>Adds a display command's output; false (and nothing added) when the line is not a plain display command.</summary>
    public bool Add(string command, string output)
    {
        if (RecordedOutputs.Normalize(command) is not { } normalized)
        {
            return false;
        }

        _outputs[normalized] = output.ReplaceLineEndings("\n");
        if (normalized.Equals("display version", StringComparison.OrdinalIgnoreCase))
        {
            ReadVersion(output);
        }

        return true;
    }

    public string ToYaml()
    {
        var root = new YamlMappingNode { { "extends", BaseProfile } };
        if (SoftwareVersion is not null && Release is not null)
        {
            root.Add("software", new YamlMappingNode { { "version", Quoted(SoftwareVersion) }, { "release", Quoted(Release) } });
        }

        var outputs = new YamlMappingNode();
        foreach (var (command, text) in _outputs)
        {
            outputs.Add(new YamlScalarNode(command), new YamlScalarNode(text.TrimEnd('\n') + "\n") { Style = ScalarStyle.Literal });
        }

        root.Add("recorded-outputs", outputs);
        var writer = new StringWriter { NewLine = "\n" };
        writer.WriteLine($"# Recorded{(Source is null ? "" : " from " + Source)} on top of {BaseProfile}; see README \"Recorded devices\".");
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal);
    }

    private static YamlScalarNode Quoted(string text) => new(text) { Style = ScalarStyle.DoubleQuoted };

    /// <summary><c>Comware Software, Version 7.1.064, Release 9333P30</c> (both dialects print this line).</summary>
    private void ReadVersion(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"Comware Software, Version ([\w.]+), Release (\w+)", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (match.Success)
        {
            SoftwareVersion = match.Groups[1].Value;
            Release = match.Groups[2].Value;
        }
    }
}
