using System.Runtime.CompilerServices;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Yaml;

/// <summary>
/// Remembers which file every YAML node came from (profiles merge nodes of several files) and
/// collects errors, so one run reports every problem with its file:line:column.
/// </summary>
internal sealed class YamlContext
{
    private readonly ConditionalWeakTable<YamlNode, Origin> _origins = [];
    private readonly List<YamlError> _errors = [];
    private readonly HashSet<YamlError> _seen = [];
    private readonly YamlContext? _parent;

    /// <param name="parent">Where to look up nodes this context did not load (a fleet file's overrides merge onto profile trees).</param>
    public YamlContext(YamlContext? parent = null) => _parent = parent;

    public IReadOnlyList<YamlError> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>Parses one file. Returns its root node, or null after recording the syntax error.</summary>
    public YamlNode? Load(string file, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner && ex.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)
                ? "duplicate key " + inner.Message
                : CleanMessage(ex.Message);
            Add(file, (int)ex.Start.Line, (int)ex.Start.Column, message);
            return null;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet reports a repeated mapping key as an ArgumentException without a position.
            Add(file, 1, 1, "duplicate key: " + ex.Message);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            Add(file, 1, 1, "the file is empty; expected a mapping");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            Add(file, (int)second.Start.Line, (int)second.Start.Column, "only one YAML document is allowed per file");
        }

        var root = stream.Documents[0].RootNode;
        Register(root, file);
        return root;
    }

    /// <summary>Records that <paramref name="node"/> (and its children) come from <paramref name="file"/>.</summary>
    public void Register(YamlNode node, string file)
    {
        foreach (var n in node.AllNodes)
        {
            _origins.AddOrUpdate(n, new Origin(file, (int)n.Start.Line, (int)n.Start.Column));
        }
    }

    /// <summary>Gives a node built by merging the location of the node it stands for.</summary>
    public void RegisterAs(YamlNode synthetic, YamlNode original) =>
        _origins.AddOrUpdate(synthetic, Locate(original));

    public Origin Locate(YamlNode node) =>
        _origins.TryGetValue(node, out var origin) ? origin
        : _parent is not null ? _parent.Locate(node)
        : new Origin("<unknown>", (int)node.Start.Line, (int)node.Start.Column);

    public void Error(YamlNode node, string message)
    {
        var origin = Locate(node);
        Add(origin.File, origin.Line, origin.Column, message);
    }

    public void Add(string file, int line, int column, string message)
    {
        var error = new YamlError(file, Math.Max(line, 1), Math.Max(column, 1), message);
        if (_seen.Add(error))
        {
            _errors.Add(error);
        }
    }

    public void ThrowIfErrors()
    {
        if (HasErrors)
        {
            throw new YamlValidationException([.. _errors]);
        }
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is printed separately.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    internal sealed record Origin(string File, int Line, int Column);
}
