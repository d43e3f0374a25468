using System.Collections.Frozen;
using System.Text;

namespace Emulator.Comware.Terminal;

/// <summary>What the session must do after a key: the editor handles the rest itself.</summary>
public enum EditorAction
{
    None,
    Submit,
    Help,
    Complete,
    Cancel,
    ReturnToUserView,
}

/// <summary>
/// The command line being typed, and its echo. Cursor moves use backspace (works on every terminal, as the device
/// does); redraws rewrite the tail and step back. Editing keys follow §2.7: Ctrl+A/E/B/F/D/H/K/U/W/X/Y, arrows,
/// Esc+B/F/D, Up/Down and Ctrl+P/N for history.
/// </summary>
public sealed class LineEditor(TerminalWriter writer, History history, int maxLength)
{
    private readonly StringBuilder _buffer = new();

    public string Text => _buffer.ToString();

    public int Cursor { get; private set; }

    /// <summary>The cursor is after the last character (where typing only appends).</summary>
    public bool AtEnd => Cursor == _buffer.Length;

    /// <summary>
    /// The key bindings of §2.7, as data: a key and what it does to the line. Printable characters insert themselves
    /// (<c>?</c> asks for help); keys not listed do nothing.
    /// </summary>
    private static readonly FrozenDictionary<Key, Func<LineEditor, EditorAction>> s_bindings = new Dictionary<Key, Func<LineEditor, EditorAction>>
    {
        [new Key(KeyKind.Enter)] = _ => EditorAction.Submit,
        [new Key(KeyKind.Tab)] = _ => EditorAction.Complete,
        [new Key(KeyKind.Printable, '?')] = _ => EditorAction.Help,
        [Key.Ctrl('C')] = _ => EditorAction.Cancel,
        [Key.Ctrl('Z')] = _ => EditorAction.ReturnToUserView,
        [new Key(KeyKind.Backspace)] = Edit(e => e.DeleteBack(1)),
        [new Key(KeyKind.Delete)] = Edit(e => e.DeleteForward(1)),
        [Key.Ctrl('D')] = Edit(e => e.DeleteForward(1)),
        [new Key(KeyKind.Left)] = Edit(e => e.MoveTo(e.Cursor - 1)),
        [Key.Ctrl('B')] = Edit(e => e.MoveTo(e.Cursor - 1)),
        [new Key(KeyKind.Right)] = Edit(e => e.MoveTo(e.Cursor + 1)),
        [Key.Ctrl('F')] = Edit(e => e.MoveTo(e.Cursor + 1)),
        [new Key(KeyKind.Home)] = Edit(e => e.MoveTo(0)),
        [Key.Ctrl('A')] = Edit(e => e.MoveTo(0)),
        [new Key(KeyKind.End)] = Edit(e => e.MoveTo(e._buffer.Length)),
        [Key.Ctrl('E')] = Edit(e => e.MoveTo(e._buffer.Length)),
        [new Key(KeyKind.Up)] = Edit(e => e.Recall(e._history.Previous())),
        [Key.Ctrl('P')] = Edit(e => e.Recall(e._history.Previous())),
        [new Key(KeyKind.Down)] = Edit(e => e.Recall(e._history.Next())),
        [Key.Ctrl('N')] = Edit(e => e.Recall(e._history.Next())),
        [Key.Ctrl('K')] = Edit(e => e.DeleteForward(e._buffer.Length - e.Cursor)),
        [Key.Ctrl('Y')] = Edit(e => e.DeleteForward(e._buffer.Length - e.Cursor)),
        [Key.Ctrl('U')] = Edit(e => e.DeleteBack(e.Cursor)),
        [Key.Ctrl('X')] = Edit(e => e.DeleteBack(e.Cursor)),
        [Key.Ctrl('W')] = Edit(e => e.DeleteBack(e.Cursor - e.WordStart(e.Cursor))),
        [new Key(KeyKind.Meta, 'b')] = Edit(e => e.MoveTo(e.WordStart(e.Cursor))),
        [new Key(KeyKind.Meta, 'f')] = Edit(e => e.MoveTo(e.WordEnd(e.Cursor))),
        [new Key(KeyKind.Meta, 'd')] = Edit(e => e.DeleteForward(e.WordEnd(e.Cursor) - e.Cursor)),
    }.ToFrozenDictionary();

    private readonly History _history = history;

    public EditorAction Handle(Key key)
    {
        if (s_bindings.TryGetValue(key, out var binding))
        {
            return binding(this);
        }

        if (key.Kind == KeyKind.Printable)
        {
            Insert(key.Character);
        }

        return EditorAction.None;
    }

