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

    /// <summary>The model as <c>display version</c> names it, e.g. <c>SecPath F1000-AI-55</c>.</summary>
    public string? Model { get; set; }

    /// <summary><c>display device manuinfo</c>: chassis serial number, base MAC (xxxx-xxxx-xxxx) and manufacturing date.</summary>
    public string? SerialNumber { get; set; }

    public string? BaseMac { get; set; }

    public string? ManufacturingDate { get; set; }

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
        else if (normalized.Equals("display device manuinfo", StringComparison.OrdinalIgnoreCase))
        {
            ReadManufacturingInfo(output);
        }

        return true;
    }

    public string ToYaml()
    {
        var root = new YamlMappingNode { { "extends", BaseProfile } };
        if (Model is not null)
        {
            root.Add("model", Quoted(Model));
        }

        if (SoftwareVersion is not null && Release is not null)
        {
            root.Add("software", new YamlMappingNode { { "version", Quoted(SoftwareVersion) }, { "release", Quoted(Release) } });
        }

        var hardware = new YamlMappingNode();
        AddIf(hardware, "serial-number", SerialNumber);
        AddIf(hardware, "base-mac", BaseMac);
        AddIf(hardware, "manufacturing-date", ManufacturingDate);
        if (hardware.Children.Count > 0)
        {
            root.Add("hardware", hardware);
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

    private static void AddIf(YamlMappingNode map, string key, string? value)
    {
        if (value is not null)
        {
            map.Add(key, Quoted(value));
        }
    }

    private static string? Match(string text, string pattern) =>
        System.Text.RegularExpressions.Regex.Match(text, pattern, System.Text.RegularExpressions.RegexOptions.Multiline, TimeSpan.FromSeconds(1)) is { Success: true } m
            ? m.Groups[1].Value.Trim()
            : null;

    /// <summary>The first chassis block of <c>display device manuinfo</c> (both dialects use these field names).</summary>
    private void ReadManufacturingInfo(string output)
    {
        SerialNumber = Match(output, @"^\s*DEVICE_SERIAL_NUMBER\s*:\s*(\S+)");
        BaseMac = Match(output, @"^\s*MAC_ADDRESS\s*:\s*([0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4})")?.ToLowerInvariant();
        var date = Match(output, @"^\s*MANUFACTURING_DATE\s*:\s*(\d{4}-\d{2}-\d{2})");
        ManufacturingDate = date;
    }

    /// <summary><c>Comware Software, Version 7.1.064, Release 9333P30</c> (both dialects print this line).</summary>
    private void ReadVersion(string output)
    {
        var match = System.Text.RegularExpressions.Regex.Match(output, @"Comware Software, Version ([\w.]+), Release (\w+)", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        if (match.Success)
        {
            SoftwareVersion = match.Groups[1].Value;
            Release = match.Groups[2].Value;
        }

        // "H3C SecPath F1000-E uptime is 0 weeks, ..." names the model after the vendor.
        Model = Match(output, @"^H3C (.+?) uptime is") ?? Model;
    }
}
