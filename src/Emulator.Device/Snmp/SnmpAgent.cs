using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Emulator.Comware.Model.Management;

namespace Emulator.Device.Snmp;

/// <summary>What the agent asks of its device: a snapshot of configuration and model, and running configuration lines.</summary>
public interface ISnmpDevice
{
    /// <summary>Null while the device cannot answer (stopped, state unreadable).</summary>
    Task<SnmpSnapshot?> ReadSnmpAsync(CancellationToken cancellationToken);

    /// <summary>Runs the lines in system view; false when a line failed.</summary>
    Task<bool> ApplyConfigurationAsync(string text, CancellationToken cancellationToken);
}

/// <summary>
/// The SNMP agent of one device: takes a datagram, returns the answer or null (dropped). v1/v2c by community
/// (RFC 1157, RFC 1901), v3 with the User-based Security Model (RFC 3414: discovery, timeliness, HMAC-MD5/SHA-96,
/// DES/AES-128 privacy). Answers only while the running configuration enables the agent and the version.
/// Never throws for anything a datagram contains.
/// </summary>
public sealed class SnmpAgent
{
    /// <summary>Comware's default <c>snmp-agent packet max-size</c>.</summary>
    public const int MaxMessageSize = 1500;

    /// <summary>RFC 3414 §2.2.3: messages more than 150 s away from the engine's clock are refused.</summary>
    public const int TimeWindowSeconds = 150;

    private const int EngineBoots = 1;

    private static readonly Oid UsmStats = Oid.Parse("1.3.6.1.6.3.15.1.1");
    private static readonly Oid UnsupportedSecLevels = UsmStats.Append(1, 0);
    private static readonly Oid NotInTimeWindows = UsmStats.Append(2, 0);
    private static readonly Oid UnknownUserNames = UsmStats.Append(3, 0);
    private static readonly Oid UnknownEngineIds = UsmStats.Append(4, 0);
    private static readonly Oid WrongDigests = UsmStats.Append(5, 0);
    private static readonly Oid DecryptionErrors = UsmStats.Append(6, 0);

    private readonly ISnmpDevice _device;
    private readonly Oid _sysObjectId;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _engineStart;
    private readonly ConcurrentDictionary<(SnmpAuthProtocol, string, string), byte[]> _keys = new();
    private readonly long[] _usmCounters = new long[7];
    private long _salt;

