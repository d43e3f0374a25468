using System.Runtime.CompilerServices;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Emulator.Device.Yaml;

/// <summary>
/// Remembers which file every YAML node came from (profiles merge nodes of several files) and
/// collects errors, so one run reports every problem with its file:line:column.
/// </summary>
internal sealed class YamlContext
{
    /// <summary>Largest file read (a 10,000-device fleet written out one device per line is about 1.5 MB).</summary>
    public const int MaxDocumentChars = 16 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences (profiles use fewer than 10; the parser recurses per level).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most nodes the document may have with every alias expanded. Aliases share nodes, but everything that walks the
    /// tree (origins, merges, validation) visits a shared node once per alias: ten aliases nested nine deep are 10^9 visits.
    /// </summary>
    public const long MaxExpandedNodes = 2_000_000;

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
            if (CheckSize(file, text))
            {
                return null;
            }

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
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this without a position on some malformed streams (found by fuzz/ fleet-yaml).
            Add(file, 1, 1, "not valid YAML");
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

    /// <summary>
    /// Walks the parser's events (no recursion, no tree built) and records an error when the document is too large, too
    /// deep or expands through aliases beyond <see cref="MaxExpandedNodes"/>. Returns true when it recorded one.
    /// </summary>
    private bool CheckSize(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxDocumentChars)
        {
            Add(file, 1, 1, $"the file is larger than {MaxDocumentChars / (1024 * 1024)} MiB");
            return true;
        }

        // Expanded size of every anchored node so far, and a counter per open collection.
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(long Size, string? Anchor)>();
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            long size;
            switch (current)
            {
                case NodeEvent start when start is MappingStart or SequenceStart:
                    if (open.Count >= MaxDepth)
                    {
                        Add(file, (int)start.Start.Line, (int)start.Start.Column, $"mappings and sequences are nested deeper than {MaxDepth} levels");
                        return true;
                    }

                    open.Push((1, start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    continue;
                case MappingEnd or SequenceEnd:
                    var (total, anchor) = open.Pop();
                    if (anchor is not null)
                    {
                        anchors[anchor] = total;
                    }

                    size = total;
                    break;
                case Scalar scalar:
                    size = 1;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = 1;
                    }

                    break;
                case AnchorAlias alias when open.Any(o => o.Anchor == alias.Value.Value):
                    // An alias inside the node it names makes the tree a cycle (found by fuzz/ fleet-yaml).
                    Add(file, (int)alias.Start.Line, (int)alias.Start.Column, $"alias *{alias.Value.Value} refers to a node that contains it");
                    return true;
                case AnchorAlias alias:
                    // An unknown anchor is the parser's error, reported when the tree is built.
                    size = anchors.GetValueOrDefault(alias.Value.Value, 1);
                    break;
                default:
                    continue;
            }

            if (open.Count > 0)
            {
                var (parentSize, parentAnchor) = open.Pop();
                parentSize += size;
                if (parentSize > MaxExpandedNodes)
                {
                    Add(file, (int)current.Start.Line, (int)current.Start.Column,
                        $"aliases expand the document to more than {MaxExpandedNodes} nodes; write the repeated parts out or use fewer aliases");
                    return true;
                }

                open.Push((parentSize, parentAnchor));
            }
        }

        return false;
    }

    private static string CleanMessage(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the position is printed separately.
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }

    internal sealed record Origin(string File, int Line, int Column);
}
