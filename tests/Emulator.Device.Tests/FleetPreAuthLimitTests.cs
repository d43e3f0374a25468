using System.Net;
using System.Net.Sockets;
using Emulator.Device.Fleet;
using Emulator.Device.Runtime;
using Emulator.Device.Tests.Support;
using Emulator.Device.Wiring;
using Emulator.Ssh;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Device.Tests;

/// <summary>
/// Issue 15: handshakes in flight are capped across the fleet, not only per device. Connections that never log in,
/// spread over several devices, hold at most the fleet's limit; the oldest are dropped to make room.
/// </summary>
public sealed class FleetPreAuthLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stalled_handshakes_over_three_devices_are_held_to_the_fleets_limit_oldest_dropped_first()
    {
        var root = Path.Combine(Path.GetTempPath(), "emu-preauth-" + Guid.NewGuid().ToString("N"));
        Assert.True(ShippedProfileTests.Shipped.TryGet("F1000-AI-55", out var profile));
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var specs = Enumerable.Range(1, 3).Select(i => new DeviceSpec($"fw{i}", profile!, loopback, profile!.Ssh.DefaultPolicy)).ToList();
        var limit = new UnauthenticatedConnectionLimit(maxTotal: 4, maxPerSource: 0);
        var stalled = new List<Socket>();
        await using var fleet = new DeviceFleet(specs, root, new CountingKeyCodec(), null, ComwareEngine.Factory, TimeProvider.System,
            NullLoggerFactory.Instance, preAuthLimit: limit);
        try
        {
            Assert.Equal(3, fleet.StartAll());
            foreach (var device in fleet.Devices)
            {
                for (var i = 0; i < 3; i++)
                {
                    // Each waits for the server's identification line, so it holds its slot before the next one comes.
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    await socket.ConnectAsync(device.EndPoint, Ct);
                    stalled.Add(socket);
                    Assert.True(await ReceivesAsync(socket, TimeSpan.FromSeconds(30)) > 0);
                }
            }

            for (var i = 0; i < 200 && limit.Count > 4; i++)
            {
                await Task.Delay(50, Ct);
            }

            Assert.Equal(4, limit.Count);
            // Nine connections, four slots: the five oldest were dropped (the server closes them), the four newest wait.
            foreach (var socket in stalled.Take(5))
            {
                Assert.Equal(0, await ReceivesAsync(socket, TimeSpan.FromSeconds(30)));
            }

            foreach (var socket in stalled.Skip(5))
            {
                Assert.Equal(-1, await ReceivesAsync(socket, TimeSpan.FromMilliseconds(300)));
            }
        }
        finally
        {
            stalled.ForEach(s => s.Dispose());
            await fleet.StopAllAsync(TimeSpan.FromSeconds(1));
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    /// <summary>Bytes received (0 at end of stream), or -1 when nothing came within <paramref name="wait"/>.</summary>
    private static async Task<int> ReceivesAsync(Socket socket, TimeSpan wait)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(wait);
        var buffer = new byte[4096];
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            return -1;
        }
        catch (SocketException)
        {
            return 0;
        }
    }
}
