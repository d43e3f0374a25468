using System.Text;
using Emulator.Comware.Engine;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Shell;

/// <summary>
/// The output of one command. Handlers append to it while they run under the device lock; it reaches the terminal
/// through the <c>| include</c>-style filter and the pager only in <see cref="FlushAsync"/>, which the session calls
/// after releasing the lock — a user sitting at <c>---- More ----</c> or a client that stops reading holds up
/// nobody else.
/// </summary>
internal sealed class CommandOutput(TerminalIo io)
{
    /// <summary>§3.1: the pager prompt and the sequence that erases it once a key was pressed.</summary>
    public const string MorePrompt = "  ---- More ----";
    public const string MoreErase = "\u001b[16D                \u001b[16D";

    private readonly StringBuilder _buffer = new();
    private TerminalBlock? _block;
    private OutputFilter? _filter;
    private int _pageLeft;
    private bool _stopped;

    /// <summary>Lines per page; null after <c>screen-length disable</c> or <c>screen-length 0</c>.</summary>
    public int? ScreenLength { get; set; }

    private int PageSize => ScreenLength is > 0 and var lines ? lines : int.MaxValue;

    /// <summary>Starts a command's output: a fresh page, its filter.</summary>
    public void Begin(OutputFilter? filter)
    {
        _buffer.Clear();
        _block = null;
        _filter = filter;
        _stopped = false;
        _pageLeft = PageSize;
    }

    public void Append(string text)
    {
        if (!_stopped)
        {
            MoveBlockToBuffer();
            _buffer.Append(text);
        }
    }

    /// <summary>
    /// A prepared block: kept whole when it is the command's only output and neither a filter nor the pager will
    /// look at its lines, so <see cref="FlushAsync"/> sends its ready bytes; otherwise it joins the text.
    /// </summary>
    public void Append(TerminalBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (_buffer.Length == 0 && _block is null && _filter is null && PageSize == int.MaxValue)
        {
            _block = _stopped ? null : block;
            return;
        }

        Append(block.Text);
    }

    private void MoveBlockToBuffer()
    {
        if (_block is { } block)
        {
            _block = null;
            _buffer.Append(block.Text);
        }
    }

    /// <summary>
    /// Sends complete lines through the filter and the pager; a trailing partial line (a question) goes out as is.
    /// Waits for pager keys and for the client's window: never call it holding the device lock.
    /// </summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_block is { } block)
        {
            _block = null;
            io.Writer.Block(block);
            await io.Writer.FlushAsync(cancellationToken);
            return;
        }

        if (_buffer.Length == 0)
        {
            return;
        }

        var text = _buffer.ToString();
        _buffer.Clear();
        var writer = io.Writer;
        var start = 0;
        for (var end = text.IndexOf('\n', start); end >= 0 && !_stopped; end = text.IndexOf('\n', start))
        {
            var line = text.AsMemory(start, end - start);
            start = end + 1;
            if (_filter is not null && !_filter.Accept(line.ToString()))
            {
                continue;
            }

            if (_pageLeft == 0 && !await MoreAsync(cancellationToken))
            {
                _stopped = true;
                break;
            }

            writer.Line(line.Span);
            _pageLeft--;
        }

        if (!_stopped && start < text.Length)
        {
            writer.Raw(text.AsSpan(start));
        }

        // Sent now, not when the next key is awaited: a client that types ahead would otherwise pile every
        // command's output up in memory, and the channel's window would never slow this session down.
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Shows the pager prompt and waits: Space = a page, Enter = a line, anything else (Ctrl+C, q) stops.</summary>
    private async ValueTask<bool> MoreAsync(CancellationToken cancellationToken)
    {
        io.Writer.Raw(MorePrompt);
        var key = await io.ReadKeyAsync(cancellationToken);
        io.Writer.Raw(MoreErase);
        switch (key)
        {
            case { Kind: KeyKind.Printable, Character: ' ' }:
                _pageLeft = PageSize;
                return true;
            case { Kind: KeyKind.Enter }:
                _pageLeft = 1;
                return true;
            default:
                return false;
        }
    }
}
