using Emulator.Comware.Auth;
using Emulator.Comware.Model.Management;
using Emulator.Device.Faults;
using Emulator.Ssh;
using Microsoft.Extensions.Logging;

namespace Emulator.Device.Wiring;

/// <summary>
/// SSH authentication against the device's own user database (local-user and ssh user configuration),
/// read at every attempt so users created in the CLI log in at once.
/// </summary>
/// <param name="failed">Told the user name of every failed attempt (the device logs it).</param>
internal sealed partial class DeviceAuthenticator(Func<CancellationToken, ValueTask<UserDirectory>> users, DeviceFaults faults, ILogger logger, Action<string>? failed = null) : IUserAuthenticator
{
    private static readonly AuthenticationPolicy _password = new(["password", "keyboard-interactive"], []);
    private static readonly AuthenticationPolicy _publicKey = new(["publickey"], []);
    private static readonly AuthenticationPolicy _both = new([], ["publickey", "password"]);
    private static readonly AuthenticationPolicy _any = new(["publickey", "password", "keyboard-interactive"], []);

    public async ValueTask<AuthenticationPolicy> GetPolicyAsync(string userName, CancellationToken cancellationToken)
    {
        var directory = await users(cancellationToken);

        // An unknown user is judged as an ordinary password user whose password never matches. Clients never see these
        // policies as method lists: the SSH layer lists one server-wide set until a partial success.
        return directory.GetAuthenticationType(userName) switch
        {
            SshAuthenticationType.PublicKey => _publicKey,
            SshAuthenticationType.PasswordPublicKey => _both,
            SshAuthenticationType.Any => _any,
            _ => _password,
        };
    }

    public async ValueTask<bool> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var directory = await users(cancellationToken);
        var ok = !await RefusedByFaultAsync(userName, cancellationToken)
            && directory.GetAuthenticationType(userName) is not (null or SshAuthenticationType.PublicKey)
            && directory.CheckPassword(userName, password);
        if (!ok)
        {
            LogFailure(logger, LogText.Escape(userName), "password");
            failed?.Invoke(userName);
        }

        return ok;
    }

    public async ValueTask<bool> IsAuthorizedKeyAsync(string userName, ReadOnlyMemory<byte> publicKeyBlob, CancellationToken cancellationToken)
    {
        var directory = await users(cancellationToken);
        var ok = !await RefusedByFaultAsync(userName, cancellationToken)
            && directory.GetAuthenticationType(userName) is not (null or SshAuthenticationType.Password)
            && directory.IsAuthorizedKey(userName, publicKeyBlob.Span);
        if (!ok)
        {
            LogFailure(logger, LogText.Escape(userName), "publickey");
            failed?.Invoke(userName);
        }

        return ok;
    }

    /// <summary>An injected <c>auth-delay</c> waits here; an injected <c>auth-refuse</c> fails the attempt whatever was sent.</summary>
    private async ValueTask<bool> RefusedByFaultAsync(string userName, CancellationToken cancellationToken)
    {
        var (delay, refuse) = faults.ForAuthentication(userName);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }

        return refuse;
    }

    [LoggerMessage(LogLevel.Warning, "login failed for user {User} ({Method})")]
    private static partial void LogFailure(ILogger logger, string user, string method);
}
