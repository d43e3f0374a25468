using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Connection;

/// <summary>Where the layers above the transport stand (AsyncSSH style: the phase decides which messages are legal).</summary>
internal enum ProtocolPhase
{
    /// <summary>Keys are in place; the client must ask for the "ssh-userauth" service.</summary>
    AwaitingService,

    /// <summary>"ssh-userauth" accepted; only authentication requests are legal.</summary>
    Authenticating,

    /// <summary>USERAUTH_SUCCESS sent; the connection protocol runs.</summary>
    Authenticated,
}

/// <summary>What to do with a message number in a phase.</summary>
internal enum MessageRoute
{
    /// <summary>Harmless and already handled below (IGNORE, DEBUG, UNIMPLEMENTED, EXT_INFO); drop it.</summary>
    Drop,

    /// <summary>The peer said goodbye.</summary>
    PeerDisconnect,

    ServiceRequest,
    UserAuthRequest,

    /// <summary>60-79: belongs to the authentication method in progress (keyboard-interactive responses).</summary>
    UserAuthMethod,

    /// <summary>USERAUTH_REQUEST after success: RFC 4252 5.1 says ignore it.</summary>
    LateUserAuthRequest,

    GlobalRequest,
    ChannelOpen,

    /// <summary>93-100: goes to the channel named by the recipient id.</summary>
    Channel,

    /// <summary>Unknown number: answer SSH_MSG_UNIMPLEMENTED and carry on.</summary>
    Unimplemented,

    /// <summary>Illegal here: disconnect with a protocol error.</summary>
    ProtocolError,
}

/// <summary>
/// The one place that decides which message numbers are legal in which phase. Anything of the connection protocol
/// (>= 80) before authentication ends the connection (CVE-2025-32433); server-only messages from a client end it
/// too (a client's USERAUTH_SUCCESS, CVE-2018-10933).
/// </summary>
internal static class MessageRouter
{
    public static MessageRoute Route(ProtocolPhase phase, byte number)
    {
        if (number >= MessageNumbers.FirstConnectionMessage && phase != ProtocolPhase.Authenticated)
        {
            return MessageRoute.ProtocolError;
        }

        return number switch
        {
            MessageNumbers.Disconnect => MessageRoute.PeerDisconnect,
            MessageNumbers.Ignore or MessageNumbers.Debug or MessageNumbers.Unimplemented or MessageNumbers.ExtInfo => MessageRoute.Drop,
            // paramiko asks for "ssh-userauth" again before each method it tries; OpenSSH accepts that until success.
            MessageNumbers.ServiceRequest => phase == ProtocolPhase.Authenticated ? MessageRoute.ProtocolError : MessageRoute.ServiceRequest,

            // Server-to-client only, or key exchange messages that the transport consumes and must never pass up.
            MessageNumbers.ServiceAccept => MessageRoute.ProtocolError,
            >= MessageNumbers.KexInit and < MessageNumbers.UserAuthRequest => MessageRoute.ProtocolError,

            MessageNumbers.UserAuthRequest => phase switch
            {
                ProtocolPhase.AwaitingService => MessageRoute.ProtocolError,
                ProtocolPhase.Authenticating => MessageRoute.UserAuthRequest,
                _ => MessageRoute.LateUserAuthRequest,
            },
            MessageNumbers.UserAuthFailure or MessageNumbers.UserAuthSuccess or MessageNumbers.UserAuthBanner => MessageRoute.ProtocolError,

            // 60 is PK_OK / PASSWD_CHANGEREQ / INFO_REQUEST: server-to-client in every method.
            MessageNumbers.UserAuthInfoRequest => MessageRoute.ProtocolError,
            MessageNumbers.UserAuthInfoResponse => phase == ProtocolPhase.Authenticating ? MessageRoute.UserAuthMethod : MessageRoute.ProtocolError,
            > MessageNumbers.UserAuthRequest and < MessageNumbers.FirstConnectionMessage =>
                phase == ProtocolPhase.AwaitingService ? MessageRoute.ProtocolError : MessageRoute.Unimplemented,

            MessageNumbers.GlobalRequest => MessageRoute.GlobalRequest,

            // This server never sends global requests or opens channels, so replies to them are out of place.
            MessageNumbers.RequestSuccess or MessageNumbers.RequestFailure => MessageRoute.ProtocolError,
            MessageNumbers.ChannelOpen => MessageRoute.ChannelOpen,
            MessageNumbers.ChannelOpenConfirmation or MessageNumbers.ChannelOpenFailure => MessageRoute.ProtocolError,
            >= MessageNumbers.ChannelWindowAdjust and <= MessageNumbers.ChannelFailure => MessageRoute.Channel,

            _ => MessageRoute.Unimplemented,
        };
    }
}
