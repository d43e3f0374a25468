using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Emulator.Interop.Tests.Soak;

/// <summary>
/// Soak: a 100-device fleet under a steady mix of good and hostile clients. Every good login must succeed, memory and
/// open handles must stay flat, and no task may fail unobserved. CI runs it for 60 s; a long run is
/// <c>SOAK_SECONDS=3600 dotnet test tests/Emulator.Interop.Tests --filter Soak</c> (the curve goes to the test output).
/// </summary>
public sealed class SoakTests
{
    private const int Devices = 100;

    private static int Seconds => int.TryParse(Environment.GetEnvironmentVariable("SOAK_SECONDS"), out var s) && s > 0 ? s : 60;

    [Fact]
    public async Task Good_and_hostile_clients_for_a_minute_leave_the_fleet_flat()
    {
        var ct = TestContext.Current.CancellationToken;
        var unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, e) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        var dir = RunningHost.NewDirectory();
        var port = FreePortBelowEphemeralRange();
        try
        {
            await using var host = await RunningHost.StartAsync(dir, $$"""
                devices:
                  - { name: "soak{n:3}", profile: F1000-E, count: {{Devices}}, step: address, ssh: "127.0.42.1:{{port}}" }
                """);
            var addresses = Enumerable.Range(1, Devices).Select(i => IPAddress.Parse($"127.0.42.{i}")).ToArray();

            // Warm-up: a first good login on a few devices, then the baseline.
            foreach (var address in addresses.Take(4))
            {
                Assert.True(GoodLogin(address, port), $"warm-up login on {address} failed");
            }

            var baseline = Sample();
            var curve = new List<string> { $"0s {baseline}" };
            var stats = new Counters();
            var deadline = Stopwatch.StartNew();
            var random = new Random(20261206);
            var inFlight = new List<Task>();
            var nextSample = TimeSpan.FromSeconds(10);
            while (deadline.Elapsed < TimeSpan.FromSeconds(Seconds))
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                if (inFlight.Count < 6)
                {
                    var address = addresses[random.Next(addresses.Length)];
                    var kind = random.Next(10);
                    // Dedicated threads: the clients block (SSH.NET's sync API, sleeps, socket reads) for up to seconds, and
                    // on the thread pool they starved the emulators of every test running beside this one (a netmiko
                    // timing read then saw no prompt within its 2 s and failed).
                    inFlight.Add(Task.Factory.StartNew(() => RunClient(kind, address, port, stats), CancellationToken.None,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default));
                }
                else
                {
                    await Task.Delay(20, ct);
                }

                if (deadline.Elapsed >= nextSample)
                {
                    curve.Add($"{nextSample.TotalSeconds:0}s {Sample()}");
                    nextSample += TimeSpan.FromSeconds(10);
                }
            }

            await Task.WhenAll(inFlight);
            // Half-open clients were closed by their tasks; give the server a moment to notice.
            await Task.Delay(2000, ct);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var end = Sample();
            curve.Add($"end {end}");
            TestContext.Current.TestOutputHelper?.WriteLine($"soak {Seconds}s: {stats}\n" + string.Join('\n', curve));

            Assert.True(stats.GoodOk > Seconds / 2, $"too few good logins: {stats}");
            Assert.True(stats.GoodFailed == 0, $"good logins failed: {stats}\n{string.Join('\n', curve)}");
            Assert.True(stats.WrongPasswordAccepted == 0, $"a wrong password was accepted: {stats}");
            Assert.True(end.Handles - baseline.Handles < 64, $"open handles grew: {string.Join('\n', curve)}");
            Assert.True(end.ManagedBytes - baseline.ManagedBytes < 64L << 20, $"managed heap grew: {string.Join('\n', curve)}");
            Assert.Equal(0, unobserved);
            var health = await host.Http.GetAsync("/healthz", ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= onUnobserved;
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void RunClient(int kind, IPAddress address, int port, Counters stats)
    {
        switch (kind)
        {
            case <= 4:
                if (GoodLogin(address, port))
                {
                    Interlocked.Increment(ref stats.GoodOk);
                }
                else
                {
                    Interlocked.Increment(ref stats.GoodFailed);
                }

                break;
            case 5:
                WrongPassword(address, port, stats);
                break;
            case 6:
                Garbage(address, port, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
                Interlocked.Increment(ref stats.Hostile);
                break;
            case 7:
                Garbage(address, port, [.. Encoding.ASCII.GetBytes("SSH-2.0-soak\r\n"), .. RandomBytes(4096)]);
                Interlocked.Increment(ref stats.Hostile);
                break;
            default:
                HalfOpen(address, port);
                Interlocked.Increment(ref stats.Hostile);
                break;
        }
    }

    private static bool GoodLogin(IPAddress address, int port)
    {
        try
        {
            using var client = new SshClient(new ConnectionInfo(address.ToString(), port, "admin", new PasswordAuthenticationMethod("admin", "admin"))
            {
                Timeout = TimeSpan.FromSeconds(20),
            });
            client.Connect();
            using var command = client.RunCommand("display version");
            return command.Result.Contains("Comware", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SshException or SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static void WrongPassword(IPAddress address, int port, Counters stats)
    {
        try
        {
            using var client = new SshClient(new ConnectionInfo(address.ToString(), port, "admin", new PasswordAuthenticationMethod("admin", "not-the-password"))
            {
                Timeout = TimeSpan.FromSeconds(20),
            });
            client.Connect();
            Interlocked.Increment(ref stats.WrongPasswordAccepted);
        }
        catch (Exception ex) when (ex is SshException or SocketException or IOException)
        {
            Interlocked.Increment(ref stats.Hostile);
        }
    }

    private static void Garbage(IPAddress address, int port, byte[] bytes)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(address, port);
            socket.Send(bytes);
            socket.ReceiveTimeout = 2000;
            var buffer = new byte[1024];
            while (socket.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
    }

    private static void HalfOpen(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(address, port);
            Thread.Sleep(3000);
        }
        catch (SocketException)
        {
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static Snapshot Sample()
    {
        using var process = Process.GetCurrentProcess();
        return new Snapshot(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: true), Directory.GetFiles("/proc/self/fd").Length);
    }

    private static int FreePortBelowEphemeralRange()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 30000);
            try
            {
                using var probe = new TcpListener(IPAddress.Parse("127.0.42.1"), port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free port between 20000 and 30000");
    }

    private sealed record Snapshot(long Rss, long ManagedBytes, int Handles)
    {
        public override string ToString() => $"rss={Rss >> 20} MiB managed={ManagedBytes >> 20} MiB fds={Handles}";
    }

    private sealed class Counters
    {
        public int GoodOk;
        public int GoodFailed;
        public int WrongPasswordAccepted;
        public int Hostile;

        public override string ToString() => $"good={GoodOk} failed={GoodFailed} hostile={Hostile} wrong-password-accepted={WrongPasswordAccepted}";
    }
}
