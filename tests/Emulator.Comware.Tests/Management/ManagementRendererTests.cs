using System.Collections.Immutable;
using System.Security.Cryptography;
using Emulator.Comware.Auth;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

public class ManagementRendererTests
{
    [Fact]
    public void Factory_state_renders_only_headers_of_lines()
    {
        var state = ManagementSettings.Initial(TestDevices.V5DisplayFacts);
        Assert.Empty(ManagementRenderer.RenderSuperPasswords(state, ComwareDialect.V5));
        Assert.Empty(ManagementRenderer.RenderSsh(state));
        Assert.Empty(ManagementRenderer.RenderLocalUsers(state, ComwareDialect.V5));
        Assert.Equal(["user-interface con 0", "user-interface vty 0 4"], ManagementRenderer.RenderLines(state, ComwareDialect.V5).Single());
        Assert.Equal(
            [
                ["line class aux", " user-role network-admin"],
                ["line class vty", " user-role network-operator"],
                ["line aux 0", " user-role network-admin"],
                ["line vty 0 63", " user-role network-operator"],
            ],
            ManagementRenderer.RenderLines(ManagementSettings.Initial(TestDevices.V7DisplayFacts), ComwareDialect.V7));
    }

    [Fact]
    public void V5_local_user_block_never_shows_clear_text()
    {
        var config = ManagementState.Create(TestDevices.V5DisplayFacts, PasswordEncoder.CreateDeterministic());
        var cipher = config.EncodeSimple("Admin@123");
        config.Update(s => s with
        {
            LocalUsers = s.LocalUsers
                .Add("admin", new LocalUser { Name = "admin", Password = cipher, Level = 3, Services = UserServices.Ssh | UserServices.Telnet | UserServices.Terminal | UserServices.Web })
                .Add("guest", new LocalUser { Name = "guest", Services = UserServices.Ftp }),
        });
        var blocks = ManagementRenderer.RenderLocalUsers(config.Current, ComwareDialect.V5);
        var block = Assert.Single(blocks);
        Assert.Equal(
            [
                "local-user admin",
                " password cipher " + cipher,
                " authorization-attribute level 3",
                " service-type ssh telnet terminal",
                " service-type web",
                "local-user guest",
                " service-type ftp",
            ],
            block);
        Assert.DoesNotContain(block, l => l.Contains("Admin@123", StringComparison.Ordinal));
    }

    [Fact]
    public void V7_local_users_are_separate_blocks_with_roles()
    {
        var config = ManagementState.Create(TestDevices.V7DisplayFacts, PasswordEncoder.CreateDeterministic());
        var hash = config.EncodeSimple("pw");
        config.Update(s => s with
        {
            LocalUsers = s.LocalUsers
                .Add("admin", new LocalUser { Name = "admin", Password = hash, Services = UserServices.Ssh | UserServices.Terminal | UserServices.Http | UserServices.Https, Roles = ImmutableSortedSet.Create(StringComparer.Ordinal, "network-operator", "network-admin") })
                .Add("bob", new LocalUser { Name = "bob" }),
        });
        var blocks = ManagementRenderer.RenderLocalUsers(config.Current, ComwareDialect.V7);
        Assert.Equal(2, blocks.Count);
        Assert.Equal(
            [
                "local-user admin class manage",
                " password hash " + hash,
                " service-type ssh terminal",
                " service-type http https",
                " authorization-attribute user-role network-admin",
                " authorization-attribute user-role network-operator",
            ],
            blocks[0]);
        Assert.Equal(["local-user bob class manage", " authorization-attribute user-role network-operator"], blocks[1]);
    }

    [Fact]
    public void Vty_ranges_fold_equal_neighbours()
    {
        var state = ManagementSettings.Initial(TestDevices.V5DisplayFacts)
            .WithVty(0, 1, l => l with { AuthenticationMode = LineAuthenticationMode.Scheme, ProtocolInbound = LineProtocols.Ssh, PrivilegeLevel = 3 })
            .WithVty(3, 3, l => l with { IdleTimeout = TimeSpan.FromSeconds(90), ScreenLength = 0 });
        Assert.Equal(
            [
                "user-interface con 0",
                "user-interface vty 0 1",
                " authentication-mode scheme",
                " user privilege level 3",
                " protocol inbound ssh",
                "user-interface vty 2",
                "user-interface vty 3",
                " screen-length 0",
                " idle-timeout 1 30",
                "user-interface vty 4",
            ],
            ManagementRenderer.RenderLines(state, ComwareDialect.V5).Single());
    }

