namespace Emulator.Comware.Terminal;

/// <summary>
/// The history buffer of one session (§2.6): successfully executed commands as typed, consecutive duplicates once,
/// the oldest dropped beyond <see cref="Capacity"/>. Up/Down browse it; browsing restarts after each command.
/// </summary>
public sealed class History(int capacity)
{
    private readonly List<string> _entries = [];
    private int _cursor;

    public int Capacity { get; } = capacity;

    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Adds a line; returns a token for <see cref="Undo"/> when it was stored (null for a consecutive duplicate).</summary>
    public object? Add(string line)
    {
        object? added = null;
        if (_entries.Count == 0 || _entries[^1] != line)
        {
            _entries.Add(line);
            added = line;
            if (_entries.Count > Capacity)
            {
                _entries.RemoveAt(0);
            }
        }

        ResetBrowsing();
        return added;
    }

    /// <summary>Takes back the last <see cref="Add"/> (the command failed).</summary>
    public void Undo(object added)
    {
        if (_entries.Count > 0 && ReferenceEquals(_entries[^1], added))
        {
            _entries.RemoveAt(_entries.Count - 1);
        }

        ResetBrowsing();
    }

    public void ResetBrowsing() => _cursor = _entries.Count;

    /// <summary>The previous (older) entry, or null at the oldest.</summary>
    public string? Previous()
    {
        if (_cursor == 0)
        {
            return null;
        }

        _cursor--;
        return _entries[_cursor];
    }

    /// <summary>The next (newer) entry; an empty line past the newest; null when not browsing.</summary>
    public string? Next()
    {
        if (_cursor >= _entries.Count)
        {
            return null;
        }

        _cursor++;
        return _cursor == _entries.Count ? "" : _entries[_cursor];
    }
}
