using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>
/// A TCP listener on 127.0.0.1 (ephemeral port) that runs only the transport, plus a stub upper layer that accepts
/// "ssh-userauth", lets any user in with any method, and refuses every channel. Enough for ssh-keyscan and for
/// checking every algorithm against the real OpenSSH client.
/// </summary>
internal sealed class TransportTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly List<Task> _connections = [];
    private readonly Lock _lock = new();

    public TransportTcpServer(TransportSettings settings)
    {
        _listener.Start();
        _acceptLoop = AcceptLoopAsync(settings);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Errors the server saw, for diagnostics when a client fails.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    public System.Collections.Concurrent.ConcurrentQueue<string> Negotiated { get; } = new();

    private async Task AcceptLoopAsync(TransportSettings settings)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_lock)
                {
                    _connections.Add(Task.Run(() => ServeAsync(socket, settings)));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(Socket socket, TransportSettings settings)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var pipe = new StreamDuplexPipe(PipeReader.Create(stream), PipeWriter.Create(stream));
        SshTransport? transport = null;
        try
        {
            transport = await SshTransport.AcceptAsync(pipe, settings, _stop.Token);
            var a = transport.Algorithms;
            Negotiated.Enqueue($"{a.KeyExchange} {a.HostKey} {a.CipherClientToServer} {a.MacClientToServer} {a.CompressionClientToServer}");
            await RespondAsync(transport, _stop.Token);
        }
        catch (Exception e) when (e is SshDisconnectException or IOException or OperationCanceledException or SocketException or InvalidOperationException)
        {
            Errors.Enqueue(e.Message);
        }
        finally
        {
            if (transport is not null)
            {
                await transport.DisconnectAsync(DisconnectReason.ByApplication, "test server done", CancellationToken.None);
                await transport.DisposeAsync();
            }
        }
    }

    private static async Task RespondAsync(SshTransport transport, CancellationToken ct)
    {
        while (true)
        {
            var payload = (await transport.ReadPacketAsync(ct)).ToArray();
            var reply = Answer(payload, transport.LastReceivedSequenceNumber);
            if (reply is not null)
            {
                await transport.WritePacketAsync(reply, ct);
            }

            if (payload[0] == MessageNumbers.UserAuthRequest)
            {
                transport.OnAuthenticated();
            }
        }
    }

    private static byte[]? Answer(byte[] payload, uint sequence)
    {
        var reader = new SshReader(payload.AsSpan(1));
        switch (payload[0])
        {
            case MessageNumbers.ServiceRequest:
                var service = reader.ReadAsciiString();
                return Build(MessageNumbers.ServiceAccept, w => w.WriteString(service));
            case MessageNumbers.UserAuthRequest:
                return [MessageNumbers.UserAuthSuccess];
            case MessageNumbers.GlobalRequest:
                reader.ReadString();
                return reader.ReadBoolean() ? [MessageNumbers.RequestFailure] : null;
            case MessageNumbers.ChannelOpen:
                reader.ReadString();
                var sender = reader.ReadUInt32();
                return Build(MessageNumbers.ChannelOpenFailure, w =>
                {
                    w.WriteUInt32(sender);
                    w.WriteUInt32(1);
                    w.WriteString("transport test server has no channels");
                    w.WriteString("");
                });
            default:
                return Build(MessageNumbers.Unimplemented, w => w.WriteUInt32(sequence));
        }
    }

    private static byte[] Build(byte number, Action<SshWriterBox> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var box = new SshWriterBox(buffer);
        box.WriteByte(number);
        fields(box);
        return buffer.WrittenSpan.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private sealed class StreamDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
