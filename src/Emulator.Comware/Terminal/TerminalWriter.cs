using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Emulator.Comware.Terminal;

/// <summary>Writes text to the terminal's pipe; <see cref="Text"/> turns <c>\n</c> into the dialect's line terminator.</summary>
public sealed class TerminalWriter(PipeWriter output, string newLine)
{
    private long _pending;

    public string NewLine { get; } = newLine;

    /// <summary>Bytes written since the start (tests and diagnostics).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Gets a copy of everything written (session transcripts); null for none.</summary>
    public Runtime.ISessionRecording? Recording { get; set; }

    public void Raw(string text) => Raw(text.AsSpan());

    public void Raw(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Recording?.Output(text);
        var count = Encoding.UTF8.GetBytes(text, output);
        _pending += count;
        BytesWritten += count;
    }

    /// <summary>A prepared block, in this terminal's line terminator, with one copy of its ready UTF-8 bytes.</summary>
    public void Block(TerminalBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var (text, utf8) = block.For(NewLine);
        if (utf8.IsEmpty)
        {
            return;
        }

        Recording?.Output(text);
        // One buffer of the whole size when the pipe offers it: one copy, and the channel then reads one segment
        // instead of many small ones.
        var span = output.GetSpan(utf8.Length);
        if (span.Length >= utf8.Length)
        {
            utf8.Span.CopyTo(span);
            output.Advance(utf8.Length);
        }
        else
        {
            output.Write(utf8.Span);
        }

        _pending += utf8.Length;
        BytesWritten += utf8.Length;
    }

    public void Text(string text) => Raw(text.Contains('\n', StringComparison.Ordinal) ? text.Replace("\n", NewLine, StringComparison.Ordinal) : text);

    public void Line(string text = "") => Line(text.AsSpan());

    public void Line(ReadOnlySpan<char> text)
    {
        Raw(text);
        Raw(NewLine);
    }

    /// <summary>Sends what was written; false when the reader is gone.</summary>
    public async ValueTask<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending == 0)
        {
            return true;
        }

        _pending = 0;
        var result = await output.FlushAsync(cancellationToken);
        return !result.IsCompleted && !result.IsCanceled;
    }
}
