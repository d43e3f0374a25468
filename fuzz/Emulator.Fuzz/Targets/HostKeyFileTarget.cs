using System.Text;
using Emulator.Ssh;

namespace Emulator.Fuzz.Targets;

/// <summary>Host key files (OpenSSH and PEM formats): any text is a key or a <see cref="FormatException"/>.</summary>
public sealed class HostKeyFileTarget : IFuzzTarget
{
    public string Name => "host-key-file";

    public IEnumerable<byte[]> Seeds(string repositoryRoot)
    {
        foreach (var type in (string[])["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", "ssh-dss"])
        {
            using var key = SshHostKey.Generate(type, type == "ssh-rsa" ? 1024 : null, seed: Encoding.ASCII.GetBytes("fuzz-seed-" + type));
            yield return Encoding.ASCII.GetBytes(key.ExportOpenSshPrivateKey("fuzz"));
            yield return Encoding.ASCII.GetBytes(key.ExportPem());
        }
    }

    public void Run(byte[] input)
    {
        try
        {
            using var key = SshHostKey.Import(Encoding.UTF8.GetString(input));
        }
        catch (FormatException)
        {
        }
    }
}
