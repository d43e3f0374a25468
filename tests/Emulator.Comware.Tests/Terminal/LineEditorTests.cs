using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Tests.Terminal;

public class LineEditorTests
{
    private readonly Pipe _pipe = new();
    private readonly History _history = new(10);
    private readonly LineEditor _editor;
    private readonly TerminalWriter _writer;

    public LineEditorTests()
    {
        _writer = new TerminalWriter(_pipe.Writer, "\r\n");
        _editor = new LineEditor(_writer, _history, 20);
    }

    private string Type(string keys)
    {
        var decoded = new List<Key>();
        new KeyDecoder().Decode(Encoding.Latin1.GetBytes(keys), decoded);
        foreach (var key in decoded)
        {
            _editor.Handle(key);
        }

        return Echo();
    }

    private string Echo()
    {
        _pipe.Writer.FlushAsync().AsTask().Wait();
        if (!_pipe.Reader.TryRead(out var result))
        {
            return "";
        }

        var text = Encoding.Latin1.GetString(result.Buffer.ToArray());
        _pipe.Reader.AdvanceTo(result.Buffer.End);
        return text;
    }

    [Fact]
    public void Insert_in_the_middle_redraws_the_tail()
    {
        Assert.Equal("helo", Type("helo"));
        Assert.Equal("\b", Type("\u001b[D"));
        Assert.Equal("lo\b", Type("l"));
        Assert.Equal("hello", _editor.Text);
        Assert.Equal(4, _editor.Cursor);
    }

    [Fact]
    public void Backspace_in_the_middle_shifts_the_tail_left()
    {
        Type("abcd\u001b[D\u001b[D");
        Assert.Equal("\bcd \b\b\b", Type("\x7f"));
        Assert.Equal("acd", _editor.Text);
        Assert.Equal(1, _editor.Cursor);
    }

    [Fact]
    public void Kill_keys()
    {
        Type("one two three\u0017");
        Assert.Equal("one two ", _editor.Text);
        Type("\u0001\u000b");
        Assert.Equal("", _editor.Text);
        Type("abc def\u001bb\u001bb\u001bd");
        Assert.Equal(" def", _editor.Text);
        Type("\u0005\u0015");
        Assert.Equal("", _editor.Text);
    }

    [Fact]
    public void Input_beyond_the_maximum_length_is_refused()
    {
        Type(new string('x', 30));
        Assert.Equal(20, _editor.Text.Length);
    }

    [Fact]
    public void History_recall_replaces_only_what_differs()
    {
        _history.Add("display version");
        _history.Add("display clock");
        Type("dis");
        Assert.Equal("play clock", Type("\u001b[A"));
        Assert.Equal("\b\b\b\b\bversion", Type("\u001b[A"));
        Assert.Equal("display version", _editor.Text);
        Type("\u001b[B\u001b[B");
        Assert.Equal("", _editor.Text);
    }

    [Fact]
    public void Special_keys_return_their_action()
    {
        Assert.Equal(EditorAction.Help, _editor.Handle(new Key(KeyKind.Printable, '?')));
        Assert.Equal(EditorAction.Submit, _editor.Handle(new Key(KeyKind.Enter)));
        Assert.Equal(EditorAction.Complete, _editor.Handle(new Key(KeyKind.Tab)));
        Assert.Equal(EditorAction.Cancel, _editor.Handle(Key.Ctrl('C')));
        Assert.Equal(EditorAction.ReturnToUserView, _editor.Handle(Key.Ctrl('Z')));
        Assert.Equal("", _editor.Text);
    }
}