    public SnmpAgent(ISnmpDevice device, string sysObjectId, TimeProvider time)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _sysObjectId = Oid.Parse(sysObjectId);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _engineStart = time.GetUtcNow();
        _salt = RandomNumberGenerator.GetInt32(int.MaxValue);
    }

    /// <summary>ifIndex numbering, shared with the traps.</summary>
    public IfIndexTable IfIndexes { get; } = new();

    /// <summary>Datagrams that were not SNMP at all (not even decodable): counted even while the agent is off.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    private long _malformed;

    public int EngineTime => (int)Math.Clamp((_time.GetUtcNow() - _engineStart).TotalSeconds, 0, int.MaxValue);

    public Task<byte[]?> HandleAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken) => HandleAsync(datagram, null, cancellationToken);

    /// <param name="source">The manager's address, checked against community, group and user ACLs.</param>
    public async Task<byte[]?> HandleAsync(ReadOnlyMemory<byte> datagram, IPAddress? source, CancellationToken cancellationToken)
    {
        SnmpMessage message;
        try
        {
            message = SnmpMessage.Decode(datagram.Span);
        }
        catch (BerException)
        {
            Interlocked.Increment(ref _malformed);
            if (await _device.ReadSnmpAsync(cancellationToken) is { Enabled: true } off)
            {
                off.Statistics.CountIn();
                off.Statistics.CountParseError();
            }

            return null;
        }

        var snapshot = await _device.ReadSnmpAsync(cancellationToken);
        if (snapshot is not { Enabled: true })
        {
            return null;
        }

        snapshot.Statistics.CountIn();
        var answer = message.Version == SnmpMessage.Version3
            ? await HandleV3Async(message, datagram, snapshot, source, cancellationToken)
            : await HandleCommunityAsync(message, snapshot, source, cancellationToken);
        if (answer is not null)
        {
            snapshot.Statistics.CountOut();
        }

        return answer;
    }

    private async Task<byte[]?> HandleCommunityAsync(SnmpMessage message, SnmpSnapshot snapshot, IPAddress? source, CancellationToken cancellationToken)
    {
        var v1 = message.Version == SnmpMessage.Version1;
        if (!snapshot.Versions.HasFlag(v1 ? SnmpVersions.V1 : SnmpVersions.V2c))
        {
            snapshot.Statistics.CountBadVersion();
            return null;
        }

        var name = Encoding.UTF8.GetString(message.Community);
        var community = snapshot.Communities.FirstOrDefault(c => c.Secret == name);
        if (community is null || !snapshot.Permits(community.Acl, source))
        {
            // A manager the community's ACL denies is treated as one that does not know the community.
            snapshot.Statistics.CountBadCommunityName();
            return null;
        }

        var request = message.Pdu!;
        if (request.Type is BerTag.Response or BerTag.TrapV2 or BerTag.Report or BerTag.InformRequest || (v1 && request.Type == BerTag.GetBulkRequest))
        {
            snapshot.Statistics.CountSilentDrop();
            return null;
        }

        if (request.Type == BerTag.SetRequest && !community.Write)
        {
            snapshot.Statistics.CountBadCommunityUse();
        }

        var response = await AnswerAsync(request, snapshot, v1, community.Write, 40 + message.Community.Length, cancellationToken);
        return SnmpMessage.EncodeCommunity(message.Version, message.Community, response);
    }

    private async Task<Pdu> AnswerAsync(Pdu request, SnmpSnapshot snapshot, bool v1, bool mayWrite, int headerAllowance, CancellationToken cancellationToken)
    {
        var mib = MibView.Build(snapshot, _sysObjectId, IfIndexes, _time.GetUtcNow());
        var budget = PduProcessor.BindingBudget(MaxMessageSize, headerAllowance);
        Pdu response;
        if (request.Type == BerTag.SetRequest)
        {
            response = PduProcessor.ValidateSet(request, mib, v1, mayWrite, out var plan) ?? request with { Type = BerTag.Response, ErrorStatus = 0, ErrorIndex = 0 };
            if (plan is not null && !await _device.ApplyConfigurationAsync(plan.ConfigurationText, cancellationToken))
            {
                response = PduProcessor.Error(request, v1 ? SnmpError.GenErr : SnmpError.CommitFailed, 1);
            }
        }
        else
        {
            response = PduProcessor.Read(request, mib, v1, budget);
        }

        snapshot.Statistics.CountRequest(request.Type, response.ErrorStatus, response.VarBinds.Count);
        return response;
    }

    private async Task<byte[]?> HandleV3Async(SnmpMessage message, ReadOnlyMemory<byte> datagram, SnmpSnapshot snapshot, IPAddress? source, CancellationToken cancellationToken)
    {
        if (!snapshot.Versions.HasFlag(SnmpVersions.V3))
        {
            snapshot.Statistics.CountBadVersion();
            return null;
        }

        var usm = message.Usm;
        var auth = (message.Flags & SnmpMessage.FlagAuth) != 0;
        var priv = (message.Flags & SnmpMessage.FlagPriv) != 0;
        var reportable = (message.Flags & SnmpMessage.FlagReportable) != 0;
        if (usm is null || (priv && !auth))
        {
            return null; // snmpUnknownSecurityModels / snmpInvalidMsgs (RFC 3412 §7.2)
        }

        var engineId = Convert.FromHexString(snapshot.EngineIdHex);
        if (!usm.EngineId.AsSpan().SequenceEqual(engineId))
        {
            return Report(message, snapshot, engineId, UnknownEngineIds, 4, reportable, null);
        }

        var user = snapshot.Users.FirstOrDefault(u => u.Name == usm.UserName);
        if (user is null || !snapshot.Permits(user.Acl, source) || !snapshot.Permits(snapshot.Groups.FirstOrDefault(g => g.Name == user.Group && g.Version == "v3")?.Acl, source))
        {
            return Report(message, snapshot, engineId, UnknownUserNames, 3, reportable, null);
        }

        var authProtocol = user.AuthMode switch { "md5" => SnmpAuthProtocol.Md5, "sha" => SnmpAuthProtocol.Sha1, _ => SnmpAuthProtocol.None };
        var privProtocol = user.PrivMode switch { "des56" => SnmpPrivProtocol.Des, "aes128" => SnmpPrivProtocol.Aes128, _ => SnmpPrivProtocol.None };
        if ((auth && authProtocol == SnmpAuthProtocol.None) || (priv && privProtocol == SnmpPrivProtocol.None))
        {
            return Report(message, snapshot, engineId, UnsupportedSecLevels, 1, reportable, null);
        }

        byte[]? authKey = null;
        if (auth)
        {
            authKey = Key(authProtocol, user.AuthPassword!, engineId);
            if (usm.AuthParams.Length != Usm.AuthParamLength || message.AuthParamsOffset < 0)
            {
                return null;
            }

            var copy = datagram.ToArray();
            Array.Clear(copy, message.AuthParamsOffset, Usm.AuthParamLength);
            if (!CryptographicOperations.FixedTimeEquals(Usm.Authenticate(authProtocol, authKey, copy), usm.AuthParams))
            {
                return Report(message, snapshot, engineId, WrongDigests, 5, reportable, null);
            }

            // RFC 3414 §3.2.7: outside the window (or another boot) the message may be a replay: refuse it.
            if (usm.EngineBoots != EngineBoots || Math.Abs(usm.EngineTime - EngineTime) > TimeWindowSeconds)
            {
                return Report(message, snapshot, engineId, NotInTimeWindows, 2, reportable, (authProtocol, authKey, user.Name));
            }
        }

        var scoped = message;
        if (priv)
        {
            try
            {
                var privKey = Key(authProtocol, user.PrivPassword!, engineId);
                var plain = Usm.Decrypt(privProtocol, privKey, usm.EngineBoots, usm.EngineTime, usm.PrivParams, message.EncryptedPdu ?? throw new CryptographicException("no encrypted PDU"));
                scoped = message.WithScopedPdu(plain);
            }
            catch (Exception ex) when (ex is CryptographicException or BerException)
            {
                return Report(message, snapshot, engineId, DecryptionErrors, 6, reportable, null);
            }
        }
        else if (message.Pdu is null)
        {
            return null;
        }

        var request = scoped.Pdu!;
        if (request.Type is BerTag.Response or BerTag.TrapV2 or BerTag.Report or BerTag.InformRequest)
        {
            return null;
        }

        var group = snapshot.Groups.FirstOrDefault(g => g.Name == user.Group && g.Version == "v3");
        var level = priv ? SnmpSecurityLevel.Privacy : auth ? SnmpSecurityLevel.Authentication : SnmpSecurityLevel.NoAuthNoPriv;
        Pdu response;
        if (group is null || level < group.Level)
        {
            // VACM finds no access entry for this group and level: authorizationError (RFC 3413 §3.2 step 5).
            response = PduProcessor.Error(request, SnmpError.AuthorizationError, 0);
        }
        else
        {
            // Comware's v3 groups read the default view and have no write view unless one is configured.
            response = await AnswerAsync(request, snapshot, false, false, 160, cancellationToken);
        }

        var scopedBytes = SnmpMessage.EncodeScopedPdu(engineId, scoped.ContextName, response);
        var privParams = Array.Empty<byte>();
        if (priv)
        {
            var privKey = Key(authProtocol, user.PrivPassword!, engineId);
            var (cipher, salt) = Usm.Encrypt(privProtocol, privKey, EngineBoots, EngineTime, (ulong)Interlocked.Increment(ref _salt), scopedBytes);
            privParams = salt;
            var wrapped = new BerWriter();
            wrapped.WriteOctetString(cipher);
            scopedBytes = wrapped.ToArray();
        }

        var flags = (byte)(message.Flags & (SnmpMessage.FlagAuth | SnmpMessage.FlagPriv));
        var parameters = new UsmParameters(engineId, EngineBoots, EngineTime, user.Name, [], privParams);
        return Seal(message.MessageId, flags, parameters, scopedBytes, auth ? (authProtocol, authKey!) : null);
    }

    /// <summary>A Report-PDU (RFC 3412 §7.1 step 3b) carrying the usmStats counter that says what was wrong.</summary>
    private byte[]? Report(SnmpMessage message, SnmpSnapshot snapshot, byte[] engineId, Oid counter, int slot, bool reportable,
        (SnmpAuthProtocol Protocol, byte[] Key, string User)? authenticateAs)
    {
        var count = Interlocked.Increment(ref _usmCounters[slot]);
        if (!reportable)
        {
            return null;
        }

        var requestId = message.Pdu?.RequestId ?? 0;
        var report = new Pdu(BerTag.Report, requestId, 0, 0, [new VarBind(counter, SnmpValue.Counter32(count))]);
        var scoped = SnmpMessage.EncodeScopedPdu(engineId, message.ContextName, report);
        var flags = authenticateAs is null ? (byte)0 : SnmpMessage.FlagAuth;
        var parameters = new UsmParameters(engineId, EngineBoots, EngineTime, authenticateAs?.User ?? message.Usm?.UserName ?? "", [], []);
        snapshot.Statistics.CountOut();
        return Seal(message.MessageId, flags, parameters, scoped, authenticateAs is { } a ? (a.Protocol, a.Key) : null);
    }

    private static byte[] Seal(int messageId, byte flags, UsmParameters parameters, byte[] scopedData, (SnmpAuthProtocol Protocol, byte[] Key)? auth)
    {
        var (bytes, offset) = SnmpMessage.EncodeV3(messageId, MaxMessageSize, flags, parameters, scopedData, auth is not null);
        if (auth is { } a)
        {
            Usm.Authenticate(a.Protocol, a.Key, bytes).CopyTo(bytes.AsSpan(offset));
        }

        return bytes;
    }

    /// <summary>Localized keys are costly (1 MiB hashed): computed once per protocol, password and engine.</summary>
    private byte[] Key(SnmpAuthProtocol protocol, string password, byte[] engineId) =>
        _keys.GetOrAdd((protocol, password, Convert.ToHexString(engineId)), k => Usm.LocalizedKey(k.Item1, k.Item2, engineId));

    /// <summary>
    /// An SNMPv2-Trap (RFC 3416 §4.2.6) to every v2c target host and an SNMPv1 Trap-PDU (<see cref="TrapV1"/>) to every
    /// v1 target host, when traps are on; returns (destination, datagram) pairs. v3 target hosts get nothing (not modelled).
    /// </summary>
    /// <param name="agentAddress">The v1 agent-addr: the address the agent listens on (0.0.0.0 when not IPv4).</param>
    public IReadOnlyList<(IPEndPoint Target, byte[] Datagram)> BuildTraps(SnmpSnapshot snapshot, Oid trapOid, IReadOnlyList<VarBind> objects, IPAddress? agentAddress = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(objects);
        if (!snapshot.Enabled || !snapshot.TrapsEnabled)
        {
            return [];
        }

        var ticks = Math.Max(0, (long)(_time.GetUtcNow() - snapshot.BootedAt).TotalMilliseconds / 10);
        var binds = new List<VarBind>
        {
            new(MibView.SysUpTime, SnmpValue.TimeTicks(ticks)),
            new(Oid.Parse("1.3.6.1.6.3.1.1.4.1.0"), SnmpValue.ObjectId(trapOid)),
        };
        binds.AddRange(objects);
        var result = new List<(IPEndPoint, byte[])>();
        foreach (var host in snapshot.TrapHosts.Where(h => h.Version is "v2c" or "v1"))
        {
            var address = new IPAddress([(byte)(host.Address.Value >> 24), (byte)(host.Address.Value >> 16), (byte)(host.Address.Value >> 8), (byte)host.Address.Value]);
            var community = Encoding.UTF8.GetBytes(host.SecurityName);
            byte[] datagram;
            if (host.Version == "v1")
            {
                datagram = TrapV1.FromV2(trapOid, _sysObjectId, agentAddress ?? IPAddress.Any, ticks, objects).Encode(community);
            }
            else
            {
                var pdu = new Pdu(BerTag.TrapV2, (int)(Interlocked.Increment(ref _salt) & int.MaxValue), 0, 0, binds);
                datagram = SnmpMessage.EncodeCommunity(SnmpMessage.Version2c, community, pdu);
            }

            result.Add((new IPEndPoint(address, host.Port), datagram));
            snapshot.Statistics.CountTrap();
        }

        return result;
    }
}
