using Emulator.Device.Snmp;

namespace Emulator.Device.Tests.Snmp;

/// <summary>The BER codec refuses what SNMP does not allow and round-trips what it does.</summary>
public class BerTests
{
    private static readonly byte[] ValidGet = Convert.FromHexString("302602010104067075626C6963A019020101020100020100300E300C06082B060102010105000500");

    [Fact]
    public void A_valid_get_decodes()
    {
        var message = SnmpMessage.Decode(ValidGet);
        Assert.Equal(SnmpMessage.Version2c, message.Version);
        Assert.Equal("public", System.Text.Encoding.ASCII.GetString(message.Community));
        Assert.Equal("1.3.6.1.2.1.1.5.0", Assert.Single(message.Pdu!.VarBinds).Name.ToString());
    }

    [Theory]
    [InlineData("3080020101", "indefinite length")]
    [InlineData("3085000000000102", "five length bytes")]
    [InlineData("3084FFFFFFFF020101", "length beyond int")]
    [InlineData("30820400020101", "length past the end (oversize)")]
    [InlineData("3003020101FF", "trailing data after the message")]
    [InlineData("1F0100", "multi-byte tag")]
    [InlineData("300302", "truncated TLV")]
    [InlineData("3006020109020100", "integer of nine bytes at the wrong place")]
    [InlineData("300502010204012A", "unknown version 2")]
    public void Malformed_messages_throw_BerException(string hex, string why)
    {
        var ex = Assert.Throws<BerException>(() => SnmpMessage.Decode(Convert.FromHexString(hex)));
        Assert.NotNull(why);
        Assert.NotEmpty(ex.Message);
    }

    [Fact]
    public void Every_truncation_of_a_valid_message_is_refused()
    {
        for (var length = 0; length < ValidGet.Length; length++)
        {
            Assert.Throws<BerException>(() => SnmpMessage.Decode(ValidGet.AsSpan(0, length)));
        }
    }

    [Fact]
    public void A_constructed_octet_string_is_refused()
    {
        // 0x24 = OCTET STRING, constructed form: SNMP uses the primitive form only.
        var hex = "3026020101" + "2406" + "04047075626C" + "A019020101020100020100300E300C06082B060102010105000500";
        Assert.Throws<BerException>(() => SnmpMessage.Decode(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("0680", "OID with a leading 0x80 pad")]
    [InlineData("06AB", "OID ending inside a sub-identifier")]
    [InlineData("0690808080808001", "OID sub-identifier above 2^32-1")]
    [InlineData("", "empty OID")]
    public void Bad_oids_are_refused(string contents, string why)
    {
        Assert.NotNull(why);
        var bytes = contents.Length == 0 ? [] : Convert.FromHexString(contents);
        var oid = bytes.Length > 0 && bytes[0] == 0x06 ? bytes[1..] : bytes;
        Assert.Throws<BerException>(() => BerReader.DecodeOid(oid));
    }

    [Fact]
    public void An_oid_of_129_arcs_is_refused()
    {
        var contents = Enumerable.Repeat((byte)1, 128).ToArray(); // first byte = two arcs, then 127 more = 129
        Assert.Throws<BerException>(() => BerReader.DecodeOid(contents));
    }

    [Fact]
    public void Too_many_variable_bindings_are_refused()
    {
        var binds = Enumerable.Range(0, Pdu.MaxVarBinds + 1).Select(_ => new VarBind(Oid.Parse("1.3.6.1"), SnmpValue.Null)).ToList();
        var bytes = SnmpMessage.EncodeCommunity(1, "public"u8, new Pdu(BerTag.GetRequest, 1, 0, 0, binds));
        Assert.Throws<BerException>(() => SnmpMessage.Decode(bytes));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(127L)]
    [InlineData(128L)]
    [InlineData(-1L)]
    [InlineData(-129L)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Integers_round_trip(long value)
    {
        var bytes = BerWriter.EncodeInteger(value);
        Assert.Equal(value, BerReader.DecodeInteger(bytes));
    }

    [Fact]
    public void Values_round_trip_through_a_message()
    {
        var values = new[]
        {
            SnmpValue.Of(-5), SnmpValue.Text("GigabitEthernet1/0/1"), SnmpValue.ObjectId(Oid.Parse("1.3.6.1.4.1.25506.1.239")),
            SnmpValue.Counter32(uint.MaxValue), SnmpValue.Gauge32(1_000_000_000), SnmpValue.TimeTicks(12345),
            SnmpValue.Counter64(ulong.MaxValue), SnmpValue.Ip([127, 0, 0, 1]), SnmpValue.NoSuchInstance, SnmpValue.EndOfMibView,
        };
        var pdu = new Pdu(BerTag.Response, 7, 0, 0, [.. values.Select((v, i) => new VarBind(Oid.Parse("1.3.6.1.2.1.1").Append((uint)i), v))]);
        var decoded = SnmpMessage.Decode(SnmpMessage.EncodeCommunity(1, "c"u8, pdu)).Pdu!;
        for (var i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].Tag, decoded.VarBinds[i].Value.Tag);
            Assert.Equal(values[i].Number, decoded.VarBinds[i].Value.Number);
            Assert.Equal(values[i].Unsigned64, decoded.VarBinds[i].Value.Unsigned64);
            Assert.Equal(values[i].Bytes ?? [], decoded.VarBinds[i].Value.Bytes ?? []);
            Assert.Equal(values[i].Id, decoded.VarBinds[i].Value.Id);
        }
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_BerException()
    {
        var random = new Random(18);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 4)
            {
                ValidGet.AsSpan(0, Math.Min(ValidGet.Length, bytes.Length / 2)).CopyTo(bytes); // start like SNMP, then noise
            }

            try
            {
                SnmpMessage.Decode(bytes);
            }
            catch (BerException)
            {
            }
        }
    }
}
