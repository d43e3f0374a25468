using System.Net;
using System.Text;
using Emulator.Device.Fleet;
using Emulator.Device.Runtime;
using Emulator.Device.Snmp;
using Emulator.Device.Tests.Support;
using Emulator.Device.Wiring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Device.Tests.Snmp;

/// <summary>The agent of real devices (shipped profiles, Comware engine) over loopback UDP.</summary>
public sealed class SnmpAgentTests : IAsyncLifetime
{
    private const string Enable = "snmp-agent\nsnmp-agent sys-info version all\nsnmp-agent community read public\nsnmp-agent community write private\n";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "emu-snmp-" + Guid.NewGuid().ToString("N"));
    private DeviceFleet _fleet = null!;

    private DeviceInstance V5 => _fleet.Devices[0];

    private DeviceInstance V7 => _fleet.Devices[1];

    public ValueTask InitializeAsync()
    {
        var catalog = ShippedProfileTests.Shipped;
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        DeviceSpec Spec(string name, string profile)
        {
            Assert.True(catalog.TryGet(profile, out var p));
            return new DeviceSpec(name, p!, loopback, p!.Ssh.DefaultPolicy) { SnmpEndPoint = loopback };
        }

        _fleet = new DeviceFleet([Spec("fw1", "F1000-E"), Spec("fw2", "F1000-AI-55")], _root, new CountingKeyCodec(), null,
            ComwareEngine.Factory, TimeProvider.System, NullLoggerFactory.Instance);
        Assert.Equal(2, _fleet.StartAll());
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _fleet.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task ConfigureAsync(DeviceInstance device, string text)
    {
        var engine = await device.GetEngineAsync(CancellationToken.None);
        var report = await engine.ApplyConfigurationAsync(text, CancellationToken.None);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
    }

    [Fact]
    public async Task An_agent_not_enabled_by_the_configuration_stays_silent()
    {
        using var client = new SnmpTestClient(V5.SnmpEndPoint!);
        Assert.Null(await client.GetAsync("public", MibView.SysName.ToString()));
        await ConfigureAsync(V5, Enable);
        Assert.NotNull(await client.GetAsync("public", MibView.SysName.ToString()));
    }

    [Fact]
    public async Task V2c_get_answers_the_system_group_from_the_model_and_profile()
    {
        await ConfigureAsync(V5, Enable + "sysname edge-fw\n");
        using var client = new SnmpTestClient(V5.SnmpEndPoint!);
        var pdu = await client.GetAsync("public", MibView.SysName.ToString(), MibView.SysObjectId.ToString(), MibView.SysDescr.ToString(), "1.3.6.1.2.1.1.99.0", "1.3.6.1.2.1.1.5.1");
        Assert.NotNull(pdu);
        Assert.Equal(0, pdu.ErrorStatus);
        Assert.Equal("edge-fw", pdu.VarBinds[0].Value.AsText());
        Assert.Equal("1.3.6.1.4.1.25506.1.239", pdu.VarBinds[1].Value.Id!.ToString());
        Assert.StartsWith("H3C Comware Platform Software, Software Version 5.20, Release 3177\r\nH3C SecPath F1000-E\r\n", pdu.VarBinds[2].Value.AsText(), StringComparison.Ordinal);
        Assert.Equal(BerTag.NoSuchObject, pdu.VarBinds[3].Value.Tag);
        Assert.Equal(BerTag.NoSuchInstance, pdu.VarBinds[4].Value.Tag);
    }

    [Fact]
    public async Task Wrong_community_and_disabled_versions_are_dropped_and_counted()
    {
        await ConfigureAsync(V5, "snmp-agent community read public\n"); // SNMPv3 only by default
        using var client = new SnmpTestClient(V5.SnmpEndPoint!);
        Assert.Null(await client.GetAsync("public", MibView.SysName.ToString()));
        await ConfigureAsync(V5, "snmp-agent sys-info version v2c\n");
        Assert.Null(await client.GetAsync("nobody", MibView.SysName.ToString()));
        Assert.NotNull(await client.GetAsync("public", MibView.SysName.ToString()));
        var snapshot = await (await V5.GetEngineAsync(CancellationToken.None)).ReadSnmpAsync(CancellationToken.None);
        Assert.Equal(1, snapshot.Statistics.BadVersions);
        Assert.Equal(1, snapshot.Statistics.BadCommunityNames);
    }

    [Fact]
    public async Task A_community_whose_acl_denies_the_manager_is_silent()
    {
        await ConfigureAsync(V5, "acl number 2001\nrule 0 deny source 127.0.0.1 0\n#\nsnmp-agent\nsnmp-agent sys-info version v2c\nsnmp-agent community read guarded acl 2001\nsnmp-agent community read public\n");
        using var client = new SnmpTestClient(V5.SnmpEndPoint!);
        Assert.Null(await client.GetAsync("guarded", MibView.SysName.ToString()));
        Assert.NotNull(await client.GetAsync("public", MibView.SysName.ToString()));
    }

    [Fact]
    public async Task V1_reports_noSuchName_and_skips_counter64()
    {
        await ConfigureAsync(V5, Enable);
        using var client = new SnmpTestClient(V5.SnmpEndPoint!);
        var missing = await client.RequestAsync(SnmpMessage.Version1, "public", BerTag.GetRequest, [MibView.SysName.ToString(), "1.3.6.1.2.1.1.99.0"]);
        Assert.Equal((SnmpError.NoSuchName, 2), (missing!.ErrorStatus, missing.ErrorIndex));
        var next = await client.RequestAsync(SnmpMessage.Version1, "public", BerTag.GetNextRequest, ["1.3.6.1.2.1.31.1.1.1.5.999"]);
        Assert.NotEqual(BerTag.Counter64, next!.VarBinds[0].Value.Tag);
        Assert.Equal("1.3.6.1.2.1.31.1.1.1.14.1", next.VarBinds[0].Name.ToString());
    }

    [Fact]
    public async Task Getbulk_with_huge_max_repetitions_stays_within_the_message_size()
    {
        await ConfigureAsync(V7, Enable);
        using var client = new SnmpTestClient(V7.SnmpEndPoint!);
        var pdu = await client.RequestAsync(SnmpMessage.Version2c, "public", BerTag.GetBulkRequest, ["1.3.6.1.2.1.2.2.1"], errorStatus: 0, errorIndex: int.MaxValue);
        Assert.NotNull(pdu);
        Assert.Equal(0, pdu.ErrorStatus);
        Assert.InRange(pdu.VarBinds.Count, 10, PduProcessor.MaxBulkBindings);
        Assert.True(pdu.Encode().Length <= SnmpAgent.MaxMessageSize);
        Assert.Equal("1.3.6.1.2.1.2.2.1.1.1", pdu.VarBinds[0].Name.ToString());
    }

    [Fact]
    public async Task Getbulk_walks_to_the_end_of_the_mib()
    {
        await ConfigureAsync(V7, Enable);
        using var client = new SnmpTestClient(V7.SnmpEndPoint!);
        var pdu = await client.RequestAsync(SnmpMessage.Version2c, "public", BerTag.GetBulkRequest, ["1.3.6.1.4.1.25506.2.6.1.1.1.1.8"], errorStatus: 0, errorIndex: 5);
        Assert.Equal(BerTag.EndOfMibView, pdu!.VarBinds[^1].Value.Tag);
        Assert.True(pdu.VarBinds.Count < 5);
    }

    [Fact]
    public async Task Set_is_refused_on_read_only_objects_and_communities()
    {
        await ConfigureAsync(V5, Enable);
        using var client = new SnmpTestClient(V5.SnmpEndPoint!);
        var readOnly = await client.RequestAsync(SnmpMessage.Version2c, "private", BerTag.SetRequest, [MibView.SysDescr.ToString()], value: SnmpValue.Text("x"));
        Assert.Equal((SnmpError.NotWritable, 1), (readOnly!.ErrorStatus, readOnly.ErrorIndex));
        var readCommunity = await client.RequestAsync(SnmpMessage.Version2c, "public", BerTag.SetRequest, [MibView.SysName.ToString()], value: SnmpValue.Text("x"));
        Assert.Equal(SnmpError.NoAccess, readCommunity!.ErrorStatus);
        var wrongType = await client.RequestAsync(SnmpMessage.Version2c, "private", BerTag.SetRequest, [MibView.SysName.ToString()], value: SnmpValue.Of(3));
        Assert.Equal(SnmpError.WrongType, wrongType!.ErrorStatus);
        var v1 = await client.RequestAsync(SnmpMessage.Version1, "private", BerTag.SetRequest, [MibView.SysDescr.ToString()], value: SnmpValue.Text("x"));
        Assert.Equal(SnmpError.NoSuchName, v1!.ErrorStatus);
        Assert.DoesNotContain("sysname x", await V5.GetRunningConfigurationAsync(CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_writes_the_model_as_the_cli_would()
    {
        await ConfigureAsync(V7, Enable);
        using var client = new SnmpTestClient(V7.SnmpEndPoint!);
        var names = await client.RequestAsync(SnmpMessage.Version2c, "public", BerTag.GetNextRequest, ["1.3.6.1.2.1.2.2.1.2"]);
        var ifIndex = names!.VarBinds[0].Name[^1];
        var ifName = names.VarBinds[0].Value.AsText();
        var set = await client.RequestAsync(SnmpMessage.Version2c, "private", BerTag.SetRequest, [MibView.SysLocation.ToString()], value: SnmpValue.Text("Rack 9"));
        Assert.Equal(0, set!.ErrorStatus);
        var down = await client.RequestAsync(SnmpMessage.Version2c, "private", BerTag.SetRequest, [MibView.IfAdminStatus.Append(ifIndex).ToString()], value: SnmpValue.Of(2));
        Assert.Equal(0, down!.ErrorStatus);
        var config = await V7.GetRunningConfigurationAsync(CancellationToken.None);
        Assert.Contains(" snmp-agent sys-info location Rack 9\n", config, StringComparison.Ordinal);
        Assert.Matches($"interface {System.Text.RegularExpressions.Regex.Escape(ifName)}\n( [^\n]*\n)* shutdown\n", config);
        var status = await client.GetAsync("public", MibView.IfAdminStatus.Append(ifIndex).ToString(), MibView.IfEntry.Append(8, ifIndex).ToString());
        Assert.Equal([2L, 2L], status!.VarBinds.Select(v => v.Value.Number));
    }

    [Fact]
    public async Task Malformed_datagrams_are_dropped_and_neither_the_device_nor_its_neighbour_suffers()
    {
        await ConfigureAsync(V5, Enable);
        await ConfigureAsync(V7, Enable);
        using var v5 = new SnmpTestClient(V5.SnmpEndPoint!);
        using var v7 = new SnmpTestClient(V7.SnmpEndPoint!);
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(1, 1400)];
            random.NextBytes(junk);
            junk[0] = 0x30;
            Assert.Null(await v5.ExchangeAsync(junk, timeoutMs: i == 0 ? 300 : 1));
        }

        Assert.NotNull(await v7.GetAsync("public", MibView.SysName.ToString()));
        Assert.NotNull(await v5.GetAsync("public", MibView.SysName.ToString()));
        Assert.True(V5 is { Status: DeviceStatus.Listening });
    }

    [Fact]
    public async Task Link_down_after_shutdown_sends_a_v2c_trap_to_the_target_host()
    {
        using var receiver = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        await ConfigureAsync(V5, Enable + $"snmp-agent target-host trap address udp-domain 127.0.0.1 udp-port {port} params securityname public v2c\n");
        await ConfigureAsync(V5, "interface GigabitEthernet0/1\nshutdown\n");
        using var timeout = new CancellationTokenSource(5000);
        Pdu? trap;
        do
        {
            var datagram = await receiver.ReceiveAsync(timeout.Token);
            trap = SnmpMessage.Decode(datagram.Buffer).Pdu;
        }
        while (trap!.VarBinds[1].Value.Id!.ToString() != "1.3.6.1.6.3.1.1.5.3");

        Assert.Equal(BerTag.TrapV2, trap.Type);
        Assert.Equal("GigabitEthernet0/1", trap.VarBinds[^1].Value.AsText());
        Assert.Equal(2, trap.VarBinds[3].Value.Number);
    }

    [Fact]
    public async Task Link_down_to_a_v1_target_host_is_a_v1_trap_pdu_with_the_sys_object_id_as_enterprise()
    {
        using var receiver = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.Client.LocalEndPoint!).Port;
        await ConfigureAsync(V5, Enable + $"snmp-agent target-host trap address udp-domain 127.0.0.1 udp-port {port} params securityname public v1\n");
        await ConfigureAsync(V5, "interface GigabitEthernet0/1\nshutdown\n");
        using var timeout = new CancellationTokenSource(5000);
        byte[] community;
        TrapV1 trap;
        do
        {
            var datagram = await receiver.ReceiveAsync(timeout.Token);
            (community, trap) = TrapV1.Decode(datagram.Buffer); // throws unless the PDU is a v1 Trap-PDU
        }
        while (trap.GenericTrap != 2);

        Assert.Equal("public", System.Text.Encoding.UTF8.GetString(community));
        Assert.Equal(V5.Profile.SysObjectId, trap.Enterprise.ToString());
        Assert.Equal(0, trap.SpecificTrap);
        Assert.Equal(IPAddress.Loopback, trap.AgentAddress);
        Assert.Equal("GigabitEthernet0/1", trap.VarBinds[^1].Value.AsText());
        Assert.DoesNotContain(trap.VarBinds, b => b.Name.ToString() == "1.3.6.1.6.3.1.1.4.1.0");
    }

    [Fact]
    public void A_v1_trap_round_trips_and_maps_enterprise_specific_traps_as_rfc_3584_says()
    {
        var sysObjectId = Oid.Parse("1.3.6.1.4.1.25506.1.1");
        var cold = TrapV1.FromV2(Oid.Parse("1.3.6.1.6.3.1.1.5.1"), sysObjectId, IPAddress.Loopback, 42, []);
        Assert.Equal((0, 0), (cold.GenericTrap, cold.SpecificTrap));
        var (community, back) = TrapV1.Decode(cold.Encode("pub"u8));
        Assert.Equal("pub"u8.ToArray(), community);
        Assert.Equal(sysObjectId, back.Enterprise);
        Assert.Equal(42, back.TimeStamp);

        var specific = TrapV1.FromV2(Oid.Parse("1.3.6.1.4.1.25506.2.6.2.0.7"), sysObjectId, IPAddress.Loopback, 1, []);
        Assert.Equal(TrapV1.EnterpriseSpecific, specific.GenericTrap);
        Assert.Equal(7, specific.SpecificTrap);
        Assert.Equal("1.3.6.1.4.1.25506.2.6.2", specific.Enterprise.ToString());
    }
}

