using System.Globalization;
using System.Text;
using Emulator.Comware.Auth;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

/// <summary>
/// What the management commands configure renders canonically and replays to the same text:
/// render(replay(render(m))) == render(m), for hand-written and for randomly generated configurations.
/// </summary>
public class ManagementRoundTripTests
{
    private const string PeerKey =
        "30819F300D06092A864886F70D010101050003818D0030818902818100B948C62AE79F2DCB67CD9EB8B26CFFBDEC30B8805BD512AA6CE98D204E17B4E072D86E" +
        "9D74529C72AC1D17DDCCC68BA27DD9C8B4D5B22704AA26090674C92793625D161CA14415BED0505385E264435257D4FFFEAD425A0B85E86FD9ECE7481FCAF558" +
        "67DD48DE019715EFBA9F32E71020F72A8E95D429E91E0BECCB7DEC36AB0203010001";

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Hand_written_configuration_round_trips(ComwareDialect dialect)
    {
        var v5 = dialect == ComwareDialect.V5;
        var script = new StringBuilder();
        script.AppendLine(v5 ? "super password level 3 simple Sup3r" : "super password role network-admin simple Sup3r");
        script.AppendLine("domain default enable system");
        script.AppendLine("undo password-recovery enable");
        script.AppendLine("header motd %Authorized access only%");
        script.AppendLine("header login #Welcome, 100% lab#");
        script.AppendLine("header shell %Line one");
        script.AppendLine("  # line two, indented");
        script.AppendLine("last line%");
        script.AppendLine("public-key peer pc1");
        if (v5)
        {
            script.AppendLine("public-key-code begin");
        }

        script.AppendLine(PeerKey[..70]).AppendLine(PeerKey[70..]);
        if (v5)
        {
            script.AppendLine("public-key-code end");
        }

        script.AppendLine("peer-public-key end");
        script.AppendLine("local-user admin");
        script.AppendLine("password simple Admin@123");
        script.AppendLine("service-type ssh telnet terminal");
        script.AppendLine(v5 ? "service-type web" : "service-type https");
        script.AppendLine(v5 ? "authorization-attribute level 3" : "authorization-attribute user-role network-admin");
        script.AppendLine("local-user ops");
        script.AppendLine(v5 ? "password cipher Ops@1" : "password simple Ops@1");
        script.AppendLine("service-type ssh");
        script.AppendLine("ssh server enable");
        script.AppendLine("ssh server authentication-retries 4");
        script.AppendLine("ssh server authentication-timeout 90");
        script.AppendLine("ssh user admin service-type stelnet authentication-type password");
        script.AppendLine("ssh user ops service-type all authentication-type publickey assign publickey pc1");
        script.AppendLine(v5 ? "user-interface vty 0 4" : "line vty 0 63");
        script.AppendLine("authentication-mode scheme");
        script.AppendLine("protocol inbound ssh");
        script.AppendLine("idle-timeout 20 10");
        script.AppendLine(v5 ? "user-interface vty 2 3" : "line vty 5 9");
        script.AppendLine("screen-length 40");
        script.AppendLine(v5 ? "user privilege level 2" : "user-role level-2");
        script.AppendLine(v5 ? "user-interface con 0" : "line aux 0");
        script.AppendLine("set authentication password simple Con@1");
        await AssertRoundTripAsync(dialect, script.ToString());
    }

