using System.Collections.Concurrent;

namespace Emulator.Comware.Engine;

/// <summary>What a parse depends on: the view's commands (by view, dialect and the highest level shown) and the line.</summary>
internal readonly record struct ParseKey(string ViewId, ComwareDialect Dialect, int MaxLevel, string Line);

/// <summary>
/// Parse results of one <see cref="CommandSet"/>, remembered by <see cref="ParseKey"/>: the set never changes and
/// parameter types match on the token and the dialect alone, so the same key always parses the same way. A line
/// typed ahead a thousand times, or <c>display</c> lines that scripts send on every device of a fleet, are then
/// matched once. Results with an output filter are not kept (a <c>| begin</c> filter remembers what it has seen).
/// Bounded: past <see cref="Capacity"/> lines it starts afresh, so random input cannot make it grow.
/// </summary>
internal sealed class ParseMemo
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<ParseKey, ParseResult> _results = new();
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ParseResult GetOrParse(CommandSet commands, ParseKey key)
    {
        if (_results.TryGetValue(key, out var known))
        {
            return known;
        }

        var result = CommandParser.Parse(commands.CommandsFor(key.ViewId, key.Dialect, key.MaxLevel), key.Line, new ParameterContext(key.Dialect));
        if (result.Filter is null && _results.TryAdd(key, result) && Interlocked.Increment(ref _count) > Capacity)
        {
            // Racing sessions may add a few entries meanwhile; the bound only needs to hold roughly.
            _results.Clear();
            Volatile.Write(ref _count, 0);
        }

        return result;
    }
}
