using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Security;

namespace Emulator.Ssh.Keys;

/// <summary>
/// Random sources for key generation: the system generator, or a SHA-512 hash DRBG seeded with
/// (seed, key type, bits) so a fleet secret always derives the same host key for the same device.
/// </summary>
internal static class DeterministicRandom
{
    public static SecureRandom Create(byte[]? seed, string keyType, int bits)
    {
        if (seed is null)
        {
            return new SecureRandom();
        }

        var generator = new DigestRandomGenerator(new Sha512Digest());
        generator.AddSeedMaterial(Encoding.UTF8.GetBytes("Emulator.Ssh host key v1\0" + keyType + "\0" + bits.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\0"));
        generator.AddSeedMaterial(seed);
        return new SeedOnlyRandom(generator);
    }

    /// <summary>A SecureRandom that never mixes in entropy from the system, so its output depends on the seed only.</summary>
    private sealed class SeedOnlyRandom(IRandomGenerator generator) : SecureRandom(generator)
    {
        public override byte[] GenerateSeed(int length)
        {
            var bytes = new byte[length];
            NextBytes(bytes);
            return bytes;
        }

        public override void SetSeed(byte[] seed)
        {
        }

        public override void SetSeed(long seed)
        {
        }
    }
}
