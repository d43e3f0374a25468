using System.Security.Cryptography;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Emulator.Ssh.Kex;

/// <summary>Finite-field Diffie-Hellman arithmetic shared by fixed groups and group exchange.</summary>
internal static class DhMath
{
    /// <summary>Checks 1 &lt; e &lt; p-1 (RFC 4253 8), draws y and returns (f, K).</summary>
    public static (BigInteger F, BigInteger K) Agree(DhGroup group, BigInteger e)
    {
        if (e.SignValue <= 0 || e.CompareTo(BigInteger.One) <= 0 || e.CompareTo(group.P.Subtract(BigInteger.One)) >= 0)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "DH public value out of range");
        }

        // An exponent of twice the strongest symmetric key (256 bits) suffices; larger ones only cost time.
        var bits = Math.Min(group.Bits - 1, 512);
        var random = new Org.BouncyCastle.Security.SecureRandom();
        BigInteger y;
        do
        {
            y = new BigInteger(bits, random);
        }
        while (y.BitLength < bits - 8);

        var f = group.G.ModPow(y, group.P);
        var k = e.ModPow(y, group.P);
        if (k.CompareTo(BigInteger.One) <= 0)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "degenerate DH shared secret");
        }

        return (f, k);
    }

    /// <summary>A peer's DH public value; a negative mpint is out of range (RFC 4253 8: 1 &lt; e &lt; p-1), never a format error.</summary>
    public static BigInteger ReadMpint(ref SshReader reader)
    {
        var mpint = reader.ReadMpint();
        if (!mpint.IsEmpty && (mpint[0] & 0x80) != 0)
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, "DH public value out of range (negative)");
        }

        return new(1, Keys.KeyEncoding.UnsignedFromMpint(mpint));
    }
}

/// <summary>diffie-hellman-group1-sha1, group14-sha1/sha256, group16-sha512, group18-sha512 (RFC 4253 8, RFC 8268): KEXDH_INIT e, KEXDH_REPLY K_S, f, signature.</summary>
internal sealed class DhGroupKex(DhGroup group, HashAlgorithmName hash) : IKeyExchange
{
    public async ValueTask<KexResult> RunServerAsync(KexContext context, CancellationToken cancellationToken)
    {
        var init = await context.ExpectAsync(MessageNumbers.KexDhInit, "KEXDH_INIT", cancellationToken);
        var reader = new SshReader(init.AsSpan(1));
        var e = DhMath.ReadMpint(ref reader);
        reader.EnsureAtEnd();
        var (f, k) = DhMath.Agree(group, e);
        var hashInput = context.BeginExchangeHash();
        var writer = new SshWriter(hashInput);
        writer.WriteMpint(e.ToByteArrayUnsigned());
        writer.WriteMpint(f.ToByteArrayUnsigned());
        var (result, signature) = context.Complete(hashInput, KexContext.EncodeMpint(k.ToByteArrayUnsigned()), hash);
        await context.WriteFinalAsync(DhReplyMessage.FixedGroup(context.HostKey.PublicKeyBlob, f.ToByteArrayUnsigned(), signature).ToPayload(), cancellationToken);
        return result;
    }
}

/// <summary>
/// diffie-hellman-group-exchange-sha1/sha256 (RFC 4419): the client asks for a size (GEX_REQUEST min/n/max,
/// or the old GEX_REQUEST_OLD with n only), the server answers with the best fitting fixed safe prime.
/// </summary>
internal sealed class DhGroupExchangeKex(HashAlgorithmName hash) : IKeyExchange
{
    /// <summary>RFC 4419 3 recommends a server accept requests between 1024 and 8192 bits.</summary>
    public const int MinimumBits = 1024;
    public const int MaximumBits = 8192;

    public async ValueTask<KexResult> RunServerAsync(KexContext context, CancellationToken cancellationToken)
    {
        // The server's floor: never below RFC 4419's 1024, raised by a stricter policy (OpenSSH uses 2048).
        var floor = Math.Clamp(context.MinimumGroupBits, MinimumBits, MaximumBits);
        var request = (await context.ReadAsync(cancellationToken)).ToArray();
        var reader = new SshReader(request.AsSpan(1));
        int min, preferred, max;
        var old = request[0] == MessageNumbers.KexDhGexRequestOld;
        if (old)
        {
            preferred = (int)Math.Min(reader.ReadUInt32(), int.MaxValue);
            min = floor;
            max = MaximumBits;
        }
        else if (request[0] == MessageNumbers.KexDhGexRequest)
        {
            min = (int)Math.Min(reader.ReadUInt32(), int.MaxValue);
            preferred = (int)Math.Min(reader.ReadUInt32(), int.MaxValue);
            max = (int)Math.Min(reader.ReadUInt32(), int.MaxValue);
            if (min > preferred || preferred > max)
            {
                throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, $"bad group exchange request min={min} n={preferred} max={max}");
            }
        }
        else
        {
            throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, $"expected KEX_DH_GEX_REQUEST, got message {request[0]}");
        }

        reader.EnsureAtEnd();
        var group = DhGroups.Choose(Math.Max(min, floor), Math.Clamp(preferred, floor, MaximumBits), Math.Min(max, MaximumBits))
            ?? throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed, $"no DH group between {min} and {max} bits");
        await context.WriteAsync(new GexGroupMessage(group.P.ToByteArrayUnsigned(), group.G.ToByteArrayUnsigned()).ToPayload(), cancellationToken);

        var init = await context.ExpectAsync(MessageNumbers.KexDhGexInit, "KEX_DH_GEX_INIT", cancellationToken);
        var initReader = new SshReader(init.AsSpan(1));
        var e = DhMath.ReadMpint(ref initReader);
        initReader.EnsureAtEnd();
        var (f, k) = DhMath.Agree(group, e);

        var hashInput = context.BeginExchangeHash();
        var writer = new SshWriter(hashInput);
        if (old)
        {
            writer.WriteUInt32((uint)preferred);
        }
        else
        {
            writer.WriteUInt32((uint)min);
            writer.WriteUInt32((uint)preferred);
            writer.WriteUInt32((uint)max);
        }

        writer.WriteMpint(group.P.ToByteArrayUnsigned());
        writer.WriteMpint(group.G.ToByteArrayUnsigned());
        writer.WriteMpint(e.ToByteArrayUnsigned());
        writer.WriteMpint(f.ToByteArrayUnsigned());
        var (result, signature) = context.Complete(hashInput, KexContext.EncodeMpint(k.ToByteArrayUnsigned()), hash);
        await context.WriteFinalAsync(DhReplyMessage.GroupExchange(context.HostKey.PublicKeyBlob, f.ToByteArrayUnsigned(), signature).ToPayload(), cancellationToken);
        return result;
    }
}
