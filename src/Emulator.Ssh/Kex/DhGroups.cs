namespace Emulator.Ssh.Kex;

/// <summary>
/// The well-known safe primes with generator 2: Oakley group 2 and the RFC 3526 MODP groups. They serve both the
/// fixed-group methods (RFC 4253 8, RFC 8268) and group exchange (RFC 4419), which picks the best fitting size.
/// Each p = 2^n - 2^(n-64) - 1 + 2^64 * (floor(2^(n-130) * pi) + k); tests re-check that p and (p-1)/2 are prime.
/// </summary>
internal static class DhGroups
{
    /// <summary>
    /// The 8192-bit prime in hex. Every smaller group is this string's leading digits (the digits of pi are the same)
    /// with its own last few digits (its k, which makes it prime) and the low 64 one bits: see <see cref="Truncated"/>.
    /// </summary>
    private const string Modp8192Hex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A92108011A723C12A787E6D7" +
        "88719A10BDBA5B2699C327186AF4E23C1A946834B6150BDA2583E9CA2AD44CE8DBBBC2DB04DE8EF92E8EFC141FBECAA6" +
        "287C59474E6BC05D99B2964FA090C3A2233BA186515BE7ED1F612970CEE2D7AFB81BDD762170481CD0069127D5B05AA9" +
        "93B4EA988D8FDDC186FFB7DC90A6C08F4DF435C93402849236C3FAB4D27C7026C1D4DCB2602646DEC9751E763DBA37BD" +
        "F8FF9406AD9E530EE5DB382F413001AEB06A53ED9027D831179727B0865A8918DA3EDBEBCF9B14ED44CE6CBACED4BB1B" +
        "DB7F1447E6CC254B332051512BD7AF426FB8F401378CD2BF5983CA01C64B92ECF032EA15D1721D03F482D7CE6E74FEF6" +
        "D55E702F46980C82B5A84031900B1C9E59E7C97FBEC7E8F323A97A7E36CC88BE0F1D45B7FF585AC54BD407B22B4154AA" +
        "CC8F6D7EBF48E1D814CC5ED20F8037E0A79715EEF29BE32806A1D58BB7C5DA76F550AA3D8A1FBFF0EB19CCB1A313D55C" +
        "DA56C9EC2EF29632387FE8D76E3C0468043E8F663F4860EE12BF2D5B0B7474D6E694F91E6DBE115974A3926F12FEE5E4" +
        "38777CB6A932DF8CD8BEC4D073B931BA3BC832B68D9DD300741FA7BF8AFC47ED2576F6936BA424663AAB639C5AE4F568" +
        "3423B4742BF1C978238F16CBE39D652DE3FDB8BEFC848AD922222E04A4037C0713EB57A81A23F0C73473FC646CEA306B" +
        "4BCBC8862F8385DDFA9D4B7FA2C087E879683303ED5BDD3A062B3CF5B3A278A66D2A13F83F44F82DDF310EE074AB6A36" +
        "4597E899A0255DC164F31CC50846851DF9AB48195DED7EA1B1D510BD7EE74D73FAF36BC31ECFA268359046F4EB879F92" +
        "4009438B481C6CD7889A002ED5EE382BC9190DA6FC026E479558E4475677E9AA9E3050E2765694DFC81F56E880B96E71" +
        "60C980DD98EDD3DFFFFFFFFFFFFFFFFF";

    /// <summary>Oakley group 2 (RFC 2409 6.2), diffie-hellman-group1-sha1.</summary>
    public static readonly DhGroup Modp1024 = Truncated(1024, "65381");

    /// <summary>MODP group 5 (RFC 3526 2).</summary>
    public static readonly DhGroup Modp1536 = Truncated(1536, "237327");

    /// <summary>MODP group 14 (RFC 3526 3).</summary>
    public static readonly DhGroup Modp2048 = Truncated(2048, "CAA68");

    /// <summary>MODP group 15 (RFC 3526 4).</summary>
    public static readonly DhGroup Modp3072 = Truncated(3072, "3AD2CA");

    /// <summary>MODP group 16 (RFC 3526 5).</summary>
    public static readonly DhGroup Modp4096 = Truncated(4096, "63199");

    /// <summary>MODP group 17 (RFC 3526 6).</summary>
    public static readonly DhGroup Modp6144 = Truncated(6144, "CC4024");

    /// <summary>MODP group 18 (RFC 3526 7).</summary>
    public static readonly DhGroup Modp8192 = new(8192, Modp8192Hex);

    /// <summary>All groups by size, smallest first (group exchange chooses among them).</summary>
    public static readonly IReadOnlyList<DhGroup> All = [Modp1024, Modp1536, Modp2048, Modp3072, Modp4096, Modp6144, Modp8192];

    /// <summary>
    /// RFC 4419 3: the group that best fits a client's request: the smallest of at least <paramref name="preferred"/>
    /// bits inside [min, max], else the largest inside it; null when none fits.
    /// </summary>
    public static DhGroup? Choose(int min, int preferred, int max)
    {
        DhGroup? best = null;
        foreach (var group in All)
        {
            if (group.Bits < min || group.Bits > max)
            {
                continue;
            }

            if (group.Bits >= preferred)
            {
                return group;
            }

            best = group;
        }

        return best;
    }

    /// <summary>The <paramref name="bits"/>-bit group: <see cref="Modp8192Hex"/>'s leading digits, then <paramref name="tail"/>, then 64 one bits.</summary>
    private static DhGroup Truncated(int bits, string tail) =>
        new(bits, string.Concat(Modp8192Hex.AsSpan(0, (bits / 4) - 16 - tail.Length), tail, "FFFFFFFFFFFFFFFF"));
}

/// <summary>A Diffie-Hellman group: safe prime p and generator g = 2.</summary>
internal sealed class DhGroup(int bits, string primeHex)
{
    public int Bits { get; } = bits;

    public Org.BouncyCastle.Math.BigInteger P { get; } = new(primeHex, 16);

    public Org.BouncyCastle.Math.BigInteger G { get; } = Org.BouncyCastle.Math.BigInteger.Two;
}
