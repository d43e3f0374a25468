using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;

namespace Emulator.Device.Faults;

/// <summary>
/// Sits between a device's TCP connection and its SSH server when faults apply to that connection: delays the
/// identification line, caps the sending rate, or resets the connection during key exchange or after N bytes.
/// Connections without faults never pass through it, so the usual path keeps its zero-copy pipes.
/// </summary>
internal sealed class FaultyTransport : IDuplexPipe, IDisposable
{
    private readonly IDuplexPipe _network;
    private readonly Socket _socket;
    private readonly ConnectionFaults _faults;
    private readonly TimeProvider _time;
    private readonly Action<DropStage> _onDrop;
    private readonly Pipe _fromClient = new();
    private readonly Pipe _toClient = new();
    private readonly CancellationTokenSource _cut = new();
    private int _dropped;

    public FaultyTransport(IDuplexPipe network, Socket socket, ConnectionFaults faults, TimeProvider time, Action<DropStage> onDrop)
    {
        _network = network;
        _socket = socket;
        _faults = faults;
        _time = time;
        _onDrop = onDrop;
    }

    /// <summary>What the SSH server reads: the client's bytes.</summary>
    public PipeReader Input => _fromClient.Reader;

    /// <summary>What the SSH server writes: bytes for the client.</summary>
    public PipeWriter Output => _toClient.Writer;

    /// <summary>Moves bytes both ways until either side ends or a fault drops the connection.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cut.Token);
        await Task.WhenAll(FromClientAsync(linked.Token), ToClientAsync(linked.Token));
    }

    /// <summary>Call after <see cref="RunAsync"/> ended.</summary>
    public void Dispose() => _cut.Dispose();

    private async Task FromClientAsync(CancellationToken cancellationToken)
    {
        var identificationSeen = false;
        try
        {
            while (true)
            {
                var result = await _network.Input.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (_faults.Drop == DropStage.Kex)
                {
                    // The client's identification ends at its first LF (RFC 4253 4.2); whatever follows is its KEXINIT.
                    var lf = buffer.PositionOf((byte)'\n');
                    if (identificationSeen || (lf is { } end && buffer.Slice(buffer.GetPosition(1, end)).Length > 0))
                    {
                        Drop(DropStage.Kex);
                        return;
                    }

                    identificationSeen |= lf is not null;
                }

                foreach (var segment in buffer)
                {
                    await _fromClient.Writer.WriteAsync(segment, cancellationToken);
                }

                _network.Input.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            await _fromClient.Writer.CompleteAsync(Volatile.Read(ref _dropped) != 0 ? new IOException("connection dropped by an injected fault") : null);
        }
    }

    private async Task ToClientAsync(CancellationToken cancellationToken)
    {
        long sent = 0;
        try
        {
            if (_faults.IdentDelay > TimeSpan.Zero)
            {
                await Task.Delay(_faults.IdentDelay, _time, cancellationToken);
            }

            while (true)
            {
                var result = await _toClient.Reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var data = segment;
                    if (_faults.Drop == DropStage.Bytes && sent + data.Length >= _faults.DropAfterBytes)
                    {
                        await _network.Output.WriteAsync(data[..(int)(_faults.DropAfterBytes - sent)], cancellationToken);
                        Drop(DropStage.Bytes);
                        return;
                    }

                    await SendAsync(data, cancellationToken);
                    sent += data.Length;
                }

                _toClient.Reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            await _toClient.Reader.CompleteAsync();
            await _network.Output.CompleteAsync();
        }
    }

    /// <summary>Writes at most a tenth of a second's worth at a time, waiting in between, so the rate holds on any link.</summary>
    private async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_faults.BytesPerSecond <= 0)
        {
            await _network.Output.WriteAsync(data, cancellationToken);
            return;
        }

        var slice = Math.Max(1, _faults.BytesPerSecond / 10);
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(slice, data.Length)];
            await _network.Output.WriteAsync(chunk, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds((double)chunk.Length / _faults.BytesPerSecond), _time, cancellationToken);
            data = data[chunk.Length..];
        }
    }

    /// <summary>Resets the TCP connection (RST, as a device that lost the session would leave it) and ends both directions.</summary>
    private void Drop(DropStage stage)
    {
        if (Interlocked.Exchange(ref _dropped, 1) != 0)
        {
            return;
        }

        _onDrop(stage);
        Reset(_socket);

        // Each pump completes its own pipe ends when it sees the cancellation; completing them here would race with it.
        _cut.Cancel();
    }

    /// <summary>Closes with linger 0, so the peer gets a reset rather than an orderly end of stream.</summary>
    internal static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing left to reset.
        }
    }
}
