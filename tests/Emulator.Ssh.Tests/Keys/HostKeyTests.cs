using System.Text;
using Emulator.Ssh.Keys;

namespace Emulator.Ssh.Tests.Keys;

public class HostKeyTests
{
    public static TheoryData<string, int?> KeyTypes => new()
    {
        { "ssh-ed25519", null },
        { "ecdsa-sha2-nistp256", null },
        { "ecdsa-sha2-nistp384", null },
        { "ecdsa-sha2-nistp521", null },
        { "ssh-rsa", 2048 },
        { "ssh-dss", null },
    };

    private static readonly byte[] s_data = Encoding.ASCII.GetBytes("exchange hash stand-in");

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Every_signature_algorithm_signs_and_verifies(string keyType, int? bits)
    {
        using var key = SshHostKey.Generate(keyType, bits);
        Assert.Equal(keyType, key.KeyType);
        var parsed = SshPublicKey.Parse(key.PublicKeyBlob.Span);
        Assert.Equal(keyType, parsed.KeyType);
        Assert.Equal(key.Bits, parsed.Bits);
        foreach (var algorithm in key.SignatureAlgorithms)
        {
            var signature = key.Sign(algorithm, s_data);
            Assert.True(parsed.Verify(algorithm, s_data, signature), algorithm);
            Assert.False(parsed.Verify(algorithm, Encoding.ASCII.GetBytes("other data"), signature), algorithm);
            var tampered = (byte[])signature.Clone();
            tampered[^1] ^= 1;
            Assert.False(parsed.Verify(algorithm, s_data, tampered), algorithm);
        }
    }

    [Fact]
    public void Rsa_signature_blob_must_name_the_requested_algorithm()
    {
        using var key = SshHostKey.Generate("ssh-rsa", 2048);
        var sha512 = key.Sign("rsa-sha2-512", s_data);
        Assert.False(key.PublicKey.Verify("rsa-sha2-256", s_data, sha512));
        Assert.False(key.PublicKey.Verify("ssh-ed25519", s_data, sha512));
        Assert.Equal(["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"], key.SignatureAlgorithms);
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void OpenSsh_and_pem_exports_round_trip(string keyType, int? bits)
    {
        using var key = SshHostKey.Generate(keyType, bits);
        var openSsh = key.ExportOpenSshPrivateKey("device-1");
        Assert.StartsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n", openSsh, StringComparison.Ordinal);
        Assert.Equal(openSsh, key.ExportOpenSshPrivateKey("device-1"));
        using var fromOpenSsh = SshHostKey.Import(openSsh);
        Assert.Equal(key.PublicKeyLine, fromOpenSsh.PublicKeyLine);
        using var fromPem = SshHostKey.Import(key.ExportPem());
        Assert.Equal(key.PublicKeyLine, fromPem.PublicKeyLine);
        var signature = fromPem.Sign(fromPem.SignatureAlgorithms[0], s_data);
        Assert.True(key.PublicKey.Verify(key.SignatureAlgorithms[0], s_data, signature));
    }

    [Theory]
    [InlineData("ssh-ed25519", null)]
    [InlineData("ecdsa-sha2-nistp256", null)]
    [InlineData("ecdsa-sha2-nistp521", null)]
    [InlineData("ssh-rsa", 1024)]
    [InlineData("ssh-dss", null)]
    public void Seeded_generation_is_deterministic(string keyType, int? bits)
    {
        var seed = Encoding.UTF8.GetBytes("fleet secret/device-7");
        using var first = SshHostKey.Generate(keyType, bits, seed);
        using var second = SshHostKey.Generate(keyType, bits, seed);
        using var other = SshHostKey.Generate(keyType, bits, Encoding.UTF8.GetBytes("fleet secret/device-8"));
        Assert.Equal(first.PublicKeyLine, second.PublicKeyLine);
        Assert.Equal(first.ExportOpenSshPrivateKey(), second.ExportOpenSshPrivateKey());
        Assert.NotEqual(first.PublicKeyLine, other.PublicKeyLine);
    }

    [Fact]
    public void Seeded_rsa_depends_on_bits()
    {
        var seed = new byte[] { 1, 2, 3 };
        using var small = SshHostKey.Generate("ssh-rsa", 1024, seed);
        using var large = SshHostKey.Generate("ssh-rsa", 2048, seed);
        Assert.Equal(1024, small.Bits);
        Assert.Equal(2048, large.Bits);
    }

    [Fact]
    public void Bad_input_gives_format_errors()
    {
        Assert.Throws<FormatException>(() => SshHostKey.Import("not a key"));
        Assert.Throws<FormatException>(() => SshHostKey.Import("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n"));
        Assert.Throws<FormatException>(() => SshPublicKey.Parse([0, 0, 0, 3, (byte)'f', (byte)'o', (byte)'o']));
        Assert.Throws<FormatException>(() => SshPublicKey.Parse([0, 0, 0, 11]));
        Assert.Throws<ArgumentException>(() => SshHostKey.Generate("ssh-foo"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SshHostKey.Generate("ssh-dss", 2048));
    }

    [Fact]
    public void Ecdsa_point_must_be_uncompressed_and_on_the_curve()
    {
        using var key = SshHostKey.Generate("ecdsa-sha2-nistp256");
        var blob = key.PublicKeyBlob.ToArray();
        var compressed = (byte[])blob.Clone();
        compressed[blob.Length - 65] = 0x02;
        Assert.Throws<FormatException>(() => SshPublicKey.Parse(compressed));
        var offCurve = (byte[])blob.Clone();
        offCurve[^1] ^= 1;
        Assert.Throws<FormatException>(() => SshPublicKey.Parse(offCurve));
    }

    [Fact]
    public void ParseLine_reads_authorized_keys_lines()
    {
        using var key = SshHostKey.Generate("ssh-ed25519");
        var parsed = SshPublicKey.ParseLine(key.PublicKeyLine + " admin@lab");
        Assert.Equal(key.PublicKeyBlob.ToArray(), parsed.Blob.ToArray());
        Assert.Throws<FormatException>(() => SshPublicKey.ParseLine("ssh-rsa " + Convert.ToBase64String(key.PublicKeyBlob.Span)));
    }
}
