using System.Globalization;
using System.Text;
using Emulator.Comware.Auth;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Ssh;

/// <summary>Texts of the SSH and public-key displays.</summary>
public static class SshDisplays
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Separator line of V7 key displays (45 '=').</summary>
    public static readonly string V7Rule = new('=', 45);

    /// <summary>Separator line of V5 key displays (53 '=').</summary>
    public static readonly string V5Rule = new('=', 53);

    /// <summary><c>display ssh server status</c> (V5: 2013 switch capture; V7: H3C command reference).</summary>
    public static string ServerStatus(ComwareDialect dialect, SshSettings ssh)
    {
        ArgumentNullException.ThrowIfNull(ssh);
        var sb = new StringBuilder();
        if (dialect == ComwareDialect.V5)
        {
            sb.Append("SSH server: ").Append(OnOff(ssh.ServerEnabled)).Append('\n');
            sb.Append("SSH version : 1.99\n");
            sb.Append("SSH authentication-timeout : ").Append(ssh.AuthenticationTimeout.ToString(s_inv)).Append(" second(s)\n");
            sb.Append("SSH server key generating interval : 0 hour(s)\n");
            sb.Append("SSH authentication retries : ").Append(ssh.AuthenticationRetries.ToString(s_inv)).Append(" time(s)\n");
            sb.Append("SFTP server: ").Append(OnOff(ssh.SftpServerEnabled)).Append('\n');
            sb.Append("SFTP server Idle-Timeout: 10 minute(s)\n");
        }
        else
        {
            sb.Append(" Stelnet server: ").Append(OnOff(ssh.ServerEnabled)).Append('\n');
            sb.Append(" SSH version : 2.0\n");
            sb.Append(" SSH authentication-timeout : ").Append(ssh.AuthenticationTimeout.ToString(s_inv)).Append(" second(s)\n");
            sb.Append(" SSH server key generating interval : 0 hour(s)\n");
            sb.Append(" SSH authentication retries : ").Append(ssh.AuthenticationRetries.ToString(s_inv)).Append(" time(s)\n");
            sb.Append(" SFTP server: ").Append(OnOff(ssh.SftpServerEnabled)).Append('\n');
            sb.Append(" SFTP server Idle-Timeout: 10 minute(s)\n");
            sb.Append(" NETCONF server: Disable\n");
            sb.Append(" SCP server: Disable\n");
        }

        return sb.ToString();
    }

    /// <summary><c>display ssh server session</c>: one row per SSH login.</summary>
    public static string ServerSessions(ComwareDialect dialect, IEnumerable<LoginSessionInfo> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var ssh = sessions.Where(s => s.Protocol.Equals("SSH", StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.Line, StringComparer.Ordinal).ToList();
        if (ssh.Count == 0)
        {
            return "";
        }

        var sb = new StringBuilder();
        if (dialect == ComwareDialect.V5)
        {
            sb.Append("Conn       Ver  Encry     State        Retry  SerType  Username\n");
            foreach (var s in ssh)
            {
                sb.Append(s.Line.PadRight(11)).Append("2.0  ").Append(ShortCipher(s.Cipher).PadRight(10)).Append("Established  0      Stelnet  ")
                  .Append(s.UserName).Append('\n');
            }
        }
        else
        {
            sb.Append("UserPid   SessID Ver   Encrypt    State          Retries  Serv     Username\n");
            var id = 0;
            foreach (var s in ssh)
            {
                var pid = 184 + id;
                sb.Append(' ').Append(pid.ToString(s_inv).PadRight(10)).Append(id.ToString(s_inv).PadRight(6)).Append("2.0   ")
                  .Append(Pad(s.Cipher, 11)).Append("Established    0        Stelnet  ").Append(s.UserName).Append('\n');
                id++;
            }
        }

        return sb.ToString();
    }

    /// <summary><c>display ssh user-information</c>.</summary>
    public static string UserInformation(ComwareDialect dialect, IReadOnlyCollection<SshUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        var lead = dialect == ComwareDialect.V5 ? "" : " ";
        var sb = new StringBuilder();
        sb.Append(lead).Append("Total ssh users:").Append(users.Count.ToString(s_inv)).Append('\n');
        sb.Append(lead).Append("Username            Authentication-type  User-public-key-name  Service-type\n");
        foreach (var u in users)
        {
            var type = u.AuthenticationType is { } t ? SshAuthenticationTypes.Keyword(t) : "null";
            sb.Append(lead).Append(Pad(u.Name, 20)).Append(Pad(type, 21)).Append(Pad(u.PublicKeyName ?? "null", 22))
              .Append(ServiceTypes(dialect, u.ServiceType)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary><c>display public-key local rsa|dsa|ecdsa public</c>; empty list means no key of that kind.</summary>
    public static string LocalPublicKeys(ComwareDialect dialect, IEnumerable<HostKeyInfo> keys, TimeSpan clockOffset)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sb = new StringBuilder();
        foreach (var key in keys)
        {
            if (!PublicKeyCodec.TrySshBlobToDer(key.PublicKeyBlob.Span, out var der))
            {
                continue;
            }

            var created = key.CreatedAt + clockOffset;
            if (dialect == ComwareDialect.V5)
            {
                sb.Append('\n').Append(V5Rule).Append('\n');
                sb.Append("Time of Key pair created: ").Append(created.ToString("HH:mm:ss  yyyy/MM/dd", s_inv)).Append('\n');
                sb.Append("Key name: HOST_KEY\n");
                sb.Append("Key type: ").Append(V5KeyType(key.Kind)).Append('\n');
                sb.Append(V5Rule).Append('\n');
                sb.Append("Key code:\n");
                sb.Append(Convert.ToHexString(der)).Append('\n');
            }
            else
            {
                sb.Append(V7Rule).Append('\n');
                sb.Append("Key name: ").Append(key.Kind == "ecdsa" ? "ecdsakey" : key.Kind == "dsa" ? "dsakey" : "hostkey").Append(" (default)\n");
                sb.Append("Key type: ").Append(key.Kind.ToUpperInvariant()).Append('\n');
                sb.Append("Time when key pair created: ").Append(created.ToString("HH:mm:ss yyyy/MM/dd", s_inv)).Append('\n');
                sb.Append("Key code:\n");
                foreach (var line in PublicKeyCodec.HexLines(der, ManagementRenderer.KeyCodeWidth))
                {
                    sb.Append("   ").Append(line).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary><c>display public-key peer [name NAME]</c>.</summary>
    public static string PeerPublicKeys(ComwareDialect dialect, IEnumerable<PeerPublicKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sb = new StringBuilder();
        foreach (var key in keys)
        {
            var known = PublicKeyCodec.TryDerToSshBlob(key.Der.AsSpan(), out _, out var type, out var bits);
            var kind = !known ? "RSA" : type switch
            {
                "ssh-rsa" => "RSA",
                "ssh-dss" => "DSA",
                "ssh-ed25519" => "ED25519",
                _ => "ECDSA",
            };
            sb.Append(dialect == ComwareDialect.V5 ? V5Rule : V7Rule).Append('\n');
            sb.Append("Key name: ").Append(key.Name).Append('\n');
            sb.Append("Key type: ").Append(kind).Append('\n');
            sb.Append("Key length: ").Append(bits.ToString(s_inv)).Append('\n');
            sb.Append("Key code:\n");
            foreach (var line in PublicKeyCodec.HexLines(key.Der.AsSpan(), ManagementRenderer.KeyCodeWidth))
            {
                sb.Append("   ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string V5KeyType(string kind) => kind switch
    {
        "dsa" => "DSA Encryption Key",
        "ecdsa" => "ECDSA Encryption Key",
        _ => "RSA Encryption Key",
    };

    private static string ServiceTypes(ComwareDialect dialect, string? serviceType)
    {
        var v5 = dialect == ComwareDialect.V5;
        return serviceType switch
        {
            null => "null",
            "all" => v5 ? "stelnet|sftp" : "Stelnet|SFTP|SCP|NETCONF",
            "sftp" => v5 ? "sftp" : "SFTP",
            "scp" => v5 ? "scp" : "SCP",
            "netconf" => "NETCONF",
            _ => v5 ? "stelnet" : "Stelnet",
        };
    }

    private static string ShortCipher(string cipher) => cipher.ToLowerInvariant() switch
    {
        var c when c.StartsWith("aes", StringComparison.Ordinal) => "AES",
        var c when c.StartsWith("3des", StringComparison.Ordinal) => "3DES",
        var c when c.StartsWith("des", StringComparison.Ordinal) => "DES",
        var c when c.StartsWith("chacha", StringComparison.Ordinal) => "CHACHA20",
        _ => cipher.ToUpperInvariant(),
    };

    private static string Pad(string text, int width) => text.Length >= width ? text + " " : text.PadRight(width);

    private static string OnOff(bool on) => on ? "Enable" : "Disable";
}
