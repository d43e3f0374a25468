using System.Text;

namespace Emulator.Bench.Client;

/// <summary>Session channels (RFC 4254): exec with output collected or counted, and interactive shells.</summary>
public sealed partial class SshClientConnection
{
    internal const uint InitialWindow = 2 * 1024 * 1024;
    private const uint MaxPacket = 32 * 1024;

    /// <summary>Opens a session channel, runs <paramref name="command"/>, reads until the server closes the channel.</summary>
    public async Task<ExecResult> ExecAsync(string command, bool keepOutput, CancellationToken cancellationToken)
    {
        var channel = await OpenSessionAsync(cancellationToken);
        _packets.Queue(_writer.Reset().Byte(Msg.ChannelRequest).UInt32(channel.RemoteId).String("exec").Bool(true).String(command).Written);
        await _packets.FlushAsync(cancellationToken);

        var output = keepOutput ? new MemoryStream() : null;
        long stdout = 0, stderr = 0;
        bool accepted = false;
        while (true)
        {
            var message = await ReadChannelAsync(channel, cancellationToken);
            switch (message.Kind)
            {
                case ChannelEventKind.Success:
                    accepted = true;
                    break;
                case ChannelEventKind.Failure:
                    throw new SshClientException($"server refused exec '{command}'");
                case ChannelEventKind.Data:
                    stdout += message.Data.Length;
                    output?.Write(message.Data.Span);
                    break;
                case ChannelEventKind.ExtendedData:
                    stderr += message.Data.Length;
                    break;
                case ChannelEventKind.Close:
                    if (!accepted)
                    {
                        throw new SshClientException($"channel closed before exec '{command}' was accepted");
                    }

                    return new ExecResult(channel.ExitStatus, stdout, stderr, output is null ? null : Encoding.UTF8.GetString(output.ToArray()));
                default:
                    break;
            }
        }
    }

    /// <summary>Opens a session channel with a pseudo-terminal and a shell, and reads up to the first prompt.</summary>
    public async Task<ShellChannel> OpenShellAsync(int columns, int rows, CancellationToken cancellationToken)
    {
        var channel = await OpenSessionAsync(cancellationToken);
        _packets.Queue(_writer.Reset().Byte(Msg.ChannelRequest).UInt32(channel.RemoteId).String("pty-req").Bool(true)
            .String("vt100").UInt32((uint)columns).UInt32((uint)rows).UInt32(0).UInt32(0).String([0]).Written);
        _packets.Queue(_writer.Reset().Byte(Msg.ChannelRequest).UInt32(channel.RemoteId).String("shell").Bool(true).Written);
        await _packets.FlushAsync(cancellationToken);
        var shell = new ShellChannel(this, channel);
        await shell.ReadFirstPromptAsync(cancellationToken);
        return shell;
    }

    private async Task<ChannelState> OpenSessionAsync(CancellationToken cancellationToken)
    {
        var channel = new ChannelState(_nextChannelId++);
        _packets.Queue(_writer.Reset().Byte(Msg.ChannelOpen).String("session").UInt32(channel.LocalId).UInt32(InitialWindow).UInt32(MaxPacket).Written);
        await _packets.FlushAsync(cancellationToken);
        while (true)
        {
            var payload = await ReadTransportAsync(cancellationToken);
            byte number = payload.Span[0];
            if (number == Msg.GlobalRequest)
            {
                await AnswerGlobalRequestAsync(payload, cancellationToken);
                continue;
            }

            var reader = new WireReader(payload.Span[1..]);
            if (number == Msg.ChannelOpenFailure)
            {
                reader.UInt32();
                uint code = reader.UInt32();
                throw new SshClientException($"server refused session channel (code {code}: {reader.Utf8()})");
            }

            if (number != Msg.ChannelOpenConfirmation || reader.UInt32() != channel.LocalId)
            {
                throw new SshClientException($"expected CHANNEL_OPEN_CONFIRMATION, got message {number}");
            }

            channel.RemoteId = reader.UInt32();
            channel.RemoteWindow = reader.UInt32();
            channel.RemoteMaxPacket = reader.UInt32();
            return channel;
        }
    }

    internal async ValueTask SendDataAsync(ChannelState channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (data.Length > 0)
        {
            while (channel.RemoteWindow == 0)
            {
                // Only WINDOW_ADJUST changes the window; other events arriving meanwhile are dropped, which suits typed input.
                var message = await ReadChannelAsync(channel, cancellationToken);
                if (message.Kind == ChannelEventKind.Close)
                {
                    throw new SshClientException("channel closed while sending");
                }
            }

            int chunk = (int)Math.Min(Math.Min(channel.RemoteWindow, channel.RemoteMaxPacket), (uint)data.Length);
            _packets.Queue(_writer.Reset().Byte(Msg.ChannelData).UInt32(channel.RemoteId).String(data.Span[..chunk]).Written);
            channel.RemoteWindow -= (uint)chunk;
            data = data[chunk..];
        }

        await _packets.FlushAsync(cancellationToken);
    }

