using Emulator.Ssh.Tests.TestClient;

namespace Emulator.Ssh.Tests.Keys;

/// <summary>Our key files against the real ssh-keygen, both directions.</summary>
public sealed class OpenSshKeyInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ssh-keys-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("ssh-ed25519", null)]
    [InlineData("ecdsa-sha2-nistp256", null)]
    [InlineData("ecdsa-sha2-nistp384", null)]
    [InlineData("ecdsa-sha2-nistp521", null)]
    [InlineData("ssh-rsa", 2048)]
    [InlineData("ssh-dss", null)]
    public async Task Ssh_keygen_reads_our_private_keys(string keyType, int? bits)
    {
        var keygen = ExternalTool.Require("ssh-keygen");
        using var key = SshHostKey.Generate(keyType, bits);
        var files = new List<(string, string)> { ("openssh", key.ExportOpenSshPrivateKey("emulator")) };
        if (keyType != "ssh-ed25519")
        {
            // OpenSSH 9.2 reads Ed25519 only from its own format, not from PKCS#8 PEM.
            files.Add(("pem", key.ExportPem()));
        }

        foreach (var (name, text) in files)
        {
            var path = WriteKey(name, text);
            var (code, output, error) = await ExternalTool.RunAsync(keygen, ["-y", "-f", path], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.True(code == 0, $"{name}: {error}");
            Assert.StartsWith(key.PublicKeyLine, output.Trim(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ed25519", "", "")]
    [InlineData("ecdsa", "256", "")]
    [InlineData("ecdsa", "384", "PEM")]
    [InlineData("ecdsa", "521", "PKCS8")]
    [InlineData("rsa", "2048", "")]
    [InlineData("rsa", "2048", "PEM")]
    [InlineData("rsa", "2048", "PKCS8")]
    [InlineData("dsa", "", "")]
    [InlineData("dsa", "", "PEM")]
    public async Task We_import_keys_made_by_ssh_keygen(string type, string bits, string format)
    {
        var keygen = ExternalTool.Require("ssh-keygen");
        var path = Path.Combine(_directory, $"{type}{bits}{format}");
        var arguments = new List<string> { "-q", "-t", type, "-N", "", "-C", "made-by-keygen", "-f", path };
        if (bits.Length > 0)
        {
            arguments.AddRange(["-b", bits]);
        }

        if (format.Length > 0)
        {
            arguments.AddRange(["-m", format]);
        }

        var (code, _, error) = await ExternalTool.RunAsync(keygen, arguments, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(code == 0, error);
        using var key = SshHostKey.Import(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        var publicLine = (await File.ReadAllTextAsync(path + ".pub", TestContext.Current.CancellationToken)).Trim();
        Assert.StartsWith(key.PublicKeyLine + " ", publicLine, StringComparison.Ordinal);
        var signature = key.Sign(key.SignatureAlgorithms[0], [1, 2, 3]);
        Assert.True(Emulator.Ssh.Keys.SshPublicKey.ParseLine(publicLine).Verify(key.SignatureAlgorithms[0], [1, 2, 3], signature));
    }

    private string WriteKey(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }
}
