using System.Security.Cryptography;
using Emulator.Device.State;
using Emulator.Ssh;

namespace Emulator.Device.Tests;

/// <summary>Stands in for the SSH library's keys: a key is 32 bytes, derived from the seed or random.</summary>
internal sealed class FakeHostKeyCodec : IHostKeyCodec
{
    public int Generated { get; private set; }

    public SshHostKey Generate(string keyType, int bits, ReadOnlySpan<byte> seed)
    {
        Generated++;
        var material = seed.IsEmpty ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(seed);
        return new FakeKey(keyType, bits, material);
    }

    public SshHostKey Import(string text)
    {
        var parts = text.Trim().Split(' ');
        if (parts.Length != 4 || parts[0] != "FAKE")
        {
            throw new FormatException("not a fake key");
        }

        return new FakeKey(parts[1], int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), Convert.FromBase64String(parts[3]));
    }

    private sealed class FakeKey(string keyType, int bits, byte[] material) : SshHostKey
    {
        public override string KeyType => keyType;
        public override int Bits => bits;
        public override IReadOnlyList<string> SignatureAlgorithms => [keyType];
        public override ReadOnlyMemory<byte> PublicKeyBlob => material;
        public override byte[] Sign(string signatureAlgorithm, ReadOnlySpan<byte> data) => HMACSHA256.HashData(material, data);
        public override string ExportOpenSshPrivateKey(string comment = "") => $"FAKE {keyType} {bits} {Convert.ToBase64String(material)}\n";
    }
}
