using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Emulator.Device.Profiles;
using Emulator.Device.Runtime;

namespace Emulator.Device.Tests;

public sealed class ListenerTests
{
    /// <summary>Issue 20 "no TCP keepalive": a client that vanished without a FIN must not hold its session forever.
    /// On Linux the options are set on the listener and inherited (issue 15): this checks the accepted socket has them.</summary>
    [Fact]
    public async Task Accepted_connections_use_tcp_keepalive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var listener = DeviceListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var accepted = new TaskCompletionSource<(bool NoDelay, int KeepAlive, int Time, int Interval, int Probes)>();
        listener.Start((socket, _, _) =>
        {
            accepted.TrySetResult((
                socket.NoDelay,
                (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval)!,
                (int)socket.GetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount)!));
            return Task.CompletedTask;
        });
        using var client = new TcpClient();
        await client.ConnectAsync(listener.LocalEndPoint, ct);
        var options = await accepted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.True(options.NoDelay);
        Assert.NotEqual(0, options.KeepAlive);
        Assert.Equal((DeviceListener.KeepAliveTime, DeviceListener.KeepAliveInterval, DeviceListener.KeepAliveProbes), (options.Time, options.Interval, options.Probes));
    }
}

public sealed class ModernPolicyTests
{
    /// <summary>Issue 20: under 'modern' group exchange never offers a prime below 2048 bits and SHA-1 RSA / DSA user signatures are refused.</summary>
    [Fact]
    public void Modern_is_strict_and_the_device_policies_keep_what_old_clients_need()
    {
        Assert.Equal(2048, AlgorithmPolicy.Modern.MinimumGroupExchangeBits());
        Assert.DoesNotContain("ssh-rsa", AlgorithmPolicy.Modern.UserSignatureAlgorithms());
        Assert.DoesNotContain("ssh-dss", AlgorithmPolicy.Modern.UserSignatureAlgorithms());
        Assert.Contains("rsa-sha2-256", AlgorithmPolicy.Modern.UserSignatureAlgorithms());
        Assert.Equal(1024, AlgorithmPolicy.Device.MinimumGroupExchangeBits());
        Assert.Contains("ssh-rsa", AlgorithmPolicy.DeviceAndModern.UserSignatureAlgorithms());
    }
}
