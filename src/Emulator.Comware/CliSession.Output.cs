using System.Text;
using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware;

/// <summary>Command output, the pager and dialogs.</summary>
public sealed partial class CliSession
{
    /// <summary>§3.1: the pager prompt and the sequence that erases it once a key was pressed.</summary>
    public const string MorePrompt = "  ---- More ----";
    public const string MoreErase = "\u001b[16D                \u001b[16D";

    private readonly StringBuilder _output = new();
    private IDisposable? _heldLock;
    private OutputFilter? _filter;
    private int _pageLeft;
    private bool _outputStopped;

    /// <summary>Called by handlers through <see cref="CommandContext"/>.</summary>
    void ICommandHost.Write(string text)
    {
        if (!_outputStopped)
        {
            _output.Append(text);
        }
    }

    void ICommandHost.Close() => _closed = true;

    async ValueTask<string?> ICommandHost.ReadLineAsync(string prompt, bool echo, CancellationToken cancellationToken)
    {
        await FlushCommandOutputAsync(cancellationToken);
        _writer!.Text(prompt);

        // Nobody else may wait on this session's answer: let other sessions change the device meanwhile.
        var held = _heldLock;
        _heldLock = null;
        held?.Dispose();
        try
        {
            return await ReadAnswerAsync(echo, cancellationToken);
        }
        finally
        {
            _heldLock = await _device.LockAsync(cancellationToken);
        }
    }

    private async ValueTask<string?> ReadAnswerAsync(bool echo, CancellationToken cancellationToken)
    {
        var answer = new StringBuilder();
        while (true)
        {
            var key = await ReadKeyAsync(cancellationToken);
            switch (key)
            {
                case null:
                    return null;
                case { Kind: Terminal.KeyKind.Enter }:
                    _writer!.Line();
                    return answer.ToString();
                case { Kind: Terminal.KeyKind.Printable } k when answer.Length < Dialect.MaxLineLength:
                    answer.Append(k.Character);
                    if (echo)
                    {
                        _writer!.Raw(k.Character.ToString());
                    }

                    break;
                case { Kind: Terminal.KeyKind.Backspace } when answer.Length > 0:
                    answer.Length--;
                    if (echo)
                    {
                        _writer!.Raw("\b \b");
                    }

                    break;
                case { } k when k.IsCtrl('C'):
                    _writer!.Line();
                    return null;
            }
        }
    }

    private int PageSize => ScreenLength is > 0 and var lines ? lines : int.MaxValue;

    private void BeginCommandOutput(OutputFilter? filter)
    {
        _output.Clear();
        _filter = filter;
        _outputStopped = false;
        _pageLeft = PageSize;
    }

    /// <summary>Sends complete output lines through the filter and the pager; a trailing partial line (a question) goes out as is.</summary>
    private async ValueTask FlushCommandOutputAsync(CancellationToken cancellationToken)
    {
        if (_output.Length == 0)
        {
            return;
        }

        var text = _output.ToString();
        _output.Clear();
        var start = 0;
        for (var end = text.IndexOf('\n', start); end >= 0 && !_outputStopped; end = text.IndexOf('\n', start))
        {
            var line = text.AsMemory(start, end - start);
            start = end + 1;
            if (_filter is not null && !_filter.Accept(line.ToString()))
            {
                continue;
            }

            if (_pageLeft == 0 && !await MoreAsync(cancellationToken))
            {
                _outputStopped = true;
                break;
            }

            _writer!.Line(line.Span);
            _pageLeft--;
        }

        if (!_outputStopped && start < text.Length)
        {
            _writer!.Raw(text.AsSpan(start));
        }

        // Sent now, not when the next key is awaited: a client that types ahead would otherwise pile every
        // command's output up in memory, and the channel's window would never slow this session down.
        await _writer!.FlushAsync(cancellationToken);
    }

    /// <summary>Shows the pager prompt and waits: Space = a page, Enter = a line, anything else (Ctrl+C, q) stops.</summary>
    private async ValueTask<bool> MoreAsync(CancellationToken cancellationToken)
    {
        _writer!.Raw(MorePrompt);
        var key = await ReadKeyAsync(cancellationToken);
        _writer.Raw(MoreErase);
        switch (key)
        {
            case { Kind: Terminal.KeyKind.Printable, Character: ' ' }:
                _pageLeft = PageSize;
                return true;
            case { Kind: Terminal.KeyKind.Enter }:
                _pageLeft = 1;
                return true;
            default:
                return false;
        }
    }
}
