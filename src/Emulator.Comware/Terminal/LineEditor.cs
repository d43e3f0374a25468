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

    public EditorAction Handle(Key key)
    {
        switch (key.Kind)
        {
            case KeyKind.Printable when key.Character == '?':
                return EditorAction.Help;
            case KeyKind.Printable:
                Insert(key.Character.ToString());
                return EditorAction.None;
            case KeyKind.Enter:
                return EditorAction.Submit;
            case KeyKind.Tab:
                return EditorAction.Complete;
            case KeyKind.Backspace:
                DeleteBack(1);
                return EditorAction.None;
            case KeyKind.Delete:
                DeleteForward(1);
                return EditorAction.None;
            case KeyKind.Left:
                MoveTo(Cursor - 1);
                return EditorAction.None;
            case KeyKind.Right:
                MoveTo(Cursor + 1);
                return EditorAction.None;
            case KeyKind.Home:
                MoveTo(0);
                return EditorAction.None;
            case KeyKind.End:
                MoveTo(_buffer.Length);
                return EditorAction.None;
            case KeyKind.Up:
                Recall(history.Previous());
                return EditorAction.None;
            case KeyKind.Down:
                Recall(history.Next());
                return EditorAction.None;
            case KeyKind.Meta:
                return HandleMeta(key.Character);
            case KeyKind.Control:
                return HandleControl((char)(key.Character + '@'));
            default:
                return EditorAction.None;
        }
    }

    private EditorAction HandleControl(char letter)
    {
        switch (letter)
        {
            case 'A':
                MoveTo(0);
                break;
            case 'B':
                MoveTo(Cursor - 1);
                break;
            case 'C':
                return EditorAction.Cancel;
            case 'D':
                DeleteForward(1);
                break;
            case 'E':
                MoveTo(_buffer.Length);
                break;
            case 'F':
                MoveTo(Cursor + 1);
                break;
            case 'K' or 'Y':
                DeleteForward(_buffer.Length - Cursor);
                break;
            case 'U' or 'X':
                DeleteBack(Cursor);
                break;
            case 'W':
                DeleteBack(Cursor - WordStart(Cursor));
                break;
            case 'N':
                Recall(history.Next());
                break;
            case 'P':
                Recall(history.Previous());
                break;
            case 'Z':
                return EditorAction.ReturnToUserView;
        }

        return EditorAction.None;
    }

    private EditorAction HandleMeta(char c)
    {
        switch (c)
        {
            case 'b':
                MoveTo(WordStart(Cursor));
                break;
            case 'f':
                MoveTo(WordEnd(Cursor));
                break;
            case 'd':
                DeleteForward(WordEnd(Cursor) - Cursor);
                break;
        }

        return EditorAction.None;
    }

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