    /// <summary>Next event on <paramref name="channel"/>; answers global requests and keeps our receive window open.</summary>
    internal async ValueTask<ChannelEvent> ReadChannelAsync(ChannelState channel, CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await ReadTransportAsync(cancellationToken);
            byte number = payload.Span[0];
            if (number == Msg.GlobalRequest)
            {
                await AnswerGlobalRequestAsync(payload, cancellationToken);
                continue;
            }

            var reader = new WireReader(payload.Span[1..]);
            if (number is < Msg.ChannelWindowAdjust or > Msg.ChannelFailure || reader.UInt32() != channel.LocalId)
            {
                throw new SshClientException($"unexpected message {number} on the session channel");
            }

            switch (number)
            {
                case Msg.ChannelWindowAdjust:
                    channel.RemoteWindow = (uint)Math.Min(uint.MaxValue, (ulong)channel.RemoteWindow + reader.UInt32());
                    continue;
                case Msg.ChannelData:
                    int length = (int)reader.UInt32();
                    await ConsumeWindowAsync(channel, length, cancellationToken);
                    return new ChannelEvent(ChannelEventKind.Data, payload.Slice(9, length));
                case Msg.ChannelExtendedData:
                    reader.UInt32();
                    int extended = (int)reader.UInt32();
                    await ConsumeWindowAsync(channel, extended, cancellationToken);
                    return new ChannelEvent(ChannelEventKind.ExtendedData, payload.Slice(13, extended));
                case Msg.ChannelEof:
                    return new ChannelEvent(ChannelEventKind.Eof, default);
                case Msg.ChannelClose:
                    if (!channel.CloseSent)
                    {
                        channel.CloseSent = true;
                        _packets.Queue(_writer.Reset().Byte(Msg.ChannelClose).UInt32(channel.RemoteId).Written);
                        await _packets.FlushAsync(cancellationToken);
                    }

                    return new ChannelEvent(ChannelEventKind.Close, default);
                case Msg.ChannelRequest:
                    await HandleChannelRequestAsync(channel, payload, cancellationToken);
                    continue;
                case Msg.ChannelSuccess:
                    return new ChannelEvent(ChannelEventKind.Success, default);
                case Msg.ChannelFailure:
                    return new ChannelEvent(ChannelEventKind.Failure, default);
                default:
                    throw new SshClientException($"unexpected message {number} on the session channel");
            }
        }
    }

    private async ValueTask ConsumeWindowAsync(ChannelState channel, int length, CancellationToken cancellationToken)
    {
        if ((uint)length > channel.LocalWindow)
        {
            throw new SshClientException("server sent more data than the window allows");
        }

        channel.LocalWindow -= (uint)length;
        if (channel.LocalWindow < InitialWindow / 2)
        {
            _packets.Queue(_writer.Reset().Byte(Msg.ChannelWindowAdjust).UInt32(channel.RemoteId).UInt32(InitialWindow - channel.LocalWindow).Written);
            channel.LocalWindow = InitialWindow;
            await _packets.FlushAsync(cancellationToken);
        }
    }

    private async ValueTask HandleChannelRequestAsync(ChannelState channel, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new WireReader(payload.Span[5..]);
        string type = reader.Utf8();
        bool wantReply = reader.Bool();
        if (type == "exit-status")
        {
            channel.ExitStatus = (int)reader.UInt32();
        }
        else if (type == "exit-signal")
        {
            channel.ExitStatus = -1;
        }

        if (wantReply)
        {
            _packets.Queue(_writer.Reset().Byte(Msg.ChannelFailure).UInt32(channel.RemoteId).Written);
            await _packets.FlushAsync(cancellationToken);
        }
    }

    private async ValueTask AnswerGlobalRequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new WireReader(payload.Span[1..]);
        reader.String();
        if (reader.Bool())
        {
            _packets.Queue([Msg.RequestFailure]);
            await _packets.FlushAsync(cancellationToken);
        }
    }
}

public sealed record ExecResult(int? ExitStatus, long StdoutBytes, long StderrBytes, string? Output);

internal enum ChannelEventKind { Data, ExtendedData, Eof, Close, Success, Failure }

internal readonly record struct ChannelEvent(ChannelEventKind Kind, ReadOnlyMemory<byte> Data);

internal sealed class ChannelState(uint localId)
{
    public uint LocalId { get; } = localId;

    public uint RemoteId { get; set; }

    public uint RemoteWindow { get; set; }

    public uint RemoteMaxPacket { get; set; }

    public uint LocalWindow { get; set; } = SshClientConnection.InitialWindow;

    public bool CloseSent { get; set; }

    public int? ExitStatus { get; set; }
}
