using System.Text;

namespace Emulator.Bench.Client;

/// <summary>
/// An interactive shell on a Comware-style CLI. It learns the prompt (<c>&lt;name&gt;</c> or <c>[name]</c>) from the
/// first one it sees, answers <c>---- More ----</c> with a space, and only keeps the tail of the output it needs to
/// recognise either, so ten thousand idle shells cost the client little.
/// </summary>
public sealed class ShellChannel
{
    private const int TailSize = 512;
    private static readonly byte[] s_more = "---- More ----"u8.ToArray();

    private readonly SshClientConnection _connection;
    private readonly ChannelState _channel;
    private readonly byte[] _tail = new byte[TailSize];
    private int _tailLength;
    private byte[] _prompt = [];
    private MemoryStream? _transcript;

    internal ShellChannel(SshClientConnection connection, ChannelState channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public string Prompt => Encoding.UTF8.GetString(_prompt);

    /// <summary>Keep the full output of the next commands (for checks; costs memory).</summary>
    public bool KeepTranscript
    {
        get => _transcript is not null;
        set => _transcript = value ? new MemoryStream() : null;
    }

    /// <summary>When set, the time from each space (More) to the next page or prompt is added here, in milliseconds.</summary>
    public List<double>? PageLatenciesMs { get; set; }

    public string Transcript => _transcript is null ? "" : Encoding.UTF8.GetString(_transcript.ToArray());

    internal async Task ReadFirstPromptAsync(CancellationToken cancellationToken)
    {
        // The replies to pty-req and shell may come before or after the first output; ReadAsync fails on a refusal.
        while (_prompt.Length == 0)
        {
            await ReadAsync(cancellationToken);
            _prompt = FindPrompt(_tail.AsSpan(0, _tailLength)).ToArray();
        }
    }

    /// <summary>Types <paramref name="command"/> and Enter, then reads until the prompt returns; pages through More.</summary>
    public async Task<CommandOutcome> RunAsync(string command, CancellationToken cancellationToken)
    {
        _tailLength = 0;
        await _connection.SendDataAsync(_channel, Encoding.UTF8.GetBytes(command + "\r"), cancellationToken);
        long bytes = 0;
        int pages = 0;
        long pageStart = 0;
        while (true)
        {
            var message = await ReadAsync(cancellationToken);
            if (message.Kind != ChannelEventKind.Data)
            {
                continue;
            }

            bytes += message.Data.Length;
            var tail = _tail.AsSpan(0, _tailLength);
            bool more = tail.TrimEnd((byte)' ').EndsWith(s_more);
            // Any prompt ends the command: the view (and so the prompt) changes with system-view, interface, quit.
            var prompt = more ? [] : FindPrompt(tail);
            bool done = prompt.Length > 0;
            if (done && !prompt.SequenceEqual(_prompt))
            {
                _prompt = prompt.ToArray();
            }

            if ((more || done) && pageStart != 0)
            {
                PageLatenciesMs?.Add(System.Diagnostics.Stopwatch.GetElapsedTime(pageStart).TotalMilliseconds);
            }

            if (more)
            {
                pages++;
                _tailLength = 0;
                pageStart = System.Diagnostics.Stopwatch.GetTimestamp();
                await _connection.SendDataAsync(_channel, " "u8.ToArray(), cancellationToken);
            }
            else if (done)
            {
                return new CommandOutcome(bytes, pages);
            }
        }
    }

    /// <summary>
    /// Types <paramref name="command"/> <paramref name="times"/> times without waiting (type-ahead, as a script would),
    /// then reads until as many prompts have come back. Output streams back to back, which is what channel throughput
    /// measures. The screen must not page (screen-length disable).
    /// </summary>
    public async Task<long> RunTypedAheadAsync(string command, int times, CancellationToken cancellationToken)
    {
        byte[] marker = [(byte)'\n', .. _prompt];
        byte[] line = Encoding.UTF8.GetBytes(command + "\r");
        var typed = new byte[line.Length * times];
        for (int i = 0; i < times; i++)
        {
            line.CopyTo(typed, i * line.Length);
        }

        await _connection.SendDataAsync(_channel, typed, cancellationToken);
        long bytes = 0;
        int prompts = 0;
        var carry = new byte[marker.Length - 1];
        int carryLength = 0;
        var window = new byte[64 * 1024];
        while (prompts < times)
        {
            var message = await ReadAsync(cancellationToken);
            if (message.Kind != ChannelEventKind.Data)
            {
                continue;
            }

            var data = message.Data.Span;
            bytes += data.Length;
            // Count markers in carry+data so one split across two packets is still seen exactly once.
            int length = carryLength + data.Length;
            if (window.Length < length)
            {
                window = new byte[length * 2];
            }

            carry.AsSpan(0, carryLength).CopyTo(window);
            data.CopyTo(window.AsSpan(carryLength));
            var span = window.AsSpan(0, length);
            for (int at = span.IndexOf(marker); at >= 0; at = NextIndex(span, marker, at))
            {
                prompts++;
            }

            carryLength = Math.Min(carry.Length, length);
            span[^carryLength..].CopyTo(carry);
        }

        return bytes;
    }

    private static int NextIndex(ReadOnlySpan<byte> span, ReadOnlySpan<byte> marker, int previous)
    {
        int next = span[(previous + 1)..].IndexOf(marker);
        return next < 0 ? -1 : previous + 1 + next;
    }

    /// <summary>How long one read may wait for output before the command is reported stuck (with what it printed last).</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    private async Task<ChannelEvent> ReadAsync(CancellationToken cancellationToken)
    {
        ChannelEvent message;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(ReadTimeout);
            try
            {
                message = await _connection.ReadChannelAsync(_channel, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                string tail = Encoding.UTF8.GetString(_tail.AsSpan(0, _tailLength)).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
                throw new SshClientException($"no output for {ReadTimeout.TotalSeconds:0} s; last output: \"{tail}\"");
            }
        }

        switch (message.Kind)
        {
            case ChannelEventKind.Data:
                Append(message.Data.Span);
                _transcript?.Write(message.Data.Span);
                break;
            case ChannelEventKind.Close or ChannelEventKind.Eof:
                throw new SshClientException("shell ended unexpectedly");
            case ChannelEventKind.Failure:
                throw new SshClientException("server refused pty-req or shell");
            default:
                break;
        }

        return message;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= TailSize)
        {
            data[^TailSize..].CopyTo(_tail);
            _tailLength = TailSize;
            return;
        }

        if (_tailLength + data.Length > TailSize)
        {
            int keep = TailSize - data.Length;
            _tail.AsSpan(_tailLength - keep, keep).CopyTo(_tail);
            _tailLength = keep;
        }

        data.CopyTo(_tail.AsSpan(_tailLength));
        _tailLength += data.Length;
    }

    /// <summary>The last line if it looks like a Comware prompt: &lt;name&gt; (user view) or [name] / [name-view] (system views).</summary>
    private static ReadOnlySpan<byte> FindPrompt(ReadOnlySpan<byte> tail)
    {
        int lineStart = tail.LastIndexOf((byte)'\n') + 1;
        // Comware V5 sends a NUL before the first prompt (and before the banner); it is not part of the prompt.
        var line = tail[lineStart..].TrimStart((byte)0);
        if (line.Length >= 3 && ((line[0] == '<' && line[^1] == '>') || (line[0] == '[' && line[^1] == ']'))
            && line.IndexOfAny("\r\n "u8) < 0)
        {
            return line;
        }

        return [];
    }
}

public readonly record struct CommandOutcome(long Bytes, int Pages);
