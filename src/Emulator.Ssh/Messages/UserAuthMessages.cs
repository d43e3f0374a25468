using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Messages;

/// <summary>SSH_MSG_USERAUTH_FAILURE (RFC 4252 5.1): the methods that can continue, and whether one just passed.</summary>
internal sealed record UserAuthFailureMessage(IReadOnlyList<string> Methods, bool PartialSuccess) : ISshMessage
{
    public byte Number => MessageNumbers.UserAuthFailure;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteNameList(Methods);
        writer.WriteBoolean(PartialSuccess);
    }
}

/// <summary>SSH_MSG_USERAUTH_SUCCESS (RFC 4252 5.1): no fields.</summary>
internal sealed record UserAuthSuccessMessage : ISshMessage
{
    public static readonly UserAuthSuccessMessage Instance = new();

    public byte Number => MessageNumbers.UserAuthSuccess;

    public void WriteFields(SshWriter writer)
    {
    }
}

/// <summary>SSH_MSG_USERAUTH_BANNER (RFC 4252 5.4): text and an empty language tag.</summary>
internal sealed record UserAuthBannerMessage(string Text) : ISshMessage
{
    public byte Number => MessageNumbers.UserAuthBanner;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteString(Text);
        writer.WriteString(string.Empty);
    }
}

/// <summary>SSH_MSG_USERAUTH_PK_OK (RFC 4252 7): the key of a publickey query would be accepted.</summary>
internal sealed record UserAuthPkOkMessage(string Algorithm, ReadOnlyMemory<byte> KeyBlob) : ISshMessage
{
    public byte Number => MessageNumbers.UserAuthPkOk;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteString(Algorithm);
        writer.WriteString(KeyBlob.Span);
    }
}

/// <summary>SSH_MSG_USERAUTH_INFO_REQUEST (RFC 4256 3.2) with empty name, instruction and language tag.</summary>
internal sealed record UserAuthInfoRequestMessage(IReadOnlyList<(string Prompt, bool Echo)> Prompts) : ISshMessage
{
    /// <summary>The one prompt this server asks keyboard-interactive clients.</summary>
    public static readonly UserAuthInfoRequestMessage Password = new([("Password: ", false)]);

    public byte Number => MessageNumbers.UserAuthInfoRequest;

    public void WriteFields(SshWriter writer)
    {
        writer.WriteString(string.Empty); // name
        writer.WriteString(string.Empty); // instruction
        writer.WriteString(string.Empty); // language tag
        writer.WriteUInt32((uint)Prompts.Count);
        foreach (var (prompt, echo) in Prompts)
        {
            writer.WriteString(prompt);
            writer.WriteBoolean(echo);
        }
    }
}

/// <summary>SSH_MSG_USERAUTH_INFO_RESPONSE (RFC 4256 3.4): one answer per prompt.</summary>
internal sealed record UserAuthInfoResponseMessage(IReadOnlyList<string> Responses)
{
    /// <summary>More answers than any request of ours has prompts: a broken or hostile client.</summary>
    public const int MaxResponses = 16;

    public static UserAuthInfoResponseMessage Parse(ReadOnlySpan<byte> payload)
    {
        var reader = SshMessages.Open(payload, MessageNumbers.UserAuthInfoResponse);
        var count = reader.ReadUInt32();
        if (count > MaxResponses)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "too many keyboard-interactive responses");
        }

        var responses = new string[count];
        for (var i = 0; i < responses.Length; i++)
        {
            responses[i] = reader.ReadUtf8String();
        }

        reader.EnsureAtEnd();
        return new UserAuthInfoResponseMessage(responses);
    }
}
