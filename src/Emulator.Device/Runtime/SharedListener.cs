using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emulator.Device.Faults;

namespace Emulator.Device.Runtime;

/// <summary>
/// One listening socket for every device on the same port at different loopback addresses (a fleet's
/// <c>step: address</c>: 127.0.1.1:22, 127.0.1.2:22, ...). It is bound to 0.0.0.0:port, because Linux delivers a
/// connection to 127.0.1.2 only to a socket bound to that address or to any; each accepted connection goes to the
/// device that owns its local (destination) address. A connection to an address no device owns (another loopback
/// address, or one of the machine's other interfaces) is reset at once. A fleet of 100,000 devices then needs a
/// handful of descriptors instead of 100,000 (the open-file limit capped a process near 19,000 devices).
/// </summary>
internal sealed class SharedListener : IAsyncDisposable
{
    /// <summary>Connections a busy shared port may queue in the kernel before the accept loop takes them.</summary>
    public const int Backlog = 4096;

    private readonly DeviceListener _listener;
    private readonly Dictionary<uint, DeviceInstance> _byAddress = [];
    private readonly Lock _lock = new();

    private SharedListener(DeviceListener listener) => _listener = listener;

    public int Port => _listener.LocalEndPoint.Port;

    /// <summary>Binds 0.0.0.0:<paramref name="port"/>; throws <see cref="SocketException"/> when any address has that port taken.</summary>
    public static SharedListener Bind(int port)
    {
        var shared = new SharedListener(DeviceListener.Bind(new IPEndPoint(IPAddress.Any, port), Backlog));
        shared._listener.Start(shared.DispatchAsync);
        return shared;
    }

    /// <summary>Whether devices at <paramref name="endPoint"/> can share a listener: an IPv4 loopback address and a fixed port.</summary>
    public static bool CanShare(IPEndPoint endPoint) =>
        endPoint.Port != 0 && endPoint.AddressFamily == AddressFamily.InterNetwork && IPAddress.IsLoopback(endPoint.Address);

    public IPEndPoint EndPointOf(IPAddress address) => new(address, Port);

    public void Add(IPAddress address, DeviceInstance device)
    {
        lock (_lock)
        {
            _byAddress.Add(Key(address), device);
        }
    }

    /// <summary>The device stops or fails: connections to its address are reset from now on.</summary>
    public void Remove(IPAddress address, DeviceInstance device)
    {
        lock (_lock)
        {
            if (_byAddress.TryGetValue(Key(address), out var owner) && owner == device)
            {
                _byAddress.Remove(Key(address));
            }
        }
    }

    private Task DispatchAsync(Socket socket, IDuplexPipe transport, CancellationToken cancellationToken)
    {
        DeviceInstance? device = null;
        if (socket.LocalEndPoint is IPEndPoint local)
        {
            var address = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
            lock (_lock)
            {
                _byAddress.TryGetValue(Key(address), out device);
            }
        }

        if (device is null)
        {
            // Nobody answers at this address: as if nothing listened there.
            FaultyTransport.Reset(socket);
            return Task.CompletedTask;
        }

        return device.OnSshConnectionAsync(socket, transport, cancellationToken);
    }

    private static uint Key(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        return address.TryWriteBytes(bytes, out var written) && written == 4
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
    }

    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}
