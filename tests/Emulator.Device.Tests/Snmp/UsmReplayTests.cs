using Emulator.Comware;
using Emulator.Device.Snmp;
using Emulator.Device.Tests.Support;

namespace Emulator.Device.Tests.Snmp;

/// <summary>USM message processing in the agent: discovery, authentication, and the time window that refuses replays.</summary>
public sealed class UsmReplayTests : IDisposable
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 6, 4, 0, 0, TimeSpan.Zero));
    private readonly ComwareDevice _device;
    private readonly SnmpAgent _agent;

    public UsmReplayTests()
    {
        Assert.True(ShippedProfileTests.Shipped.TryGet("F1000-AI-55", out var profile));
        _device = new ComwareDevice(profile!.CreateFacts("fw1"), new ScratchDeviceServices(), _clock);
        _agent = new SnmpAgent(new Adapter(_device), profile.SysObjectId, _clock);
    }

    public void Dispose() => _device.Dispose();

    [Fact]
    public async Task Discovery_then_authenticated_get_then_the_same_message_replayed_after_the_window_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        await _device.EnsureBootedAsync(ct);
        var report = await _device.LoadConfigurationAsync("snmp-agent group v3 ops authentication\nsnmp-agent usm-user v3 alice ops authentication-mode md5 maplesyrup\n", ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));

        // Discovery (RFC 3414 §4): no engine ID, noAuthNoPriv, reportable.
        var get = new Pdu(BerTag.GetRequest, 11, 0, 0, [new VarBind(MibView.SysName, SnmpValue.Null)]);
        var discovery = SnmpMessage.EncodeV3(1, 1500, SnmpMessage.FlagReportable, new UsmParameters([], 0, 0, "", [], []), SnmpMessage.EncodeScopedPdu([], [], get), false).Message;
        var answer = SnmpMessage.Decode((await _agent.HandleAsync(discovery, ct))!);
        Assert.Equal(BerTag.Report, answer.Pdu!.Type);
        Assert.Equal("1.3.6.1.6.3.15.1.1.4.0", answer.Pdu.VarBinds[0].Name.ToString());
        var engineId = answer.Usm!.EngineId;

        _clock.Advance(TimeSpan.FromSeconds(30));
        var key = Usm.LocalizedKey(SnmpAuthProtocol.Md5, "maplesyrup", engineId);
        var (request, offset) = SnmpMessage.EncodeV3(2, 1500, SnmpMessage.FlagAuth | SnmpMessage.FlagReportable,
            new UsmParameters(engineId, answer.Usm.EngineBoots, _agent.EngineTime, "alice", [], []), SnmpMessage.EncodeScopedPdu(engineId, [], get), true);
        Usm.Authenticate(SnmpAuthProtocol.Md5, key, request).CopyTo(request.AsSpan(offset));
        var response = SnmpMessage.Decode((await _agent.HandleAsync(request, ct))!);
        Assert.Equal(BerTag.Response, response.Pdu!.Type);
        Assert.Equal("H3C", response.Pdu.VarBinds[0].Value.AsText());

        var tampered = (byte[])request.Clone();
        tampered[^3] ^= 1; // the last arc of the OID: still valid BER, no longer what was signed
        var wrongDigest = SnmpMessage.Decode((await _agent.HandleAsync(tampered, ct))!);
        Assert.Equal("1.3.6.1.6.3.15.1.1.5.0", wrongDigest.Pdu!.VarBinds[0].Name.ToString());

        _clock.Advance(TimeSpan.FromSeconds(SnmpAgent.TimeWindowSeconds + 1));
        var replay = SnmpMessage.Decode((await _agent.HandleAsync(request, ct))!);
        Assert.Equal(BerTag.Report, replay.Pdu!.Type);
        Assert.Equal("1.3.6.1.6.3.15.1.1.2.0", replay.Pdu.VarBinds[0].Name.ToString());
        Assert.Equal(SnmpMessage.FlagAuth, replay.Flags); // the notInTimeWindow report is authenticated (RFC 3414 §3.2.7)
    }

    [Fact]
    public async Task A_user_below_its_groups_security_level_gets_authorization_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await _device.EnsureBootedAsync(ct);
        await _device.LoadConfigurationAsync("snmp-agent group v3 ops privacy\nsnmp-agent usm-user v3 bob ops authentication-mode sha Secret#12 privacy-mode aes128 Secret#34\n", ct);
        var engineId = Convert.FromHexString(_device.GetState<Comware.Model.Management.SnmpAgentConfig>().EngineIdHex);
        var key = Usm.LocalizedKey(SnmpAuthProtocol.Sha1, "Secret#12", engineId);
        var get = new Pdu(BerTag.GetRequest, 5, 0, 0, [new VarBind(MibView.SysName, SnmpValue.Null)]);
        var (request, offset) = SnmpMessage.EncodeV3(3, 1500, SnmpMessage.FlagAuth, new UsmParameters(engineId, 1, _agent.EngineTime, "bob", [], []), SnmpMessage.EncodeScopedPdu(engineId, [], get), true);
        Usm.Authenticate(SnmpAuthProtocol.Sha1, key, request).CopyTo(request.AsSpan(offset));
        var response = SnmpMessage.Decode((await _agent.HandleAsync(request, ct))!);
        Assert.Equal(SnmpError.AuthorizationError, response.Pdu!.ErrorStatus);
    }

    private sealed class Adapter(ComwareDevice device) : ISnmpDevice
    {
        public async Task<SnmpSnapshot?> ReadSnmpAsync(CancellationToken cancellationToken)
        {
            using var held = await device.LockAsync(cancellationToken);
            return SnmpSnapshot.Read(device);
        }

        public async Task<bool> ApplyConfigurationAsync(string text, CancellationToken cancellationToken) =>
            (await device.LoadConfigurationAsync(text, cancellationToken)).Succeeded;
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }

}
