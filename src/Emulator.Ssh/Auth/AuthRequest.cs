using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Auth;

/// <summary>One SSH_MSG_USERAUTH_REQUEST (RFC 4252 5), parsed before any await so the packet buffer can be reused.</summary>
internal abstract record AuthRequest(string UserName, string ServiceName, string MethodName)
{
    /// <summary>Longer names are not user names but an attack on logs or lookups.</summary>
    public const int MaxUserNameBytes = 256;

    public static AuthRequest Parse(ReadOnlySpan<byte> payload)
    {
        var reader = new SshReader(payload);
        reader.ReadByte();
        var userBytes = reader.ReadString();
        if (userBytes.Length > MaxUserNameBytes)
        {
            throw new SshDisconnectException(DisconnectReason.IllegalUserName, "user name too long");
        }

        var user = System.Text.Encoding.UTF8.GetString(userBytes);
        var service = reader.ReadAsciiString();
        var method = reader.ReadAsciiString();
        AuthRequest request;
        switch (method)
        {
            case "none":
                request = new NoneRequest(user, service);
                break;
            case "password":
                var change = reader.ReadBoolean();
                var password = reader.ReadUtf8String();
                var newPassword = change ? reader.ReadUtf8String() : null;
                request = new PasswordRequest(user, service, password, newPassword);
                break;
            case "publickey":
                var signed = reader.ReadBoolean();
                var algorithm = reader.ReadAsciiString();
                var keyBlob = reader.ReadString().ToArray();

                // The signature covers the session id followed by this very payload up to here (RFC 4252 7).
                var signedPart = payload[..reader.Position].ToArray();
                var signature = signed ? reader.ReadString().ToArray() : null;
                request = new PublicKeyRequest(user, service, algorithm, keyBlob, signedPart, signature);
                break;
            case "keyboard-interactive":
                reader.ReadString(); // language tag, deprecated (RFC 4256 3.1)
                reader.ReadString(); // submethods: hints only
                request = new KeyboardInteractiveRequest(user, service);
                break;
            default:
                // Method-specific fields of an unknown method cannot be checked; the request simply fails.
                return new UnknownMethodRequest(user, service, method);
        }

        reader.EnsureAtEnd();
        return request;
    }
}

internal sealed record NoneRequest(string UserName, string ServiceName) : AuthRequest(UserName, ServiceName, "none");

internal sealed record PasswordRequest(string UserName, string ServiceName, string Password, string? NewPassword)
    : AuthRequest(UserName, ServiceName, "password");

internal sealed record PublicKeyRequest(
    string UserName,
    string ServiceName,
    string Algorithm,
    byte[] KeyBlob,
    byte[] SignedPayloadPrefix,
    byte[]? Signature) : AuthRequest(UserName, ServiceName, "publickey");

internal sealed record KeyboardInteractiveRequest(string UserName, string ServiceName)
    : AuthRequest(UserName, ServiceName, "keyboard-interactive");

internal sealed record UnknownMethodRequest(string UserName, string ServiceName, string Method)
    : AuthRequest(UserName, ServiceName, Method);
