using System.Net;

namespace Emulator.Device.Snmp;

/// <summary>
/// An SNMPv1 Trap-PDU (RFC 1157 §4.1.6): <c>[4] IMPLICIT SEQUENCE { enterprise, agent-addr, generic-trap,
/// specific-trap, time-stamp, variable-bindings }</c>, sent to target hosts whose <c>params</c> say <c>v1</c>. A v2
/// trap OID is mapped as RFC 3584 §3.2 describes: the generic traps under snmpTraps (1.3.6.1.6.3.1.1.5.N) become
/// generic-trap N-1 with specific-trap 0, and their enterprise is the agent's sysObjectID (RFC 1157: "enterprise — type
/// of object generating trap, see sysObjectID"); any other trap is enterpriseSpecific (6), its enterprise the OID
/// without its last two parts and its specific-trap the last part.
/// </summary>
public sealed record TrapV1(Oid Enterprise, IPAddress AgentAddress, int GenericTrap, int SpecificTrap, long TimeStamp, IReadOnlyList<VarBind> VarBinds)
{
    public const int EnterpriseSpecific = 6;

    private static readonly Oid SnmpTraps = Oid.Parse("1.3.6.1.6.3.1.1.5");

    /// <summary>The v1 form of a v2 notification (<paramref name="trapOid"/> = the value of snmpTrapOID.0).</summary>
    public static TrapV1 FromV2(Oid trapOid, Oid sysObjectId, IPAddress agentAddress, long timeTicks, IReadOnlyList<VarBind> objects)
    {
        ArgumentNullException.ThrowIfNull(trapOid);
        ArgumentNullException.ThrowIfNull(sysObjectId);
        ArgumentNullException.ThrowIfNull(agentAddress);
        if (trapOid.Length == SnmpTraps.Length + 1 && trapOid.StartsWith(SnmpTraps) && trapOid[^1] is >= 1 and <= 6)
        {
            return new TrapV1(sysObjectId, agentAddress, (int)trapOid[^1] - 1, 0, timeTicks, objects);
        }

        var parts = trapOid.Parts;
        var enterprise = parts.Length > 2 && parts[^2] == 0 ? new Oid(parts[..^2].ToArray()) : new Oid(parts[..^1].ToArray());
        return new TrapV1(enterprise, agentAddress, EnterpriseSpecific, (int)parts[^1], timeTicks, objects);
    }

    /// <summary>The whole message: <c>SEQUENCE { version 0, community, Trap-PDU }</c>.</summary>
    public byte[] Encode(ReadOnlySpan<byte> community)
    {
        var address = AgentAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? AgentAddress.GetAddressBytes() : new byte[4];
        var body = new BerWriter();
        body.WriteInteger(SnmpMessage.Version1);
        body.WriteOctetString(community);
        body.WriteConstructed(BerTag.TrapV1, pdu =>
        {
            pdu.WriteOid(Enterprise);
            pdu.WriteValue(SnmpValue.Ip(address));
            pdu.WriteInteger(GenericTrap);
            pdu.WriteInteger(SpecificTrap);
            pdu.WriteValue(SnmpValue.TimeTicks(TimeStamp));
            pdu.WriteConstructed(BerTag.Sequence, list =>
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
        var writer = new BerWriter();
        writer.Write(BerTag.Sequence, body.ToArray());
        return writer.ToArray();
    }

    /// <summary>Reads a v1 trap message back (tests, and a strict check of what is sent).</summary>
    public static (byte[] Community, TrapV1 Trap) Decode(ReadOnlySpan<byte> datagram)
    {
        var outer = new BerReader(datagram);
        var message = outer.ReadSequence();
        if (message.ReadInteger() != SnmpMessage.Version1)
        {
            throw new BerException("not an SNMPv1 message");
        }

        var community = message.ReadOctetString();
        var pdu = message.ReadSequence(BerTag.TrapV1);
        var enterprise = pdu.ReadOid();
        var address = pdu.ReadValue();
        var generic = (int)pdu.ReadInteger();
        var specific = (int)pdu.ReadInteger();
        var stamp = pdu.ReadValue();
        var list = pdu.ReadSequence();
        var binds = new List<VarBind>();
        while (!list.IsEmpty)
        {
            var bind = list.ReadSequence();
            binds.Add(new VarBind(bind.ReadOid(), bind.ReadValue()));
        }

        return (community, new TrapV1(enterprise, new IPAddress(address.Bytes!), generic, specific, stamp.Number, binds));
    }
}
