using System.IO.Pipelines;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>Two connected in-memory duplex pipes: what one side writes, the other reads.</summary>
public sealed class InMemoryDuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;

    public static (InMemoryDuplexPipe Server, InMemoryDuplexPipe Client) CreatePair()
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        return (new InMemoryDuplexPipe(toServer.Reader, toClient.Writer), new InMemoryDuplexPipe(toClient.Reader, toServer.Writer));
    }
}
