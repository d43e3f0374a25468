using System.Buffers;
using Emulator.Ssh.Connection;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using Microsoft.Extensions.Logging;

namespace Emulator.Ssh.Auth;

/// <summary>
/// The "ssh-userauth" service (RFC 4252, RFC 4256): from SERVICE_REQUEST to USERAUTH_SUCCESS. Only transport and
/// user-authentication messages are legal until then; <see cref="MessageRouter"/> decides.
/// </summary>
internal sealed partial class UserAuthService
{
    public const string ServiceName = "ssh-userauth";
    public const string ConnectionServiceName = "ssh-connection";

    private readonly IPacketConnection _connection;
    private readonly SshServerOptions _options;
    private readonly SignatureVerifier _verifySignature;
    private readonly ILogger _logger;
    private readonly string _connectionId;
    private ProtocolPhase _phase = ProtocolPhase.AwaitingService;
    private AuthState? _state;
    private int _failures;
    private bool _bannerSent;
    private bool _keyboardInteractivePending;

    public UserAuthService(IPacketConnection connection, SshServerOptions options, SignatureVerifier verifySignature, ILogger logger, string connectionId)
    {
        _connection = connection;
        _options = options;
        _verifySignature = verifySignature;
        _logger = logger;
        _connectionId = connectionId;
    }

    /// <summary>Runs until a user is authenticated and returns the name. Throws <see cref="SshDisconnectException"/> for anything that must end the connection.</summary>
    public async Task<string> AuthenticateAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var packet = await _connection.ReadPacketAsync(cancellationToken);
            if (packet.IsEmpty)
            {
                throw new SshDisconnectException(DisconnectReason.ProtocolError, "empty message");
            }