    /// <summary>A key that only inserts its character (printable and bound to nothing else, unlike <c>?</c>).</summary>
    public static bool InsertsItself(Key key) => key.Kind == KeyKind.Printable && !s_bindings.ContainsKey(key);

    /// <summary>
    /// Characters typed at the end of the line, echoed in one write: the same bytes as handling them one key at a time
    /// (at the end of the line there is no tail to redraw); beyond the maximum line length they are refused alike.
    /// </summary>
    public void Type(ReadOnlySpan<char> text)
    {
        if (!AtEnd)
        {
            throw new InvalidOperationException("Type appends at the end of the line only.");
        }

        var taken = text[..Math.Min(text.Length, Math.Max(0, maxLength - _buffer.Length))];
        _buffer.Append(taken);
        Cursor += taken.Length;
        writer.Raw(taken);
    }

    private static Func<LineEditor, EditorAction> Edit(Action<LineEditor> edit) => e =>
    {
        edit(e);
        return EditorAction.None;
    };

    /// <summary>Inserts at the cursor (typing, or Tab completing); input beyond the maximum line length is refused.</summary>
    public void Insert(string text)
    {
        var room = maxLength - _buffer.Length;
        if (room <= 0)
        {
            return;
        }

        if (text.Length > room)
        {
            text = text[..room];
        }

        _buffer.Insert(Cursor, text);
        Cursor += text.Length;
        writer.Raw(text);
        RedrawTail(0);
    }

    /// <summary>One typed character: <see cref="Insert(string)"/> without a string per key.</summary>
    private void Insert(char character)
    {
        if (_buffer.Length >= maxLength)
        {
            return;
        }

        _buffer.Insert(Cursor, character);
        Cursor++;
        writer.Raw(new ReadOnlySpan<char>(in character));
        RedrawTail(0);
    }

    /// <summary>Replaces the whole line (history recall, completion), rewriting only what differs; cursor at the end.</summary>
    public void Replace(string text)
    {
        var oldLength = _buffer.Length;
        var common = 0;
        while (common < oldLength && common < text.Length && _buffer[common] == text[common])
        {
            common++;
        }

        MoveTo(common);
        _buffer.Clear().Append(text);
        writer.Raw(text[common..]);
        Cursor = text.Length;
        var extra = oldLength - text.Length;
        if (extra > 0)
        {
            writer.Raw(new string(' ', extra) + new string('\b', extra));
        }
    }

    /// <summary>Forgets the line without touching the screen (after Enter, Ctrl+C).</summary>
    public void Clear()
    {
        _buffer.Clear();
        Cursor = 0;
    }

    /// <summary>Sets the line after a fresh prompt has been printed, echoing it.</summary>
    public void Restore(string text)
    {
        Clear();
        Insert(text);
    }

    private void Recall(string? entry)
    {
        if (entry is not null)
        {
            Replace(entry);
        }
    }

    private void MoveTo(int position)
    {
        position = Math.Clamp(position, 0, _buffer.Length);
        if (position < Cursor)
        {
            writer.Raw(new string('\b', Cursor - position));
        }
        else if (position > Cursor)
        {
            writer.Raw(_buffer.ToString(Cursor, position - Cursor));
        }

        Cursor = position;
    }

    private void DeleteBack(int count)
    {
        count = Math.Min(count, Cursor);
        if (count <= 0)
        {
            return;
        }

        MoveTo(Cursor - count);
        _buffer.Remove(Cursor, count);
        RedrawTail(count);
    }

    private void DeleteForward(int count)
    {
        count = Math.Min(count, _buffer.Length - Cursor);
        if (count <= 0)
        {
            return;
        }

        _buffer.Remove(Cursor, count);
        RedrawTail(count);
    }

    /// <summary>Rewrites from the cursor to the end, blanks <paramref name="erased"/> old cells, steps back to the cursor.</summary>
    private void RedrawTail(int erased)
    {
        var tail = _buffer.ToString(Cursor, _buffer.Length - Cursor);
        if (tail.Length + erased == 0)
        {
            return;
        }

        writer.Raw(tail + new string(' ', erased) + new string('\b', tail.Length + erased));
    }

    private int WordStart(int from)
    {
        var i = from;
        while (i > 0 && _buffer[i - 1] == ' ')
        {
            i--;
        }

        while (i > 0 && _buffer[i - 1] != ' ')
        {
            i--;
        }

        return i;
    }

    private int WordEnd(int from)
    {
        var i = from;
        while (i < _buffer.Length && _buffer[i] == ' ')
        {
            i++;
        }

        while (i < _buffer.Length && _buffer[i] != ' ')
        {
            i++;
        }

        return i;
    }
}
