using System.Security.Cryptography;

namespace Emulator.Ssh.Crypto;

/// <summary>
/// Random bytes drawn from <see cref="RandomNumberGenerator"/> a block at a time per thread, as OpenSSH takes its padding,
/// cookies and ephemeral keys from arc4random's buffered stream. Each call into OpenSSL's RAND_bytes costs a few
/// microseconds, and every packet needs padding (RFC 4253 6): one call per packet was about 5% of a short connection's
/// CPU. Each byte is handed out once and cleared from the block as it is, so no key material stays behind.
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

        var taken = block.AsSpan(t_used, destination.Length);
        taken.CopyTo(destination);
        taken.Clear();
        t_used += destination.Length;
    }
}
