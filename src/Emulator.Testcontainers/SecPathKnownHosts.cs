using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Testcontainers;

/// <summary>A host key's public part: type and base64 blob as in known_hosts, and its SHA-256 fingerprint.</summary>
/// <param name="Type">Key type, such as <c>ssh-rsa</c> or <c>ssh-ed25519</c>.</param>
/// <param name="PublicKey">Base64 public key blob (the second field of a known_hosts line).</param>
public sealed record SecPathHostKey(string Type, string PublicKey)
{
    /// <summary>SHA-256 fingerprint as OpenSSH prints it: <c>SHA256:</c> and unpadded base64 of the hash of the blob.</summary>
    public string Fingerprint { get; } = "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(PublicKey))).TrimEnd('=');
}

/// <summary>OpenSSH known_hosts lines (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT").</summary>
public static class SecPathKnownHosts
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

    /// <summary>Reads the emulator's known_hosts text: <c>pattern type base64 # device</c> per line.</summary>
    /// <returns>Each key with the device named in its comment (empty when the line has none).</returns>
    public static IReadOnlyList<(string Device, SecPathHostKey Key)> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var keys = new List<(string, SecPathHostKey)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                throw new FormatException($"Not a known_hosts line: '{line}'.");
            }

            var hash = line.IndexOf(" #", StringComparison.Ordinal);
            var device = hash < 0 ? string.Empty : line[(hash + 2)..].Trim();
            keys.Add((device, new SecPathHostKey(fields[1], fields[2])));
        }

        return keys;
    }
}
