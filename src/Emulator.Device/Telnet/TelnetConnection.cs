using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Text;

namespace Emulator.Device.Telnet;

/// <summary>
/// One telnet connection as the CLI sees it: clean input bytes (commands removed, IAC IAC → 255, CR LF and CR NUL → CR,
/// RFC 854) and an output pipe whose 255 bytes are doubled on the wire. The server offers ECHO and SUPPRESS-GO-AHEAD
/// (the device echoes and runs in character mode) and asks for NAWS and TERMINAL-TYPE; window sizes and the terminal
/// type the client reports are kept. Other options are refused. Answers are sent only when an option's state
/// changes, so two peers can never loop (RFC 854 "rules").
/// </summary>
internal sealed class TelnetConnection : IAsyncDisposable
{
    private readonly IDuplexPipe _transport;
    private readonly Pipe _input = new();
    private readonly Pipe _output = new();
    private readonly SemaphoreSlim _wire = new(1, 1);
    private readonly TelnetParser _parser = new();
    private readonly HashSet<byte> _refusedLocal = [];
    private readonly HashSet<byte> _refusedRemote = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _inputPump = Task.CompletedTask;
    private Task _outputPump = Task.CompletedTask;
    private bool _afterCr;
    private volatile string _terminalType = "vt100";

    public TelnetConnection(IDuplexPipe transport) => _transport = transport;

    /// <summary>Data from the client, telnet commands removed.</summary>
    public PipeReader Input => _input.Reader;

    /// <summary>Data to the client.</summary>
    public PipeWriter Output => _output.Writer;

    /// <summary>TERMINAL-TYPE the client reported (lower case), or <c>vt100</c>.</summary>
    public string TerminalType => _terminalType;

    /// <summary>Called with (columns, rows) on every NAWS report.</summary>
    public Action<int, int>? Resized { get; set; }

    /// <summary>What the server sends first: WILL ECHO, WILL SUPPRESS-GO-AHEAD, DO NAWS, DO TERMINAL-TYPE.</summary>
    public static ReadOnlySpan<byte> Greeting =>
    [
        TelnetCodes.Iac, TelnetCodes.Will, TelnetCodes.Echo,
        TelnetCodes.Iac, TelnetCodes.Will, TelnetCodes.SuppressGoAhead,
        TelnetCodes.Iac, TelnetCodes.Do, TelnetCodes.WindowSize,
        TelnetCodes.Iac, TelnetCodes.Do, TelnetCodes.TerminalType,
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SendAsync(Greeting.ToArray(), cancellationToken);
        _inputPump = PumpInputAsync(_stop.Token);
        _outputPump = PumpOutputAsync(_stop.Token);
    }

    private async Task PumpInputAsync(CancellationToken cancellationToken)
    {
        var commands = new List<TelnetCommand>();
        var data = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await _transport.Input.ReadAsync(cancellationToken);
                foreach (var segment in result.Buffer)
                {
                    _parser.Feed(segment.Span, data, commands);
                }

                _transport.Input.AdvanceTo(result.Buffer.End);
                WriteNewlinesFolded(data.WrittenSpan);
                data.Clear();
                foreach (var command in commands)
                {
                    await AnswerAsync(command, cancellationToken);
                }

                commands.Clear();
                await _input.Writer.FlushAsync(cancellationToken);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
        finally
        {
            await _input.Writer.CompleteAsync();
        }
    }

    /// <summary>CR LF and CR NUL are one CR (RFC 854 end of line), even when the pair is split across reads.</summary>
    private void WriteNewlinesFolded(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (_afterCr && b is (byte)'\n' or 0)
            {
                _afterCr = false;
                continue;
            }

            _afterCr = b == '\r';
            _input.Writer.GetSpan(1)[0] = b;
            _input.Writer.Advance(1);
        }
    }

    private async Task AnswerAsync(TelnetCommand command, CancellationToken cancellationToken)
    {
        switch (command.Verb)
        {
            case TelnetCodes.Do when command.Option is not (TelnetCodes.Echo or TelnetCodes.SuppressGoAhead):
            case TelnetCodes.Dont when command.Option is TelnetCodes.Echo or TelnetCodes.SuppressGoAhead:
                if (_refusedLocal.Add(command.Option))
                {
                    await SendAsync(new byte[] { TelnetCodes.Iac, TelnetCodes.Wont, command.Option }, cancellationToken);
                }

                break;
            case TelnetCodes.Will when command.Option == TelnetCodes.TerminalType:
                await SendAsync(new byte[] { TelnetCodes.Iac, TelnetCodes.Sb, TelnetCodes.TerminalType, TelnetCodes.Send, TelnetCodes.Iac, TelnetCodes.Se }, cancellationToken);
                break;
            case TelnetCodes.Will when command.Option is not TelnetCodes.WindowSize:
                if (_refusedRemote.Add(command.Option))
                {
                    await SendAsync(new byte[] { TelnetCodes.Iac, TelnetCodes.Dont, command.Option }, cancellationToken);
                }

                break;
            case TelnetCodes.Sb when command.Option == TelnetCodes.WindowSize && command.Parameters is { Length: 4 } size:
                Resized?.Invoke(BinaryPrimitives.ReadUInt16BigEndian(size), BinaryPrimitives.ReadUInt16BigEndian(size.AsSpan(2)));
                break;
            case TelnetCodes.Sb when command.Option == TelnetCodes.TerminalType && command.Parameters is [TelnetCodes.Is, .. var name] && name.Length is > 0 and <= 40:
                _terminalType = Encoding.ASCII.GetString(name).ToLowerInvariant();
                break;
        }
    }

    private async Task PumpOutputAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await _output.Reader.ReadAsync(cancellationToken);
                var escaped = new ArrayBufferWriter<byte>((int)Math.Min(result.Buffer.Length + 16, 1 << 16));
                foreach (var segment in result.Buffer)
                {
                    foreach (var b in segment.Span)
                    {
                        var span = escaped.GetSpan(2);
                        span[0] = b;
                        var length = 1;
                        if (b == TelnetCodes.Iac)
                        {
                            span[1] = TelnetCodes.Iac;
                            length = 2;
                        }

                        escaped.Advance(length);
                    }
                }

                _output.Reader.AdvanceTo(result.Buffer.End);
                if (escaped.WrittenCount > 0)
                {
                    await SendAsync(escaped.WrittenMemory, cancellationToken);
                }

                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
        finally
        {
            await _output.Reader.CompleteAsync();
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _wire.WaitAsync(cancellationToken);
        try
        {
            await _transport.Output.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _wire.Release();
        }
    }

    /// <summary>Sends what the CLI wrote, then stops both pumps.</summary>
    public async ValueTask DisposeAsync()
    {
        await _output.Writer.CompleteAsync();
        await _outputPump.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stop.CancelAsync();
        await _inputPump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _input.Reader.CompleteAsync();
        _stop.Dispose();
        _wire.Dispose();
    }
}
