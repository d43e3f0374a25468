using System.Text;
using Emulator.Comware.Terminal;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Terminal;

/// <summary>
/// Keys typed ahead (one chunk holding many lines) are echoed in runs, not one write per key: the client must see
/// exactly the bytes it sees when the same keys arrive one at a time.
/// </summary>
public class TypeAheadTests
{
    [Theory]
    [InlineData("display clock\rdisplay version\r")]
    [InlineData("dis\u001b[D\u001b[Dxy clock\r")] // typing in the middle of the line redraws the tail
    [InlineData("display ?\rdisplay cl\t\r")] // help and Tab between typed characters
    [InlineData("system-view\rsysname abc\u0003return\r")] // Ctrl+C drops the line
    [InlineData("display  version\u007f\u007f\u007fsion\r")]
    public async Task Typed_ahead_keys_echo_the_same_bytes_as_keys_one_at_a_time(string keys)
    {
        Assert.Equal(await OneKeyAtATime(keys), await TypedAhead(keys));
    }

    [Fact]
    public async Task A_line_beyond_the_maximum_length_is_cut_alike()
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        var keys = new string('x', device.Dialect.MaxLineLength + 300) + "\r";
        Assert.Equal(await OneKeyAtATime(keys), await TypedAhead(keys));
    }

    [Fact]
    public void Type_appends_like_single_keys_and_refuses_past_the_limit()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var editor = new LineEditor(new TerminalWriter(pipe.Writer, "\r\n"), new History(10), 5);
        editor.Type("abc");
        editor.Type("defg");
        Assert.Equal("abcde", editor.Text);
        Assert.Equal(5, editor.Cursor);
        Assert.True(editor.AtEnd);
        editor.Handle(new Key(KeyKind.Left));
        Assert.Throws<InvalidOperationException>(() => editor.Type("z"));
    }

    [Fact]
    public void Question_mark_is_not_plain_text()
    {
        Assert.True(LineEditor.InsertsItself(new Key(KeyKind.Printable, 'a')));
        Assert.False(LineEditor.InsertsItself(new Key(KeyKind.Printable, '?')));
        Assert.False(LineEditor.InsertsItself(new Key(KeyKind.Enter)));
    }

    private static async Task<string> TypedAhead(string keys)
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        return await ShellDriver.RunAsync(device, keys);
    }

    private static async Task<string> OneKeyAtATime(string keys)
    {
        using var device = TestDevices.Create(ComwareDialect.V5);
        var bytes = Encoding.UTF8.GetBytes(keys);
        return await ShellDriver.RunChunksAsync(device, [.. bytes.Select(b => new[] { b })]);
    }
}
