using System.Globalization;
using System.Text;

namespace Emulator.Testcontainers;

/// <summary>OpenSSH known_hosts lines (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").</summary>
public static class KnownHosts
{
    /// <summary>One line per key; a non-22 port is written as <c>[host]:port</c>, as ssh and ssh-keyscan do.</summary>
    public static string Format(string host, int port, IEnumerable<SecPathHostKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var pattern = port == 22 ? host : string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}");
        var text = new StringBuilder();
        foreach (var key in keys)
        {
            text.Append(pattern).Append(' ').Append(key.Type).Append(' ').Append(key.PublicKey).Append('\n');
        }

        return text.ToString();
    }
}
