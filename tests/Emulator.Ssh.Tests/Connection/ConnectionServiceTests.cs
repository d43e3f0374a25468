using System.Text;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Ssh.Tests.Connection;

public class ConnectionServiceTests
{
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task Exec_sends_output_then_exit_status_eof_close()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(7);
        peer.Exec(channel, "echo hello world");
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        var t = await ChannelTranscript.CollectAsync(peer, 7);
        Assert.Equal("hello world\n", Text(t.Stdout));
        Assert.Equal(0u, t.ExitStatus);
        Assert.Equal([MessageNumbers.ChannelData, MessageNumbers.ChannelRequest, MessageNumbers.ChannelEof, MessageNumbers.ChannelClose], t.Order);
        Assert.Equal("admin", harness.Handler.Sessions.Single().UserName);
    }

    [Fact]
    public async Task Exit_codes_and_stderr_arrive_as_extended_data()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.Exec(channel, "stderr oops", wantReply: false);
        var t = await ChannelTranscript.CollectAsync(peer, 0);
        Assert.Equal("oops\n", Text(t.Stderr));
        Assert.Empty(t.Stdout);
        Assert.Equal(1u, t.ExitStatus);

        channel = await peer.OpenSessionAsync(1);
        peer.Exec(channel, "exit 42", wantReply: false);
        Assert.Equal(42u, (await ChannelTranscript.CollectAsync(peer, 1)).ExitStatus);
    }

    [Fact]
    public async Task Pty_and_env_reach_the_session()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.ChannelRequest(channel, "pty-req", true, b => b.String("vt100").UInt32(132).UInt32(50).UInt32(0).UInt32(0).String([0]));
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        peer.ChannelRequest(channel, "env", true, b => b.String("LANG").String("C"));
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        peer.Exec(channel, "pty");
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        Assert.Equal("vt100 132x50\n", Text((await ChannelTranscript.CollectAsync(peer, 0)).Stdout));
        Assert.Equal("C", harness.Handler.Sessions.Single().Environment["LANG"]);
    }

    [Fact]
    public async Task Shell_echoes_lines_and_events_arrive_in_order()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(3);
        peer.ChannelRequest(channel, "shell", true);
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        peer.ChannelRequest(channel, "window-change", false, b => b.UInt32(100).UInt32(40).UInt32(0).UInt32(0));
        peer.ChannelRequest(channel, "signal", false, b => b.String("INT"));
        peer.Data(channel, Encoding.ASCII.GetBytes("display version\r"));
        peer.Data(channel, Encoding.ASCII.GetBytes("exit\r"));
        var t = await ChannelTranscript.CollectAsync(peer, 3);
        Assert.Equal("welcome\r\n$ > display version\r\n$ bye\r\n", Text(t.Stdout));
        Assert.Equal(0u, t.ExitStatus);
        // The handler records events on its own task; give it a moment after the shell has ended.
        for (var i = 0; i < 100 && harness.Handler.Events.Count < 2; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal<SessionEvent>([new WindowChanged(100, 40), new SignalReceived("INT")], harness.Handler.Events);
    }

    [Fact]
    public async Task Output_respects_the_client_window_and_maximum_packet()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        const uint window = 5000;
        const uint maxPacket = 700;
        var channel = await peer.OpenSessionAsync(0, window, maxPacket);
        peer.Exec(channel, "bytes 100000", wantReply: false);

        long received = 0;
        long granted = window;
        var all = new MemoryStream();
        while (true)
        {
            var packet = await peer.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            if (packet[0] == MessageNumbers.ChannelClose)
            {
                break;
            }

            if (packet[0] != MessageNumbers.ChannelData)
            {
                continue;
            }

            var reader = new SshReader(packet);
            reader.ReadByte();
            reader.ReadUInt32();
            var data = reader.ReadString();
            Assert.InRange(data.Length, 1, (int)maxPacket);
            received += data.Length;
            all.Write(data);
            Assert.True(received <= granted, $"server sent {received} bytes with only {granted} granted");

            // Grant more only once the window is used up, to test that the server really waits.
            if (received == granted)
            {
                Assert.Null(await peer.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(20)));
                peer.WindowAdjust(channel, 3000);
                granted += 3000;
            }
        }

        Assert.Equal(100000, received);
        var bytes = all.ToArray();
        for (var i = 0; i < bytes.Length; i++)
        {
            Assert.Equal(TestSessionHandler.PatternByte(i), bytes[i]);
        }
    }

    [Fact]
    public async Task Input_window_is_reopened_as_the_application_consumes()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0, window: 64 << 20);
        peer.Exec(channel, "cat", wantReply: false);

        // 6 MiB through a 2 MiB window: only possible if the server adjusts it.
        var chunk = new byte[32 * 1024];
        long serverWindow = 2 * 1024 * 1024;
        long sent = 0;
        long echoed = 0;
        const long total = 6L * 1024 * 1024;
        while (echoed < total)
        {
            while (sent < total && serverWindow >= chunk.Length)
            {
                peer.Data(channel, chunk);
                sent += chunk.Length;
                serverWindow -= chunk.Length;
            }

            var packet = await peer.ReceiveAsync() ?? throw new InvalidOperationException("closed");
            var reader = new SshReader(packet);
            var number = reader.ReadByte();
            reader.ReadUInt32();
            if (number == MessageNumbers.ChannelWindowAdjust)
            {
                serverWindow += reader.ReadUInt32();
            }
            else if (number == MessageNumbers.ChannelData)
            {
                echoed += reader.ReadString().Length;
            }
        }

        peer.Eof(channel);
        var t = await ChannelTranscript.CollectAsync(peer, 0);
        Assert.Equal(0u, t.ExitStatus);
    }

    [Fact]
    public async Task Data_beyond_the_window_disconnects()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.Exec(channel, "hang");
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        var chunk = new byte[32 * 1024];
        for (var i = 0; i < 65; i++)
        {
            peer.Data(channel, chunk);
        }

        Assert.Equal((uint)DisconnectReason.ProtocolError, await peer.ExpectDisconnectAsync());
    }

    [Fact]
    public async Task Several_channels_run_at_once_and_one_failing_handler_harms_no_other()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var hang = await peer.OpenSessionAsync(0);
        var fail = await peer.OpenSessionAsync(1);
        var echo = await peer.OpenSessionAsync(2);
        peer.Exec(hang, "hang", wantReply: false);
        peer.Exec(fail, "fail", wantReply: false);

        var failed = await ChannelTranscript.CollectAsync(peer, 1);
        Assert.Null(failed.ExitStatus);
        Assert.True(failed.Eof);
        peer.CloseChannel(fail);

        peer.Exec(echo, "echo alive", wantReply: false);
        Assert.Equal("alive\n", Text((await ChannelTranscript.CollectAsync(peer, 2)).Stdout));
        peer.CloseChannel(echo);

        // The client closes the hanging one: the server answers CLOSE and the handler is cancelled.
        peer.CloseChannel(hang);
        await peer.ExpectAsync(MessageNumbers.ChannelClose);

        var again = await peer.OpenSessionAsync(9);
        peer.Exec(again, "whoami", wantReply: false);
        Assert.Equal("admin\n", Text((await ChannelTranscript.CollectAsync(peer, 9)).Stdout));
    }

    [Theory]
    [InlineData("say-and-hang ready")]
    [InlineData("exit-when-stopped")]
    public async Task The_clients_close_gets_only_a_close_back_however_the_application_ends(string command)
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        // The application ends as the CLOSE stops it; that race must never put exit-status or EOF before our CLOSE.
        for (uint id = 0; id < 5; id++)
        {
            var channel = await peer.OpenSessionAsync(id);
            peer.Exec(channel, command, wantReply: false);
            await peer.ExpectAsync(MessageNumbers.ChannelData);
            peer.CloseChannel(channel);
            await peer.ExpectAsync(MessageNumbers.ChannelClose);
        }
    }

    [Fact]
    public async Task Channel_count_is_capped()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        for (uint i = 0; i < 10; i++)
        {
            await peer.OpenSessionAsync(i);
        }

        peer.OpenSession(10);
        var failure = new SshReader(await peer.ExpectAsync(MessageNumbers.ChannelOpenFailure));
        failure.ReadByte();
        Assert.Equal(10u, failure.ReadUInt32());
        Assert.Equal(4u, failure.ReadUInt32());
    }

    [Theory]
    [InlineData("direct-tcpip", 1u)]
    [InlineData("x11", 1u)]
    [InlineData("forwarded-tcpip", 1u)]
    [InlineData("auth-agent@openssh.com", 1u)]
    [InlineData("made-up", 3u)]
    public async Task Other_channel_types_are_refused(string type, uint reason)
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        peer.Send(b => b.Byte(MessageNumbers.ChannelOpen).String(type).UInt32(5).UInt32(1000).UInt32(1000).String("127.0.0.1").UInt32(22).String("127.0.0.1").UInt32(5555));
        var failure = new SshReader(await peer.ExpectAsync(MessageNumbers.ChannelOpenFailure));
        failure.ReadByte();
        Assert.Equal(5u, failure.ReadUInt32());
        Assert.Equal(reason, failure.ReadUInt32());
    }

    [Theory]
    [InlineData("keepalive@openssh.com")]
    [InlineData("tcpip-forward")]
    [InlineData("unknown@example.com")]
    public async Task Global_requests_wanting_a_reply_get_request_failure(string name)
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        peer.Send(b => b.Byte(MessageNumbers.GlobalRequest).String(name).Bool(false).String("0.0.0.0").UInt32(0));
        peer.Send(b => b.Byte(MessageNumbers.GlobalRequest).String(name).Bool(true).String("0.0.0.0").UInt32(0));
        await peer.ExpectAsync(MessageNumbers.RequestFailure);
    }

    [Fact]
    public async Task Subsystems_depend_on_the_handler_and_unknown_requests_fail()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.ChannelRequest(channel, "subsystem", true, b => b.String("sftp"));
        await peer.ExpectAsync(MessageNumbers.ChannelFailure);
        peer.ChannelRequest(channel, "x11-req", true, b => b.Bool(false).String("MIT-MAGIC-COOKIE-1").String("00").UInt32(0));
        await peer.ExpectAsync(MessageNumbers.ChannelFailure);
        peer.ChannelRequest(channel, "subsystem", true, b => b.String("echo"));
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        peer.ChannelRequest(channel, "shell", true);
        await peer.ExpectAsync(MessageNumbers.ChannelFailure);
        peer.Data(channel, Encoding.ASCII.GetBytes("ping"));
        peer.Eof(channel);
        Assert.Equal("ping", Text((await ChannelTranscript.CollectAsync(peer, 0)).Stdout));
    }

    [Fact]
    public async Task Unknown_message_numbers_get_unimplemented_and_the_connection_goes_on()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        peer.Send([200, 1, 2, 3]);
        var unimplemented = new SshReader(await peer.ExpectAsync(MessageNumbers.Unimplemented));
        unimplemented.ReadByte();
        Assert.Equal(2u, unimplemented.ReadUInt32()); // service request = 0, password = 1, this = 2
        var channel = await peer.OpenSessionAsync(0);
        Assert.Equal(0u, channel);
    }

    [Fact]
    public async Task Data_for_an_unknown_channel_disconnects()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        peer.Data(77, [1, 2, 3]);
        Assert.Equal((uint)DisconnectReason.ProtocolError, await peer.ExpectDisconnectAsync());
    }

    [Fact]
    public async Task Idle_connections_are_closed()
    {
        var time = new FakeTimeProvider();
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            TimeProvider = time,
            IdleTimeout = TimeSpan.FromMinutes(10),
        });
        var peer = await harness.ConnectAuthenticatedAsync();
        time.Advance(TimeSpan.FromMinutes(9));
        var channel = await peer.OpenSessionAsync(0);
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(await peer.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(100)));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((uint)DisconnectReason.ByApplication, await peer.ExpectDisconnectAsync());
        Assert.Equal("idle timeout", harness.ServerSides[0].DisconnectDescription);
        Assert.Equal(0u, channel);
    }

    [Fact]
    public async Task Shutdown_sends_disconnect_by_application_and_cancels_sessions()
    {
        var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.Exec(channel, "hang");
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        await harness.ShutdownAsync();
        Assert.Equal((uint)DisconnectReason.ByApplication, await peer.ExpectDisconnectAsync());
        Assert.Equal(0, harness.Server.ConnectionCount);
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Shutdown_still_sends_output_written_before_it_then_closes_the_channel()
    {
        // A device reboot or host shutdown ends sessions; what they printed before must still reach the client
        // (a window of zero holds the output back until the shutdown has begun).
        var (harness, peer, _, shutdown) = await ShutdownWithOutputHeldByWindowAsync("before the reboot", windowAfter: TimeSpan.Zero);
        Assert.Equal((uint)DisconnectReason.ByApplication, await peer.ExpectDisconnectAsync());
        await shutdown;
        await harness.DisposeAsync();
    }

    [Fact]
    public async Task During_a_shutdown_the_client_can_still_open_its_window_and_answer_the_close()
    {
        // The shutdown has begun before the client opens its window: packets are still read while sessions drain, so
        // the held output leaves, and the DISCONNECT waits for the client's answer to our CLOSE, not for DrainTime.
        var (harness, peer, channel, shutdown) = await ShutdownWithOutputHeldByWindowAsync("held by the window", windowAfter: TimeSpan.FromMilliseconds(200));
        var answered = System.Diagnostics.Stopwatch.StartNew();
        peer.Send(b => b.Byte(MessageNumbers.ChannelClose).UInt32(channel));
        Assert.Equal((uint)DisconnectReason.ByApplication, await peer.ExpectDisconnectAsync());
        Assert.True(answered.Elapsed < Ssh.Connection.SessionChannel.DrainTime, $"DISCONNECT {answered.Elapsed} after the client's CLOSE");
        await shutdown;
        await harness.DisposeAsync();
    }

    /// <summary>
    /// An exec prints <paramref name="text"/> into a closed window and hangs; the server shuts down, the client opens
    /// the window <paramref name="windowAfter"/> later and gets the output, EOF and CLOSE.
    /// </summary>
    private static async Task<(UpperLayerHarness Harness, TestPeer Peer, uint Channel, Task Shutdown)> ShutdownWithOutputHeldByWindowAsync(string text, TimeSpan windowAfter)
    {
        var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0, window: 0);
        peer.Exec(channel, "say-and-hang " + text);
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        var shutdown = harness.ShutdownAsync();
        if (windowAfter > TimeSpan.Zero)
        {
            await Task.Delay(windowAfter, TestContext.Current.CancellationToken);
        }

        peer.WindowAdjust(channel, 1 << 16);
        var data = await peer.ExpectAsync(MessageNumbers.ChannelData);
        Assert.EndsWith(text + "\n", System.Text.Encoding.ASCII.GetString(data), StringComparison.Ordinal);
        await peer.ExpectAsync(MessageNumbers.ChannelEof);
        await peer.ExpectAsync(MessageNumbers.ChannelClose);
        return (harness, peer, channel, shutdown);
    }

    [Fact]
    public async Task A_lost_connection_sends_nothing_more()
    {
        var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0, window: 0);
        peer.Exec(channel, "say-and-hang unsent");
        await peer.ExpectAsync(MessageNumbers.ChannelSuccess);
        // The client's side ends (connection lost): the held output is dropped, not sent into a dead connection.
        peer.Close();
        await harness.LastConnection.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        while (await peer.ReceiveOrNullAsync(TimeSpan.FromMilliseconds(200)) is { } packet)
        {
            Assert.NotEqual(MessageNumbers.ChannelData, packet[0]);
        }

        await harness.DisposeAsync();
    }

    [Fact]
    public async Task Unauthenticated_connections_beyond_the_cap_evict_the_oldest_and_the_newcomer_works()
    {
        await using var harness = new UpperLayerHarness(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            MaxUnauthenticatedConnections = 2,
        });
        var oldest = harness.Connect();
        var oldestTask = harness.LastConnection;
        var second = harness.Connect();
        var secondTask = harness.LastConnection;
        Assert.Equal(2, harness.Server.UnauthenticatedConnectionCount);

        // The newcomer takes the oldest one's slot (all of them are past key exchange here) and logs in.
        var late = await harness.ConnectAuthenticatedAsync();
        Assert.Equal((uint)DisconnectReason.TooManyConnections, await oldest.ExpectDisconnectAsync());
        await oldestTask.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.False(secondTask.IsCompleted);
        Assert.Equal(1, await UnauthenticatedSettlesAtAsync(harness.Server, 1));
        Assert.Equal(0u, await late.OpenSessionAsync(0));

        // The survivor still logs in.
        second.RequestUserAuthService();
        await second.ExpectAsync(MessageNumbers.ServiceAccept);
        second.SendPassword("admin", "secret");
        await second.ExpectAsync(MessageNumbers.UserAuthSuccess);
        Assert.Equal(0, await UnauthenticatedSettlesAtAsync(harness.Server, 0));
    }

    /// <summary>
    /// The server frees a connection's unauthenticated slot just after it sends USERAUTH_SUCCESS, so a client can see
    /// success a moment before the count drops: wait (briefly) for the expected figure, then return what is there.
    /// </summary>
    private static async Task<int> UnauthenticatedSettlesAtAsync(SshServer server, int expected)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (server.UnauthenticatedConnectionCount != expected && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        return server.UnauthenticatedConnectionCount;
    }

    [Fact]
    public async Task Data_arriving_after_the_application_ended_is_dropped_without_harm()
    {
        await using var harness = new UpperLayerHarness();
        var peer = await harness.ConnectAuthenticatedAsync();
        var channel = await peer.OpenSessionAsync(0);
        peer.Exec(channel, "exit 0", wantReply: false);
        Assert.Equal(0u, (await ChannelTranscript.CollectAsync(peer, 0)).ExitStatus);

        // The client had not seen our CLOSE yet: its stdin still arrives, then its CLOSE.
        peer.Data(channel, Encoding.ASCII.GetBytes("late input"));
        peer.Eof(channel);
        peer.CloseChannel(channel);
        var next = await peer.OpenSessionAsync(1);
        peer.Exec(next, "echo fine", wantReply: false);
        Assert.Equal("fine\n", Text((await ChannelTranscript.CollectAsync(peer, 1)).Stdout));
    }
}
