using Emulator.Ssh.Connection;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Tests.Connection;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.Wire;

/// <summary>Each message type writes the RFC's field order, built here independently of the server's writer.</summary>
public class MessageTests
{
    private static TestPeer.Builder Message(byte number) => new TestPeer.Builder().Byte(number);

    [Fact]
    public void Disconnect_is_reason_description_and_empty_language()
    {
        var payload = new DisconnectMessage(DisconnectReason.ProtocolError, "bad").ToPayload().ToArray();
        Assert.Equal(Message(MessageNumbers.Disconnect).UInt32(2).String("bad").String("").ToArray(), payload);
    }

    [Fact]
    public void Disconnect_description_is_capped_and_parses_back()
    {
        var payload = new DisconnectMessage(DisconnectReason.KeyExchangeFailed, new string('x', 100_000)).ToPayload();
        var parsed = DisconnectMessage.Parse(payload.Span, out var code);
        Assert.Equal(3u, code);
        Assert.Equal(DisconnectReason.KeyExchangeFailed, parsed.Reason);
        Assert.Equal(DisconnectMessage.MaxDescriptionLength + 3, parsed.Description.Length);
    }

    [Fact]
    public void Disconnect_with_an_unknown_code_and_no_description_parses()
    {
        var parsed = DisconnectMessage.Parse(Message(MessageNumbers.Disconnect).UInt32(999).ToArray(), out var code);
        Assert.Equal(999u, code);
        Assert.Equal(DisconnectReason.ByApplication, parsed.Reason);
        Assert.Equal("", parsed.Description);
    }

    [Fact]
    public void Userauth_messages_follow_rfc_4252_and_4256()
    {
        Assert.Equal(Message(MessageNumbers.UserAuthFailure).String("publickey,password").Bool(true).ToArray(),
            new UserAuthFailureMessage(["publickey", "password"], true).ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.UserAuthBanner).String("hi\r\n").String("").ToArray(),
            new UserAuthBannerMessage("hi\r\n").ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.UserAuthPkOk).String("ssh-ed25519").String([1, 2]).ToArray(),
            new UserAuthPkOkMessage("ssh-ed25519", new byte[] { 1, 2 }).ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.UserAuthInfoRequest).String("").String("").String("").UInt32(1).String("Password: ").Bool(false).ToArray(),
            UserAuthInfoRequestMessage.Password.ToPayload().ToArray());
        Assert.Equal([MessageNumbers.UserAuthSuccess], UserAuthSuccessMessage.Instance.ToPayload().ToArray());
    }

    [Fact]
    public void Info_response_with_too_many_answers_is_a_protocol_error()
    {
        var payload = Message(MessageNumbers.UserAuthInfoResponse).UInt32(17).ToArray();
        Assert.Equal(DisconnectReason.ProtocolError, Assert.Throws<SshDisconnectException>(() => UserAuthInfoResponseMessage.Parse(payload)).Reason);
        Assert.Equal(["a", "b"], UserAuthInfoResponseMessage.Parse(Message(MessageNumbers.UserAuthInfoResponse).UInt32(2).String("a").String("b").ToArray()).Responses);
    }

    [Fact]
    public void Channel_messages_follow_rfc_4254()
    {
        Assert.Equal(Message(MessageNumbers.ChannelOpenConfirmation).UInt32(7).UInt32(0).UInt32(2_097_152).UInt32(32_768).ToArray(),
            new ChannelOpenConfirmationMessage(7, 0, 2_097_152, 32_768).ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.ChannelOpenFailure).UInt32(7).UInt32(3).String("unknown channel type").String("").ToArray(),
            new ChannelOpenFailureMessage(7, ChannelOpenFailure.UnknownChannelType, "unknown channel type").ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.ChannelRequest).UInt32(7).String("exit-status").Bool(false).UInt32(uint.MaxValue).ToArray(),
            new ExitStatusMessage(7, -1).ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.ChannelClose).UInt32(7).ToArray(), ChannelSignalMessage.Close(7).ToPayload().ToArray());
        Assert.Equal(Message(MessageNumbers.ChannelEof).UInt32(7).ToArray(), ChannelSignalMessage.Eof(7).ToPayload().ToArray());
        Assert.Equal(new ChannelWindowAdjustMessage(7, 4096), ChannelWindowAdjustMessage.Parse(new ChannelWindowAdjustMessage(7, 4096).ToPayload().Span));
    }

    [Fact]
    public void Channel_request_keeps_the_type_specific_rest()
    {
        var payload = Message(MessageNumbers.ChannelRequest).UInt32(3).String("exec").Bool(true).String("whoami").ToArray();
        var request = ChannelRequestMessage.Parse(payload);
        Assert.Equal((3u, "exec", true), (request.RecipientChannel, request.RequestType, request.WantReply));
        Assert.Equal(new TestPeer.Builder().String("whoami").ToArray(), request.Data.ToArray());
    }

    [Fact]
    public void A_message_parsed_as_another_type_is_a_protocol_error()
    {
        var payload = Message(MessageNumbers.ChannelClose).UInt32(1).ToArray();
        Assert.Throws<SshDisconnectException>(() => ChannelWindowAdjustMessage.Parse(payload));
    }
}
