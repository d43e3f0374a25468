using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Tests.Management;

public class PasswordEncoderTests
{
    [Fact]
    public void Cipher_round_trips_and_verifies()
    {
        var encoder = new PasswordEncoder();
        var stored = encoder.Cipher("Admin@123");
        Assert.StartsWith(PasswordEncoder.CipherPrefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Admin@123", stored, StringComparison.Ordinal);
        Assert.True(PasswordEncoder.TryDecipher(stored, out var plain));
        Assert.Equal("Admin@123", plain);
        Assert.True(PasswordEncoder.Verify(stored, "Admin@123"));
        Assert.False(PasswordEncoder.Verify(stored, "admin@123"));
    }

    [Fact]
    public void Hash_verifies_and_has_device_shape()
    {
        var encoder = new PasswordEncoder();
        var stored = encoder.Hash("secret");
        Assert.Matches(@"^\$h\$6\$[A-Za-z0-9+/]{16}\$[A-Za-z0-9+/]{86}==$", stored);
        Assert.True(PasswordEncoder.IsValidHash(stored));
        Assert.True(PasswordEncoder.Verify(stored, "secret"));
        Assert.False(PasswordEncoder.Verify(stored, "Secret"));
    }

    [Theory]
    [InlineData("plaintext")]
    [InlineData("$h$6$abc$def")]
    [InlineData("$c$3$notbase64!!")]
    [InlineData("")]
    public void Garbage_is_neither_cipher_nor_hash(string text)
    {
        Assert.False(PasswordEncoder.IsValidHash(text));
        Assert.False(PasswordEncoder.TryDecipher(text, out _));
        Assert.False(PasswordEncoder.Verify(text, text));
    }

    [Fact]
    public void Random_salts_differ_but_deterministic_encoder_repeats()
    {
        var random = new PasswordEncoder();
        Assert.NotEqual(random.Hash("x"), random.Hash("x"));
        Assert.Equal(PasswordEncoder.CreateDeterministic().Hash("x"), PasswordEncoder.CreateDeterministic().Hash("x"));
    }

    [Fact]
    public void Cipher_from_another_device_loads()
    {
        var stored = new PasswordEncoder().Cipher("shared");
        Assert.True(PasswordEncoder.Verify(stored, "shared"));
    }
}