/// <summary>A community bound to a basic ACL answers only the managers the ACL permits.</summary>
public sealed class SnmpAclTests
{
    [Fact]
    public async Task Community_acl_first_match_decides_and_no_match_denies()
    {
        Assert.True(ShippedProfileTests.Shipped.TryGet("F1000-E", out var profile));
        using var device = new Comware.ComwareDevice(profile!.CreateFacts("fw1"), new ScratchDeviceServices(), TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;
        await device.EnsureBootedAsync(ct);
        var report = await device.LoadConfigurationAsync(
            "acl number 2000\nrule 0 deny source 127.0.0.9 0\nrule 5 permit source 127.0.0.0 0.0.0.255\n#\nsnmp-agent\nsnmp-agent sys-info version v2c\nsnmp-agent community read public acl 2000\n", ct);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        using var held = await device.LockAsync(ct);
        var snapshot = SnmpSnapshot.Read(device);
        Assert.True(snapshot.Permits(2000, IPAddress.Parse("127.0.0.1")));
        Assert.False(snapshot.Permits(2000, IPAddress.Parse("127.0.0.9")));
        Assert.False(snapshot.Permits(2000, IPAddress.Parse("10.0.0.1")));
        Assert.True(snapshot.Permits(2999, IPAddress.Parse("10.0.0.1"))); // no such ACL
    }

}
