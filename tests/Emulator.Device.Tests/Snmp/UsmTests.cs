using Emulator.Device.Snmp;

namespace Emulator.Device.Tests.Snmp;

/// <summary>USM cryptography against RFC 3414's test vectors, and privacy round trips.</summary>
public class UsmTests
{
    private static readonly byte[] EngineId = Convert.FromHexString("000000000000000000000002");

    [Fact]
    public void Md5_key_localization_matches_RFC_3414_A_3_1()
    {
        var key = Usm.LocalizedKey(SnmpAuthProtocol.Md5, "maplesyrup", EngineId);
        Assert.Equal("526F5EED9FCCE26F8964C2930787D82B", Convert.ToHexString(key));
    }

    [Fact]
    public void Sha_key_localization_matches_RFC_3414_A_3_2()
    {
        var key = Usm.LocalizedKey(SnmpAuthProtocol.Sha1, "maplesyrup", EngineId);
        Assert.Equal("6695FEBC9288E36282235FC7151F128497B38F3F", Convert.ToHexString(key));
    }

    [Theory]
    [InlineData(SnmpPrivProtocol.Des, 1)]
    [InlineData(SnmpPrivProtocol.Des, 37)]
    [InlineData(SnmpPrivProtocol.Aes128, 1)]
    [InlineData(SnmpPrivProtocol.Aes128, 37)]
    [InlineData(SnmpPrivProtocol.Aes128, 48)]
    public void Privacy_round_trips(SnmpPrivProtocol protocol, int length)
    {
        var key = Usm.LocalizedKey(SnmpAuthProtocol.Sha1, "Priv#Pass1", EngineId);
        var plain = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var (cipher, salt) = Usm.Encrypt(protocol, key, 3, 1234, 99, plain);
        Assert.NotEqual(plain, cipher.AsSpan(0, length).ToArray());
        var back = Usm.Decrypt(protocol, key, 3, 1234, salt, cipher);
        Assert.Equal(plain, back.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Aes_cfb_of_one_full_block_equals_ecb_of_the_iv_xor_plaintext()
    {
        // RFC 3826 §3.1.3: the first CFB-128 block is E(IV) XOR P1; IV = boots || time || salt.
        var key = new byte[16];
        var plain = new byte[16];
        var (cipher, salt) = Usm.Encrypt(SnmpPrivProtocol.Aes128, key, 0, 0, 0, plain);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key;
        var iv = new byte[16];
        salt.CopyTo(iv, 8);
        Assert.Equal(aes.EncryptEcb(iv, System.Security.Cryptography.PaddingMode.None), cipher);
    }

    [Fact]
    public void Des_ciphertext_that_is_not_whole_blocks_is_refused()
    {
        var key = new byte[16];
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => Usm.Decrypt(SnmpPrivProtocol.Des, key, 1, 1, new byte[8], new byte[13]));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => Usm.Decrypt(SnmpPrivProtocol.Aes128, key, 1, 1, new byte[7], new byte[16]));
    }
}