    [Theory]
    [InlineData(ComwareDialect.V5, 1)]
    [InlineData(ComwareDialect.V5, 2)]
    [InlineData(ComwareDialect.V5, 3)]
    [InlineData(ComwareDialect.V7, 1)]
    [InlineData(ComwareDialect.V7, 2)]
    [InlineData(ComwareDialect.V7, 3)]
    public async Task Random_configurations_round_trip(ComwareDialect dialect, int seed)
    {
        for (var round = 0; round < 10; round++)
        {
            await AssertRoundTripAsync(dialect, RandomScript(dialect, new Random(seed * 1000 + round)));
        }
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task User_created_in_the_cli_authenticates_at_once(ComwareDialect dialect)
    {
        using var device = TestDevices.Create(dialect);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var directory = new UserDirectory(device);
        Assert.Null(directory.GetAuthenticationType("neo"));
        var report = await device.LoadConfigurationAsync(
            "local-user neo\npassword simple Matrix1\nservice-type ssh\n" + (dialect == ComwareDialect.V5 ? "authorization-attribute level 3\n" : "authorization-attribute user-role network-admin\n") + "ssh server enable\n",
            TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.True(directory.IsSshServerEnabled);
        Assert.Equal(SshAuthenticationType.Password, directory.GetAuthenticationType("neo"));
        Assert.True(directory.CheckPassword("neo", "Matrix1"));
        Assert.False(directory.CheckPassword("neo", "matrix1"));
        Assert.Equal(3, directory.CreateCliUser("neo", "192.0.2.1", 0).EffectiveLevel(dialect));
        var config = device.RenderCurrentConfiguration();
        Assert.DoesNotContain("Matrix1", config, StringComparison.Ordinal);
    }

    private static async Task AssertRoundTripAsync(ComwareDialect dialect, string script)
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = TestDevices.Create(dialect);
        await first.EnsureBootedAsync(ct);
        var report = await first.LoadConfigurationAsync(script, ct);
        Assert.True(report.Succeeded, "script failed: " + string.Join("; ", report.Errors) + "\n" + script);
        var rendered = first.RenderCurrentConfiguration();

        using var second = TestDevices.Create(dialect, rendered);
        var boot = await second.EnsureBootedAsync(ct);
        Assert.True(boot.Succeeded, "replay failed: " + string.Join("; ", boot.Errors) + "\n" + rendered);
        Assert.Equal(rendered, second.RenderCurrentConfiguration());
    }

    private static string RandomScript(ComwareDialect dialect, Random random)
    {
        var v5 = dialect == ComwareDialect.V5;
        var sb = new StringBuilder();
        string[] v5Services = ["ssh", "telnet", "terminal", "ftp", "web", "lan-access", "portal", "ppp"];
        string[] v7Services = ["ssh", "telnet", "terminal", "ftp", "http", "https", "lan-access", "portal", "ppp"];
        string[] roles = ["network-admin", "network-operator", "level-0", "level-5", "level-15", "security-audit"];
        var users = random.Next(0, 5);
        for (var i = 0; i < users; i++)
        {
            var name = "u" + random.Next(100).ToString(CultureInfo.InvariantCulture);
            sb.AppendLine(v5 || random.Next(2) == 0 ? $"local-user {name}" : $"local-user {name} class {(random.Next(2) == 0 ? "manage" : "network")}");
            if (random.Next(3) > 0)
            {
                sb.AppendLine($"password simple P{random.Next(100000)}");
            }

            var services = v5 ? v5Services : v7Services;
            var picked = services.Where(_ => random.Next(3) == 0).ToList();
            if (picked.Count > 0)
            {
                sb.AppendLine("service-type " + string.Join(' ', picked));
            }

            if (v5 && random.Next(2) == 0)
            {
                sb.AppendLine($"authorization-attribute level {random.Next(4)}");
            }

            if (!v5)
            {
                foreach (var role in roles.Where(_ => random.Next(4) == 0))
                {
                    sb.AppendLine("authorization-attribute user-role " + role);
                }
            }

            sb.AppendLine("quit");
        }

        if (random.Next(2) == 0)
        {
            sb.AppendLine("ssh server enable");
        }

        if (random.Next(2) == 0)
        {
            sb.AppendLine($"ssh server authentication-retries {random.Next(1, 6)}");
        }

        for (var i = random.Next(3); i > 0; i--)
        {
            string[] types = ["password", "any", "publickey", "password-publickey"];
            sb.AppendLine($"ssh user s{random.Next(20)} service-type {(v5 ? "stelnet" : "sftp")} authentication-type {types[random.Next(types.Length)]}");
        }

        var vtys = v5 ? 5 : 64;
        for (var i = random.Next(4); i > 0; i--)
        {
            var a = random.Next(vtys);
            var b = random.Next(a, vtys);
            sb.AppendLine(v5 ? $"user-interface vty {a} {b}" : $"line vty {a} {b}");
            string[] settings =
            [
                "authentication-mode " + (random.Next(3) switch { 0 => "none", 1 => "password", _ => "scheme" }),
                "protocol inbound " + (random.Next(3) switch { 0 => "all", 1 => "ssh", _ => "telnet" }),
                $"idle-timeout {random.Next(60)} {random.Next(60)}",
                $"screen-length {random.Next(100)}",
                v5 ? $"user privilege level {random.Next(4)}" : "user-role " + roles[random.Next(roles.Length)],
            ];
            foreach (var setting in settings.Where(_ => random.Next(2) == 0))
            {
                sb.AppendLine(setting);
            }

            sb.AppendLine("quit");
        }

        if (random.Next(2) == 0)
        {
            sb.AppendLine($"header motd %banner {random.Next(1000)}%");
        }

        return sb.ToString();
    }

    [Theory]
    [InlineData(ComwareDialect.V5)]
    [InlineData(ComwareDialect.V7)]
    public async Task Public_key_user_configured_in_the_cli_is_authorized_at_once(ComwareDialect dialect)
    {
        var v5 = dialect == ComwareDialect.V5;
        using var device = TestDevices.Create(dialect);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var script = "public-key peer tk\n" + (v5 ? "public-key-code begin\n" : "") + PeerKey[..100] + "\n" + PeerKey[100..] + "\n"
            + (v5 ? "public-key-code end\n" : "") + "peer-public-key end\nlocal-user keyuser\nservice-type ssh\nquit\n"
            + "ssh user keyuser service-type stelnet authentication-type publickey assign publickey tk\n";
        var report = await device.LoadConfigurationAsync(script, TestContext.Current.CancellationToken);
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        var directory = new UserDirectory(device);
        var blob = Convert.FromBase64String(
            "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC5SMYq558ty2fNnriybP+97DC4gFvVEqps6Y0gThe04HLYbp10UpxyrB0X3czGi6J92ci01bInBKomCQZ0ySeTYl0WHKFEFb7QUFOF4mRDUlfU//6tQloLhehv2eznSB/K9Vhn3UjeAZcV77qfMucQIPcqjpXUKekeC+zLfew2qw==");
        Assert.Equal(SshAuthenticationType.PublicKey, directory.GetAuthenticationType("keyuser"));
        Assert.True(directory.IsAuthorizedKey("keyuser", blob));
        Assert.False(directory.IsAuthorizedKey("admin", blob));
    }
}
