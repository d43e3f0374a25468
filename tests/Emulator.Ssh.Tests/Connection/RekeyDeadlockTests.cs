using System.Buffers.Binary;
using Emulator.Ssh.Tests.Hostile;
using Emulator.Ssh.Tests.Interop;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Connection;

/// <summary>
/// Issue 20: a channel's output pump waited for a key exchange (more output than the rekey queue holds) while holding
/// its channel's send lock; a channel request arriving just before the client's KEXINIT made the read loop wait for
/// that lock, so the client's KEXINIT was never read and the exchange never ended.
/// </summary>
public class RekeyDeadlockTests
{
    [Fact]
    public async Task Channel_request_during_a_rekey_with_a_full_output_queue_does_not_deadlock()
    {
        await using var server = new TestSshServer(o => new SshServerOptions
        {
            HostKeys = o.HostKeys,
            Authenticator = o.Authenticator,
            Sessions = o.Sessions,
            Algorithms = o.Algorithms,
            RekeyAfterBytes = 256 * 1024,
            MaxQueuedBytesDuringRekey = 64 * 1024,
        });
        var (tcp, client) = await HostileClient.AuthenticatedAsync(server);
        await using (client)
        using (tcp)
        {
            const long total = 4_000_000;
            var channel = await HostileClient.OpenSessionAsync(client, window: uint.MaxValue);
            await client.SendAsync(MessageNumbers.ChannelRequest, w =>
            {
                w.WriteUInt32(channel);
                w.WriteString("exec");
                w.WriteBoolean(false);
                w.WriteString($"bytes {total}");
            }, TestContext.Current.CancellationToken);

            // Not reading yet: the server starts a rekey after 256 KiB, queues 64 KiB more, and its pump must wait.
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await client.SendAsync(MessageNumbers.ChannelRequest, w =>
            {
                w.WriteUInt32(channel);
                w.WriteString("keepalive@openssh.com");
                w.WriteBoolean(true);
            }, TestContext.Current.CancellationToken);

            var token = HostileClient.Timeout(30);
            long received = 0;
            var replied = false;
            while (true)
            {
                var message = await client.ReadMessageAsync(token);
                if (message[0] == MessageNumbers.ChannelData)
                {
                    received += BinaryPrimitives.ReadUInt32BigEndian(message.AsSpan(5));
                }
                else if (message[0] is MessageNumbers.ChannelSuccess or MessageNumbers.ChannelFailure)
                {
                    replied = true;
                }
                else if (message[0] == MessageNumbers.ChannelClose)
                {
                    break;
                }
            }

            Assert.True(replied);
            Assert.Equal(total, received);
            Assert.True(client.KexCount >= 2);
        }
    }
}
