namespace Emulator.Device.Snmp;

/// <summary>A PDU (RFC 3416 §3): for GETBULK, ErrorStatus/ErrorIndex carry non-repeaters/max-repetitions.</summary>
public sealed record Pdu(byte Type, int RequestId, int ErrorStatus, int ErrorIndex, IReadOnlyList<VarBind> VarBinds)
{
    /// <summary>At most this many variable bindings are read from one request.</summary>
    public const int MaxVarBinds = 256;

    public static Pdu Read(ref BerReader reader)
    {
        var type = reader.PeekTag();
        if (type is < BerTag.GetRequest or > BerTag.Report || type == BerTag.TrapV1)
        {
            throw new BerException($"unsupported PDU type 0x{type:X2}");
        }

        var body = reader.ReadSequence(type);
        var requestId = ToInt32(body.ReadInteger());
        var status = ToInt32(body.ReadInteger());
        var index = ToInt32(body.ReadInteger());
        var list = body.ReadSequence();
        var binds = new List<VarBind>();
        while (!list.IsEmpty)
        {
            if (binds.Count == MaxVarBinds)
            {
                throw new BerException("too many variable bindings");
            }

            var bind = list.ReadSequence();
            var name = bind.ReadOid();
            var value = bind.ReadValue();
            if (!bind.IsEmpty)
            {
                throw new BerException("trailing data in a variable binding");
            }

            binds.Add(new VarBind(name, value));
        }

        if (!body.IsEmpty)
        {
            throw new BerException("trailing data in the PDU");
        }

        return new Pdu(type, requestId, status, index, binds);
    }

    public void Write(BerWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteConstructed(Type, w =>
        {
            w.WriteInteger(RequestId);
            w.WriteInteger(ErrorStatus);
            w.WriteInteger(ErrorIndex);
            w.WriteConstructed(BerTag.Sequence, list =>
            {
                foreach (var bind in VarBinds)
                {
                    list.WriteConstructed(BerTag.Sequence, b =>
                    {
                        b.WriteOid(bind.Name);
                        b.WriteValue(bind.Value);
                    });
                }
            });
        });
    }

    public byte[] Encode()
    {
        var writer = new BerWriter();
        Write(writer);
        return writer.ToArray();
    }

    private static int ToInt32(long value) =>
        value is < int.MinValue or > int.MaxValue ? throw new BerException("INTEGER out of the 32-bit range") : (int)value;
}

/// <summary>USM security parameters (RFC 3414 §2.4): carried BER-encoded inside msgSecurityParameters.</summary>
public sealed record UsmParameters(byte[] EngineId, int EngineBoots, int EngineTime, string UserName, byte[] AuthParams, byte[] PrivParams);

/// <summary>
/// An SNMP message as received: v1/v2c (community + PDU, RFC 1157/1901) or v3 (RFC 3412 §6) with its USM
/// parameters and either a plaintext scoped PDU or the encrypted one. Decoding never trusts a length.
/// </summary>
public sealed class SnmpMessage
{
    public const int Version1 = 0;
    public const int Version2c = 1;
    public const int Version3 = 3;

    /// <summary>msgFlags bits (RFC 3412 §6.4).</summary>
    public const byte FlagAuth = 1;
    public const byte FlagPriv = 2;
    public const byte FlagReportable = 4;

    public int Version { get; init; }

    public byte[] Community { get; init; } = [];

    public int MessageId { get; init; }

    public int MaxSize { get; init; }

    public byte Flags { get; init; }

    public int SecurityModel { get; init; }

    public UsmParameters? Usm { get; init; }

    /// <summary>Offset of msgAuthenticationParameters' contents in the datagram (zeroed to check the HMAC).</summary>
    public int AuthParamsOffset { get; init; } = -1;

    public byte[] ContextEngineId { get; init; } = [];

    public byte[] ContextName { get; init; } = [];

    public byte[]? EncryptedPdu { get; init; }

    public Pdu? Pdu { get; init; }

    public static SnmpMessage Decode(ReadOnlySpan<byte> datagram)
    {
        var outer = new BerReader(datagram);
        var message = outer.ReadSequence();
        if (!outer.IsEmpty)
        {
            throw new BerException("trailing data after the message");
        }

        var version = message.ReadInteger();
        if (version is Version1 or Version2c)
        {
            var community = message.ReadOctetString();
            var pdu = Pdu.Read(ref message);
            EnsureEmpty(message);
            return new SnmpMessage { Version = (int)version, Community = community, Pdu = pdu };
        }

        if (version != Version3)
        {
            throw new BerException($"unknown SNMP version {version}");
        }

        var header = message.ReadSequence();
        var id = header.ReadInteger();
        var maxSize = header.ReadInteger();
        var flags = header.ReadOctetString();
        var model = header.ReadInteger();
        EnsureEmpty(header);
        if (id is < 0 or > int.MaxValue || maxSize is < 484 or > int.MaxValue || flags.Length != 1 || model is < 1 or > int.MaxValue)
        {
            throw new BerException("bad v3 header");
        }

        var securityBytes = message.Read(BerTag.OctetString);
        UsmParameters? usm = null;
        var authOffset = -1;
        if (model == 3)
        {
            var security = new BerReader(securityBytes).ReadSequence();
            var engineId = security.ReadOctetString();
            var boots = security.ReadInteger();
            var time = security.ReadInteger();
            var user = security.ReadOctetString();
            var auth = security.Read(BerTag.OctetString);
            datagram.Overlaps(auth, out authOffset);
            var priv = security.ReadOctetString();
            EnsureEmpty(security);
            if (boots is < 0 or > int.MaxValue || time is < 0 or > int.MaxValue || engineId.Length > 32 || user.Length > 32)
            {
                throw new BerException("bad USM parameters");
            }

            usm = new UsmParameters(engineId, (int)boots, (int)time, System.Text.Encoding.UTF8.GetString(user), auth.ToArray(), priv);
        }

        var result = new SnmpMessage
        {
            Version = Version3,
            MessageId = (int)id,
            MaxSize = (int)maxSize,
            Flags = flags[0],
            SecurityModel = (int)model,
            Usm = usm,
            AuthParamsOffset = authOffset,
        };
        if (message.PeekTag() == BerTag.OctetString)
        {
            var encrypted = message.ReadOctetString();
            EnsureEmpty(message);
            return result.With(encrypted: encrypted);
        }

        var scoped = message.ReadSequence();
        EnsureEmpty(message);
        return result.WithScopedPdu(ref scoped);
    }