    [Fact]
    public void V7_line_shows_role_and_hash()
    {
        var state = ManagementSettings.Initial(TestDevices.V7DisplayFacts)
            .WithVty(0, 63, l => l with { AuthenticationMode = LineAuthenticationMode.Scheme, UserRole = "network-admin", Password = "$h$6$x$y" });
        Assert.Equal(
            ["line vty 0 63", " authentication-mode scheme", " user-role network-admin", " set authentication password hash $h$6$x$y"],
            ManagementRenderer.RenderLines(state, ComwareDialect.V7)[^1]);
    }

    [Fact]
    public void Ssh_lines_and_peer_keys_render_in_device_form()
    {
        using var rsa = RSA.Create(1024);
        var der = rsa.ExportSubjectPublicKeyInfo();
        var state = ManagementSettings.Initial(TestDevices.V5DisplayFacts) with
        {
            PeerKeys = ImmutableSortedDictionary.Create<string, PeerPublicKey>(StringComparer.OrdinalIgnoreCase).Add("pc1", new PeerPublicKey("pc1", [.. der])),
            Ssh = new SshSettings
            {
                ServerEnabled = true,
                AuthenticationRetries = 5,
                AuthenticationTimeout = 30,
                Users = ImmutableSortedDictionary.Create<string, SshUser>(StringComparer.Ordinal)
                    .Add("admin", new SshUser { Name = "admin", ServiceType = "stelnet", AuthenticationType = SshAuthenticationType.Password })
                    .Add("ops", new SshUser { Name = "ops", ServiceType = "all", AuthenticationType = SshAuthenticationType.PublicKey, PublicKeyName = "pc1" }),
            },
        };
        Assert.Equal(
            [
                " ssh server enable",
                " ssh server authentication-retries 5",
                " ssh server authentication-timeout 30",
                " ssh user admin service-type stelnet authentication-type password",
                " ssh user ops service-type all authentication-type publickey assign publickey pc1",
            ],
            ManagementRenderer.RenderSsh(state));
        var keyLines = ManagementRenderer.RenderPeerKeys(state);
        Assert.Equal(" public-key peer pc1", keyLines[0]);
        Assert.Equal("  public-key-code begin", keyLines[1]);
        Assert.Equal(Convert.ToHexString(der), string.Concat(keyLines.Skip(2).Take(keyLines.Count - 4).Select(l => l.Trim())));
        Assert.All(keyLines.Skip(2).Take(keyLines.Count - 4), l => Assert.StartsWith("   ", l, StringComparison.Ordinal));
        Assert.Equal(["  public-key-code end", "  peer-public-key end"], keyLines.TakeLast(2));
    }

    [Fact]
    public void Headers_pick_a_delimiter_absent_from_the_text()
    {
        var headers = new Dictionary<string, string> { ["motd"] = "50% off\nsecond line", ["login"] = "Welcome" };
        Assert.Equal(
            [" header login %Welcome%", " header motd #50% off", "second line#"],
            ManagementRenderer.RenderHeaders(headers));
    }

    [Fact]
    public void Super_passwords_render_per_dialect()
    {
        var v5 = ManagementSettings.Initial(TestDevices.V5DisplayFacts) with { SuperPasswords = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("3", "$c$3$abc") };
        Assert.Contains(" super password level 3 cipher $c$3$abc", ManagementRenderer.RenderSuperPasswords(v5, ComwareDialect.V5));
        var v7 = ManagementSettings.Initial(TestDevices.V7DisplayFacts) with { SuperPasswords = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal).Add("network-admin", "$h$6$abc") };
        Assert.Contains(" super password role network-admin hash $h$6$abc", ManagementRenderer.RenderSuperPasswords(v7, ComwareDialect.V7));
    }
}
