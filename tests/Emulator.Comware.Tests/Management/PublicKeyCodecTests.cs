using System.Security.Cryptography;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Tests.Management;

public class PublicKeyCodecTests
{
    [Fact]
    public void Rsa_der_and_blob_round_trip()
    {
        using var rsa = RSA.Create(1024);
        var der = rsa.ExportSubjectPublicKeyInfo();
        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out var type, out var bits));
        Assert.Equal("ssh-rsa", type);
        Assert.Equal(1024, bits);
        Assert.True(PublicKeyCodec.TrySshBlobToDer(blob, out var back));
        Assert.Equal(der, back);
        Assert.StartsWith("30819F300D06092A864886F70D010101", Convert.ToHexString(der), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, "ecdsa-sha2-nistp256")]
    [InlineData(384, "ecdsa-sha2-nistp384")]
    [InlineData(521, "ecdsa-sha2-nistp521")]
    public void Ecdsa_round_trips(int size, string expected)
    {
        using var ecdsa = ECDsa.Create(size switch
        {
            256 => ECCurve.NamedCurves.nistP256,
            384 => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        });
        var der = ecdsa.ExportSubjectPublicKeyInfo();
        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out var type, out _));
        Assert.Equal(expected, type);
        Assert.True(PublicKeyCodec.TrySshBlobToDer(blob, out var back));
        Assert.Equal(der, back);
    }

    [Fact]
    public void Ed25519_round_trips()
    {
        var raw = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        byte[] der = [.. Convert.FromHexString("302A300506032B6570032100"), .. raw];
        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out var type, out _));
        Assert.Equal("ssh-ed25519", type);
        Assert.True(PublicKeyCodec.TrySshBlobToDer(blob, out var back));
        Assert.Equal(der, back);
    }

    [Fact]
    public void OpenSsh_line_parses()
    {
        using var rsa = RSA.Create(2048);
        Assert.True(PublicKeyCodec.TryDerToSshBlob(rsa.ExportSubjectPublicKeyInfo(), out var blob, out _, out _));
        var line = "ssh-rsa " + Convert.ToBase64String(blob) + " user@host";
        Assert.True(PublicKeyCodec.TryParseOpenSshText(line, out var parsed));
        Assert.Equal(blob, parsed);
        var rfc4716 = "---- BEGIN SSH2 PUBLIC KEY ----\nComment: \"rsa-key\"\n"
            + string.Join('\n', Convert.ToBase64String(blob).Chunk(64).Select(c => new string(c)))
            + "\n---- END SSH2 PUBLIC KEY ----\n";
        Assert.True(PublicKeyCodec.TryParseOpenSshText(rfc4716, out var parsed2));
        Assert.Equal(blob, parsed2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("30819F300D06092A864886F70D010101050003818D00")]
    public void Malformed_der_is_refused(string hex)
    {
        Assert.False(PublicKeyCodec.TryDerToSshBlob(Convert.FromHexString(hex), out _, out _, out _));
    }

    [Fact]
    public void Malformed_blob_is_refused()
    {
        Assert.False(PublicKeyCodec.TrySshBlobToDer([0, 0, 0, 7, (byte)'s'], out _));
        Assert.False(PublicKeyCodec.TryParseOpenSshText("ssh-rsa !!!", out _));
    }

    [Fact]
    public void Hex_lines_are_upper_case_and_wrapped()
    {
        var lines = PublicKeyCodec.HexLines(Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray(), 74).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(74, lines[0].Length);
        Assert.Equal(6, lines[1].Length);
        Assert.Equal(lines[0].ToUpperInvariant(), lines[0]);
    }

    [Fact]
    public void Comware_key_code_of_an_openssh_key_gives_the_openssh_blob()
    {
        // ssh-keygen -t rsa -b 1024; the hex is what "openssl pkey -pubin -outform DER | xxd -p" prints for it.
        const string hex =
            "30819F300D06092A864886F70D010101050003818D0030818902818100B948C62AE79F2DCB67CD9EB8B26CFFBDEC30B8805BD512AA6CE98D204E17B4E072D86E" +
            "9D74529C72AC1D17DDCCC68BA27DD9C8B4D5B22704AA26090674C92793625D161CA14415BED0505385E264435257D4FFFEAD425A0B85E86FD9ECE7481FCAF558" +
            "67DD48DE019715EFBA9F32E71020F72A8E95D429E91E0BECCB7DEC36AB0203010001";
        const string openssh =
            "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC5SMYq558ty2fNnriybP+97DC4gFvVEqps6Y0gThe04HLYbp10UpxyrB0X3czGi6J92ci01bInBKomCQZ0ySeTYl0WHKFEFb7QUFOF4mRDUlfU//6tQloLhehv2eznSB/K9Vhn3UjeAZcV77qfMucQIPcqjpXUKekeC+zLfew2qw==";
        Assert.True(PublicKeyCodec.TryDerToSshBlob(Convert.FromHexString(hex), out var blob, out var type, out var bits));
        Assert.Equal("ssh-rsa", type);
        Assert.Equal(1024, bits);
        Assert.Equal(openssh, Convert.ToBase64String(blob));
    }
}