    /// <summary>Reads a (decrypted) ScopedPDU (RFC 3412 §6.8).</summary>
    public SnmpMessage WithScopedPdu(ReadOnlySpan<byte> plain)
    {
        var reader = new BerReader(plain);
        var scoped = reader.ReadSequence();

        // DES pads to 8 bytes: what follows the ScopedPDU is padding and ignored (RFC 3414 §8.3.2).
        return WithScopedPdu(ref scoped);
    }

    private SnmpMessage WithScopedPdu(ref BerReader scoped)
    {
        var contextEngineId = scoped.ReadOctetString();
        var contextName = scoped.ReadOctetString();
        var pdu = Pdu.Read(ref scoped);
        EnsureEmpty(scoped);
        return With(contextEngineId: contextEngineId, contextName: contextName, pdu: pdu);
    }

    private SnmpMessage With(byte[]? encrypted = null, byte[]? contextEngineId = null, byte[]? contextName = null, Pdu? pdu = null) => new()
    {
        Version = Version,
        Community = Community,
        MessageId = MessageId,
        MaxSize = MaxSize,
        Flags = Flags,
        SecurityModel = SecurityModel,
        Usm = Usm,
        AuthParamsOffset = AuthParamsOffset,
        EncryptedPdu = encrypted ?? EncryptedPdu,
        ContextEngineId = contextEngineId ?? ContextEngineId,
        ContextName = contextName ?? ContextName,
        Pdu = pdu ?? Pdu,
    };

    /// <summary>A v1/v2c message: SEQUENCE { version, community, PDU }.</summary>
    public static byte[] EncodeCommunity(int version, ReadOnlySpan<byte> community, Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var body = new BerWriter();
        body.WriteInteger(version);
        body.WriteOctetString(community);
        pdu.Write(body);
        var writer = new BerWriter();
        writer.Write(BerTag.Sequence, body.ToArray());
        return writer.ToArray();
    }

    /// <summary>The ScopedPDU bytes: SEQUENCE { contextEngineID, contextName, PDU }.</summary>
    public static byte[] EncodeScopedPdu(ReadOnlySpan<byte> contextEngineId, ReadOnlySpan<byte> contextName, Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var body = new BerWriter();
        body.WriteOctetString(contextEngineId);
        body.WriteOctetString(contextName);
        pdu.Write(body);
        var writer = new BerWriter();
        writer.Write(BerTag.Sequence, body.ToArray());
        return writer.ToArray();
    }

    /// <summary>
    /// A v3 USM message. <paramref name="scopedData"/> is the ScopedPDU TLV or, when encrypted, an OCTET STRING TLV.
    /// The auth parameters are 12 zero bytes when <paramref name="authenticate"/> is set: the caller fills them at the
    /// returned offset with the HMAC of the whole message.
    /// </summary>
    public static (byte[] Message, int AuthOffset) EncodeV3(int messageId, int maxSize, byte flags, UsmParameters usm, ReadOnlySpan<byte> scopedData, bool authenticate)
    {
        ArgumentNullException.ThrowIfNull(usm);
        var header = new BerWriter();
        header.WriteConstructed(BerTag.Sequence, h =>
        {
            h.WriteInteger(messageId);
            h.WriteInteger(maxSize);
            h.WriteOctetString([flags]);
            h.WriteInteger(3);
        });

        var security = new BerWriter();
        security.WriteOctetString(usm.EngineId);
        security.WriteInteger(usm.EngineBoots);
        security.WriteInteger(usm.EngineTime);
        security.WriteOctetString(System.Text.Encoding.UTF8.GetBytes(usm.UserName));
        var authAt = security.Length + 2;
        security.WriteOctetString(authenticate ? new byte[Snmp.Usm.AuthParamLength] : []);
        security.WriteOctetString(usm.PrivParams);
        var securitySequence = new BerWriter();
        securitySequence.Write(BerTag.Sequence, security.ToArray());
        authAt += securitySequence.Length - security.Length;

        var body = new BerWriter();
        body.WriteInteger(3);
        body.WriteRaw(header.ToArray());
        var securityStart = body.Length;
        body.WriteOctetString(securitySequence.ToArray());
        authAt += securityStart + (body.Length - securityStart - securitySequence.Length);
        body.WriteRaw(scopedData);

        var writer = new BerWriter();
        writer.Write(BerTag.Sequence, body.ToArray());
        authAt += writer.Length - body.Length;
        return (writer.ToArray(), authenticate ? authAt : -1);
    }

    private static void EnsureEmpty(BerReader reader)
    {
        if (!reader.IsEmpty)
        {
            throw new BerException("trailing data");
        }
    }
}
