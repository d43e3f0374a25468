namespace Emulator.Bench.Client;

/// <summary>The server broke the protocol, refused us, or the connection ended early.</summary>
public sealed class SshClientException : Exception
{
    public SshClientException(string message) : base(message) { }

    public SshClientException(string message, Exception innerException) : base(message, innerException) { }

    public SshClientException() { }
}
