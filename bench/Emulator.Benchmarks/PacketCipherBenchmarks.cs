using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using Emulator.Ssh.Crypto;

namespace Emulator.Benchmarks;

/// <summary>
/// The packet hot path per cipher: protect one outgoing packet (encrypt + MAC or AEAD seal), and protect then
/// verify-and-decrypt it (what one packet costs both ends). Payload sizes: an echoed keystroke (64 bytes) and a full
/// channel-data packet (32 KiB).
/// </summary>
[MemoryDiagnoser]
public class PacketCipherBenchmarks
{
    private IPacketCipher _sealer = null!;
    private IPacketCipher _opener = null!;
    private byte[] _packet = [];
    private uint _sequence;

    // Short labels keep BenchmarkDotNet's table readable (it truncates values over 20 characters).
    private static readonly Dictionary<string, string[]> s_suites = new()
    {
        ["chacha20-poly1305"] = ["chacha20-poly1305@openssh.com"],
        ["aes128-gcm"] = ["aes128-gcm@openssh.com"],
        ["aes256-gcm"] = ["aes256-gcm@openssh.com"],
        ["aes128-ctr+sha256etm"] = ["aes128-ctr", "hmac-sha2-256-etm@openssh.com"],
        ["aes128-ctr+sha256"] = ["aes128-ctr", "hmac-sha2-256"],
        ["aes256-cbc+sha512"] = ["aes256-cbc", "hmac-sha2-512"],
    };

    [Params("chacha20-poly1305", "aes128-gcm", "aes256-gcm", "aes128-ctr+sha256etm", "aes128-ctr+sha256", "aes256-cbc+sha512")]
    public string Cipher { get; set; } = "";

    [Params(64, 32768)]
    public int Payload { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string[] names = s_suites[Cipher];
        var info = CipherTable.ByName[names[0]];
        var key = Enumerable.Range(1, info.KeyLength).Select(i => (byte)i).ToArray();
        var iv = Enumerable.Range(7, Math.Max(info.IvLength, 1)).Select(i => (byte)i).ToArray()[..info.IvLength];
        HmacAlgorithm? Mac() => names.Length > 1 ? MacTable.ByName[names[1]].Create(Enumerable.Range(3, MacTable.ByName[names[1]].KeyLength).Select(i => (byte)i).ToArray()) : null;
        _sealer = info.Create(key, iv, true, Mac());
        _opener = info.Create(key, iv, false, Mac());

        int block = _sealer.BlockSize;
        int unpadded = 1 + Payload + (_sealer.AlignIncludesLength ? 4 : 0);
        int padding = block - (unpadded % block);
        padding += padding < 4 ? block : 0;
        int length = 1 + Payload + padding;
        _packet = new byte[4 + length + _sealer.TagLength];
        BinaryPrimitives.WriteUInt32BigEndian(_packet, (uint)length);
        _packet[4] = (byte)padding;
        _packet[5] = 94;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sealer.Dispose();
        _opener.Dispose();
    }

    [Benchmark]
    public void Seal() => _sealer.Seal(_sequence++, _packet);

    [Benchmark]
    public void SealThenOpen()
    {
        // The opener must see the same sequence numbers as the sealer, so this benchmark keeps its own pair in step.
        uint sequence = _sequence++;
        BinaryPrimitives.WriteUInt32BigEndian(_packet, (uint)(_packet.Length - 4 - _sealer.TagLength));
        _sealer.Seal(sequence, _packet);
        _opener.Open(sequence, _packet);
    }
}
