using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Ssh.Tests.Transport;

/// <summary>A server transport and the test client over an in-memory pipe pair.</summary>
internal sealed class TransportHarness : IAsyncDisposable
{
    private TransportHarness(SshTransport server, SshTestClient client)
    {
        Server = server;
        Client = client;
    }

    public SshTransport Server { get; }

    public SshTestClient Client { get; }

    public static TransportSettings Settings(SshAlgorithmLists? algorithms = null, IHostKeyProvider? hostKeys = null, TimeProvider? time = null,
        long rekeyAfterBytes = 1L << 30, TimeSpan? rekeyAfterTime = null, int maxQueued = 4 << 20) =>
        new("SSH-2.0-Comware-7.1.064", algorithms ?? SshAlgorithmCatalog.All, hostKeys ?? TestHostKeys.All, rekeyAfterBytes,
            rekeyAfterTime ?? TimeSpan.FromHours(1), maxQueued, time ?? TimeProvider.System, NullLogger.Instance);

    public static async Task<TransportHarness> StartAsync(TestClientOptions options, TransportSettings? settings = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var serverTask = SshTransport.AcceptAsync(serverPipe, settings ?? Settings(), ct);
        var clientTask = SshTestClient.ConnectAsync(clientPipe, options, ct);
        try
        {
            await Task.WhenAll(serverTask, clientTask).WaitAsync(TimeSpan.FromSeconds(60), ct);
        }
        catch
        {
            if (clientTask.IsCompletedSuccessfully)
            {
                await clientTask.Result.DisposeAsync();
            }

            throw;
        }

        return new TransportHarness(serverTask.Result, clientTask.Result);
    }

    /// <summary>Client sends, server reads: the payload must arrive intact.</summary>
    public async Task AssertRoundTripAsync(byte[] payload)
    {
        var ct = TestContext.Current.CancellationToken;
        // Read concurrently: a large packet exceeds the pipe's pause threshold, so the writer waits for the reader.
        var reading = Server.ReadPacketAsync(ct).AsTask();
        await Client.WritePacketAsync(payload, ct);
        Assert.Equal(payload, (await reading).ToArray());
        var clientReading = Client.ReadMessageAsync(ct);
        await Server.WritePacketAsync(payload, ct);
        Assert.Equal(payload, await clientReading);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Client.DisposeAsync();
    }
}
