using System.Text;

namespace Emulator.Device.Snmp;

/// <summary>BER tags of the SNMP value types (RFC 2578 §7.1, RFC 3416 §3) and PDUs.</summary>
public static class BerTag
{
    public const byte SignedInteger = 0x02;
    public const byte OctetString = 0x04;
    public const byte Null = 0x05;
    public const byte ObjectIdentifier = 0x06;
    public const byte Sequence = 0x30;
    public const byte IpAddress = 0x40;
    public const byte Counter32 = 0x41;
    public const byte Gauge32 = 0x42;
    public const byte TimeTicks = 0x43;
    public const byte Opaque = 0x44;
    public const byte Counter64 = 0x46;
    public const byte NoSuchObject = 0x80;
    public const byte NoSuchInstance = 0x81;
    public const byte EndOfMibView = 0x82;

    public const byte GetRequest = 0xA0;
    public const byte GetNextRequest = 0xA1;
    public const byte Response = 0xA2;
    public const byte SetRequest = 0xA3;
    public const byte TrapV1 = 0xA4;
    public const byte GetBulkRequest = 0xA5;
    public const byte InformRequest = 0xA6;
    public const byte TrapV2 = 0xA7;
    public const byte Report = 0xA8;
}

/// <summary>
/// One SNMP value: the BER tag and either a number (INTEGER, counters, gauges, time ticks) or bytes (OCTET STRING,
/// IpAddress, Opaque) or an OID. The exceptions noSuchObject, noSuchInstance and endOfMibView are values too (v2c).
/// </summary>
public sealed record SnmpValue(byte Tag, long Number = 0, byte[]? Bytes = null, Oid? Id = null, ulong Unsigned64 = 0)
{
    public static SnmpValue Null { get; } = new(BerTag.Null);

    public static SnmpValue NoSuchObject { get; } = new(BerTag.NoSuchObject);

    public static SnmpValue NoSuchInstance { get; } = new(BerTag.NoSuchInstance);

    public static SnmpValue EndOfMibView { get; } = new(BerTag.EndOfMibView);

    public static SnmpValue Of(long value) => new(BerTag.SignedInteger, value);

    public static SnmpValue Text(string text) => new(BerTag.OctetString, Bytes: Encoding.UTF8.GetBytes(text));

    public static SnmpValue Octets(byte[] bytes) => new(BerTag.OctetString, Bytes: bytes);

    public static SnmpValue ObjectId(Oid oid) => new(BerTag.ObjectIdentifier, Id: oid);

    public static SnmpValue Counter32(long value) => new(BerTag.Counter32, value & 0xFFFFFFFF);

    public static SnmpValue Gauge32(long value) => new(BerTag.Gauge32, Math.Clamp(value, 0, uint.MaxValue));

    public static SnmpValue TimeTicks(long value) => new(BerTag.TimeTicks, value & 0xFFFFFFFF);

    public static SnmpValue Counter64(ulong value) => new(BerTag.Counter64, Unsigned64: value);

    public static SnmpValue Ip(byte[] address) => new(BerTag.IpAddress, Bytes: address);

    public bool IsException => Tag is BerTag.NoSuchObject or BerTag.NoSuchInstance or BerTag.EndOfMibView;

    public string AsText() => Bytes is null ? "" : Encoding.UTF8.GetString(Bytes);
}

/// <summary>A variable binding: name and value (RFC 3416 §3).</summary>
public sealed record VarBind(Oid Name, SnmpValue Value);