            var number = packet.Span[0];
            switch (MessageRouter.Route(_phase, number))
            {
                case MessageRoute.Drop:
                    break;
                case MessageRoute.PeerDisconnect:
                    throw new SshDisconnectException(DisconnectReason.ConnectionLost, "peer disconnected");
                case MessageRoute.ServiceRequest:
                    await OnServiceRequestAsync(packet, cancellationToken);
                    break;
                case MessageRoute.UserAuthRequest:
                    if (await OnUserAuthRequestAsync(AuthRequest.Parse(packet.Span), cancellationToken) is { } user)
                    {
                        return user;
                    }

                    break;
                case MessageRoute.UserAuthMethod:
                    if (await OnInfoResponseAsync(UserAuthInfoResponseMessage.Parse(packet.Span).Responses, cancellationToken) is { } kbdUser)
                    {
                        return kbdUser;
                    }

                    break;
                case MessageRoute.Unimplemented:
                    await _connection.SendUnimplementedAsync(cancellationToken);
                    break;
                default:
                    throw new SshDisconnectException(DisconnectReason.ProtocolError,
                        number >= MessageNumbers.FirstConnectionMessage
                            ? $"message {number} before authentication was complete"
                            : $"unexpected message {number} during authentication");
            }
        }
    }

    private async ValueTask OnServiceRequestAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        var service = ServiceRequestMessage.Parse(packet.Span).ServiceName;
        if (service != ServiceName)
        {
            throw new SshDisconnectException(DisconnectReason.ServiceNotAvailable, $"service not available: {Truncate(service)}");
        }

        await _connection.WritePacketAsync(new ServiceAcceptMessage(ServiceName).ToPayload(), cancellationToken);
        _phase = ProtocolPhase.Authenticating;
    }

    /// <summary>Returns the user name on full success, null when the client must go on.</summary>
    private async ValueTask<string?> OnUserAuthRequestAsync(AuthRequest request, CancellationToken cancellationToken)
    {
        if (request.ServiceName != ConnectionServiceName)
        {
            throw new SshDisconnectException(DisconnectReason.ServiceNotAvailable, $"service not available: {Truncate(request.ServiceName)}");
        }

        // A new request abandons an unanswered keyboard-interactive exchange (RFC 4256 3.4).
        _keyboardInteractivePending = false;
        var started = _options.TimeProvider.GetTimestamp();
        if (!_bannerSent)
        {
            _bannerSent = true;
            if (!string.IsNullOrEmpty(_options.AuthenticationBanner))
            {
                await SendBannerAsync(_options.AuthenticationBanner, cancellationToken);
            }
        }

        if (_state is null || _state.UserName != request.UserName)
        {
            // Judged from scratch: a different name keeps nothing of what the previous one proved.
            var policy = await _options.Authenticator.GetPolicyAsync(request.UserName, cancellationToken);
            _state = new AuthState(request.UserName, policy);
        }

        var state = _state;
        if (request is NoneRequest)
        {
            // "none" only asks for the method list and is not counted as a failure (as OpenSSH does).
            await SendFailureAsync(MethodsToList(state), partialSuccess: false, cancellationToken);
            return null;
        }

        // keyboard-interactive always prompts, and a user it is not allowed for fails on the response: refusing at
        // once would tell such users (publickey-only ones) from unknown ones, which are judged as password users.
        if (!state.IsAllowed(request.MethodName) && request is not KeyboardInteractiveRequest)
        {
            return await FailAsync(request, started, delay: request is PasswordRequest or KeyboardInteractiveRequest, cancellationToken);
        }

        switch (request)
        {
            case PasswordRequest password:
                // A password change request (RFC 4252 8) cannot be honoured: the user database belongs to the device's
                // configuration. RFC 4252 answers FAILURE, meaning "not changed", whatever the old password was.
                var ok = password.NewPassword is null &&
                    await _options.Authenticator.CheckPasswordAsync(request.UserName, password.Password, cancellationToken);
                return ok ? await PassAsync(state, request.MethodName, cancellationToken) : await FailAsync(request, started, delay: true, cancellationToken);

            case PublicKeyRequest publicKey:
                return await OnPublicKeyAsync(state, publicKey, started, cancellationToken);

            case KeyboardInteractiveRequest:
                await SendInfoRequestAsync(cancellationToken);
                _keyboardInteractivePending = true;
                return null;

            default:
                return await FailAsync(request, started, delay: false, cancellationToken);
        }
    }

    private async ValueTask<string?> OnPublicKeyAsync(AuthState state, PublicKeyRequest request, long started, CancellationToken cancellationToken)
    {
        if (!_options.UserSignatureAlgorithms.Contains(request.Algorithm, StringComparer.Ordinal) ||
            !PublicKeyAlgorithms.Fits(request.Algorithm, request.KeyBlob) ||
            !await _options.Authenticator.IsAuthorizedKeyAsync(request.UserName, request.KeyBlob, cancellationToken))
        {
            return await FailAsync(request, started, delay: false, cancellationToken);
        }

        if (request.Signature is null)
        {
            // A query: the key would do; the client signs next (RFC 4252 7, SSH_MSG_USERAUTH_PK_OK).
            await _connection.WritePacketAsync(new UserAuthPkOkMessage(request.Algorithm, request.KeyBlob).ToPayload(), cancellationToken);
            return null;
        }

        if (!VerifySignature(request))
        {
            LogBadSignature(_logger, _connectionId, LogText.Escape(request.UserName), LogText.Escape(request.Algorithm));
            return await FailAsync(request, started, delay: false, cancellationToken);
        }

        return await PassAsync(state, request.MethodName, cancellationToken);
    }

    private bool VerifySignature(PublicKeyRequest request)
    {
        if (PublicKeyAlgorithms.SignatureAlgorithm(request.Signature) != request.Algorithm)
        {
            return false;
        }

        var sessionId = _connection.SessionId.Span;
        var data = new byte[4 + sessionId.Length + request.SignedPayloadPrefix.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(data, (uint)sessionId.Length);
        sessionId.CopyTo(data.AsSpan(4));
        request.SignedPayloadPrefix.CopyTo(data.AsSpan(4 + sessionId.Length));
        try
        {
            return _verifySignature(request.Algorithm, request.KeyBlob, data, request.Signature);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A malformed key or signature is a failed attempt, never a crashed connection.
            LogVerifierError(_logger, ex, _connectionId, LogText.Escape(request.Algorithm));
            return false;
        }
    }

    private async ValueTask<string?> OnInfoResponseAsync(IReadOnlyList<string> responses, CancellationToken cancellationToken)
    {
        if (!_keyboardInteractivePending || _state is null)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "keyboard-interactive response without a request");
        }

        _keyboardInteractivePending = false;
        var started = _options.TimeProvider.GetTimestamp();
        var state = _state;
        var request = new KeyboardInteractiveRequest(state.UserName, ConnectionServiceName);
        var ok = responses.Count == 1 && state.IsAllowed(request.MethodName) &&
            await _options.Authenticator.CheckPasswordAsync(state.UserName, responses[0], cancellationToken);
        return ok ? await PassAsync(state, request.MethodName, cancellationToken) : await FailAsync(request, started, delay: true, cancellationToken);
    }

    private async ValueTask<string?> PassAsync(AuthState state, string method, CancellationToken cancellationToken)
    {
        if (!state.Pass(method))
        {
            LogPartialSuccess(_logger, _connectionId, LogText.Escape(state.UserName), method);
            await SendFailureAsync(state.AllowedMethods, partialSuccess: true, cancellationToken);
            return null;
        }

        await _connection.WritePacketAsync(UserAuthSuccessMessage.Instance.ToPayload(), cancellationToken);
        _connection.OnAuthenticated();
        _phase = ProtocolPhase.Authenticated;
        LogAuthenticated(_logger, _connectionId, LogText.Escape(state.UserName), method);
        _options.Metrics?.OnAuthentication(method, success: true);
        return state.UserName;
    }

    private async ValueTask<string?> FailAsync(AuthRequest request, long started, bool delay, CancellationToken cancellationToken)
    {
        _failures++;
        LogFailure(_logger, _connectionId, LogText.Escape(request.UserName), LogText.Escape(request.MethodName), _failures);
        _options.Metrics?.OnAuthentication(request.MethodName, success: false);
        if (delay)
        {
            // Answer at a fixed time after the request arrived, so neither the answer nor its timing tells
            // an unknown user from a wrong password.
            var remaining = _options.AuthenticationFailureDelay - _options.TimeProvider.GetElapsedTime(started);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, _options.TimeProvider, cancellationToken);
            }
        }

        if (_failures >= _options.MaxAuthenticationAttempts)
        {
            throw new SshDisconnectException(DisconnectReason.NoMoreAuthMethodsAvailable, "Too many authentication failures");
        }

        await SendFailureAsync(MethodsToList(_state!), partialSuccess: false, cancellationToken);
        return null;
    }

    /// <summary>
    /// The "authentications that can continue" (RFC 4252 5.1): the server-wide list until the user passed a required
    /// method, so neither the list nor its changes tell whether a user exists or which methods it has.
    /// </summary>
    private IReadOnlyList<string> MethodsToList(AuthState state) =>
        state.HasPartialSuccess ? state.AllowedMethods : _options.AuthenticationMethods;

    private ValueTask SendFailureAsync(IReadOnlyList<string> methods, bool partialSuccess, CancellationToken cancellationToken) =>
        _connection.WritePacketAsync(new UserAuthFailureMessage(methods, partialSuccess).ToPayload(), cancellationToken);

    private ValueTask SendBannerAsync(string text, CancellationToken cancellationToken) =>
        _connection.WritePacketAsync(new UserAuthBannerMessage(text).ToPayload(), cancellationToken);

    private ValueTask SendInfoRequestAsync(CancellationToken cancellationToken) =>
        _connection.WritePacketAsync(UserAuthInfoRequestMessage.Password.ToPayload(), cancellationToken);

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: user {User} authenticated by {Method}")]
    private static partial void LogAuthenticated(ILogger logger, string connectionId, string user, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: user {User} passed {Method}, more methods required")]
    private static partial void LogPartialSuccess(ILogger logger, string connectionId, string user, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: authentication of {User} by {Method} failed ({Failures} failures)")]
    private static partial void LogFailure(ILogger logger, string connectionId, string user, string method, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "{ConnectionId}: bad {Algorithm} signature for {User}")]
    private static partial void LogBadSignature(ILogger logger, string connectionId, string user, string algorithm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ConnectionId}: {Algorithm} signature check threw")]
    private static partial void LogVerifierError(ILogger logger, Exception exception, string connectionId, string algorithm);
}
