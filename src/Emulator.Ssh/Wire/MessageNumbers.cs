namespace Emulator.Ssh.Wire;

/// <summary>SSH message numbers (RFC 4250 4.1 and extensions). Ranges decide the protocol phase.</summary>
internal static class MessageNumbers
{
    public const byte Disconnect = 1;
    public const byte Ignore = 2;
    public const byte Unimplemented = 3;
    public const byte Debug = 4;
    public const byte ServiceRequest = 5;
    public const byte ServiceAccept = 6;
    public const byte ExtInfo = 7;
    public const byte KexInit = 20;
    public const byte NewKeys = 21;

    // 30-49: key-exchange-method specific (KEXDH_INIT 30, KEXDH_REPLY 31, GEX_REQUEST_OLD 30, GEX_GROUP 31, GEX_INIT 32, GEX_REPLY 33, GEX_REQUEST 34).
    public const byte KexDhInit = 30;
    public const byte KexDhReply = 31;
    public const byte KexDhGexRequestOld = 30;
    public const byte KexDhGexGroup = 31;
    public const byte KexDhGexInit = 32;
    public const byte KexDhGexReply = 33;
    public const byte KexDhGexRequest = 34;

    /// <summary>Messages from here on belong to the authentication and connection protocols (RFC 4250 4.1.2).</summary>
    public const byte FirstUpperLayer = 50;

    public const byte UserAuthRequest = 50;
    public const byte UserAuthFailure = 51;
    public const byte UserAuthSuccess = 52;
    public const byte UserAuthBanner = 53;

    // 60-79: user-authentication-method specific.
    public const byte UserAuthPasswdChangeReq = 60;
    public const byte UserAuthPkOk = 60;
    public const byte UserAuthInfoRequest = 60;
    public const byte UserAuthInfoResponse = 61;

    public const byte GlobalRequest = 80;
    public const byte RequestSuccess = 81;
    public const byte RequestFailure = 82;
    public const byte ChannelOpen = 90;
    public const byte ChannelOpenConfirmation = 91;
    public const byte ChannelOpenFailure = 92;
    public const byte ChannelWindowAdjust = 93;
    public const byte ChannelData = 94;
    public const byte ChannelExtendedData = 95;
    public const byte ChannelEof = 96;
    public const byte ChannelClose = 97;
    public const byte ChannelRequest = 98;
    public const byte ChannelSuccess = 99;
    public const byte ChannelFailure = 100;

    /// <summary>First number of the connection protocol: anything at or above it before authentication ends the connection.</summary>
    public const byte FirstConnectionMessage = 80;
}
