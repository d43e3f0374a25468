using System.Security.Cryptography;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// Random bytes for values that are public or travel encrypted anyway (packet padding, RFC 4253 6; the KEXINIT cookie,
/// 7.1), drawn from <see cref="RandomNumberGenerator"/> a block at a time per thread, as OpenSSH takes its padding from
/// arc4random's buffered stream. Each call into OpenSSL's RAND_bytes costs about 2 us, and every packet needs padding:
/// about 5% of a short connection's CPU before. Each byte is handed out once. Not for keys.
/// </summary>
internal static class BatchedRandom
{
    private const int BlockSize = 512;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_used;

    public static void Fill(Span<byte> destination)
    {
        if (destination.Length > BlockSize / 4)
        {
            RandomNumberGenerator.Fill(destination);
            return;
        }

        var block = t_block;
        if (block is null)
        {
            block = t_block = new byte[BlockSize];
            t_used = BlockSize;
        }

        if (BlockSize - t_used < destination.Length)
        {
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }

        block.AsSpan(t_used, destination.Length).CopyTo(destination);
        t_used += destination.Length;
    }
}
