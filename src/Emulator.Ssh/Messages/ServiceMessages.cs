using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Messages;

/// <summary>SSH_MSG_SERVICE_REQUEST (RFC 4253 10): the service the client wants next.</summary>
internal sealed record ServiceRequestMessage(string ServiceName)
{
    public static ServiceRequestMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = SshMessages.Open(payload, MessageNumbers.ServiceRequest);
        var service = reader.ReadAsciiString();
        reader.EnsureAtEnd();
        return new ServiceRequestMessage(service);
    }
}

/// <summary>SSH_MSG_SERVICE_ACCEPT (RFC 4253 10).</summary>
internal sealed record ServiceAcceptMessage(string ServiceName) : ISshMessage
{
    public byte Number => MessageNumbers.ServiceAccept;

    public void WriteFields(SshWriter writer) => writer.WriteString(ServiceName);
}

/// <summary>SSH_MSG_UNIMPLEMENTED (RFC 4253 11.4): the sequence number of the packet not understood.</summary>
internal sealed record UnimplementedMessage(uint SequenceNumber) : ISshMessage
{
    public byte Number => MessageNumbers.Unimplemented;

    public void WriteFields(SshWriter writer) => writer.WriteUInt32(SequenceNumber);
}

/// <summary>SSH_MSG_EXT_INFO (RFC 8308 2.3) with the one extension this server sends, server-sig-algs.</summary>
internal sealed record ServerSignatureAlgorithmsMessage(IReadOnlyList<string> Algorithms) : ISshMessage
{
    public byte Number => MessageNumbers.ExtInfo;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteUInt32(1);
        writer.WriteString("server-sig-algs");
        writer.WriteNameList(Algorithms);
    }
}
