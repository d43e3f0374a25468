using System.Collections.Immutable;
using System.Security.Cryptography;
using Emulator.Comware.Auth;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

public class UserDirectoryTests
{
    private static (ManagementState Config, UserDirectory Directory) Create(DeviceFacts facts)
    {
        var config = ManagementState.Create(facts);
        return (config, new UserDirectory(config));
    }

    [Fact]
    public void User_created_later_logs_in_at_once()
    {
        var (config, directory) = Create(TestDevices.V5DisplayFacts);
        Assert.Null(directory.GetAuthenticationType("admin"));
        Assert.False(directory.CheckPassword("admin", "pw"));

        config.Update(s => s with { LocalUsers = s.LocalUsers.Add("admin", new LocalUser { Name = "admin", Password = config.EncodeSimple("pw"), Services = UserServices.Ssh, Level = 3 }) });

        Assert.Equal(SshAuthenticationType.Password, directory.GetAuthenticationType("admin"));
        Assert.True(directory.CheckPassword("admin", "pw"));
        Assert.False(directory.CheckPassword("admin", "PW"));
        Assert.False(directory.CheckPassword("admin", "pw", UserServices.Telnet));
        Assert.Equal(new UserPrivilege(3, []), directory.GetPrivilege("admin"));
        Assert.Equal("3", directory.GetLevelOrRole("admin"));
    }

    [Fact]
    public void User_without_ssh_service_cannot_use_ssh()
    {
        var (config, directory) = Create(TestDevices.V5DisplayFacts);
        config.Update(s => s with { LocalUsers = s.LocalUsers.Add("web", new LocalUser { Name = "web", Password = config.EncodeSimple("pw"), Services = UserServices.Web }) });
        Assert.Null(directory.GetAuthenticationType("web"));
        Assert.False(directory.CheckPassword("web", "pw"));
        Assert.True(directory.CheckPassword("web", "pw", UserServices.Web));
    }

    [Fact]
    public void Publickey_user_gets_assigned_key_and_vty_level()
    {
        var (config, directory) = Create(TestDevices.V5DisplayFacts);
        using var rsa = RSA.Create(1024);
        var der = rsa.ExportSubjectPublicKeyInfo();
        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out _, out _));
        config.Update(s => (s with
        {
            PeerKeys = s.PeerKeys.Add("PC1", new PeerPublicKey("PC1", [.. der])),
            Ssh = s.Ssh with { ServerEnabled = true, Users = s.Ssh.Users.Add("ops", new SshUser { Name = "ops", ServiceType = "stelnet", AuthenticationType = SshAuthenticationType.PublicKey, PublicKeyName = "pc1" }) },
        }).WithVty(0, 4, l => l with { PrivilegeLevel = 2 }));

        Assert.Equal(SshAuthenticationType.PublicKey, directory.GetAuthenticationType("ops"));
        Assert.True(directory.IsAuthorizedKey("ops", blob));
        Assert.False(directory.IsAuthorizedKey("ops", blob.AsSpan(1)));
        Assert.Empty(directory.GetAuthorizedKeys("nobody"));
        Assert.Equal(2, directory.GetPrivilege("ops").Level);
    }

    [Fact]
    public void V7_roles_map_to_levels()
    {
        var (config, directory) = Create(TestDevices.V7DisplayFacts);
        config.Update(s => s with
        {
            LocalUsers = s.LocalUsers
                .Add("admin", new LocalUser { Name = "admin", Password = config.EncodeSimple("a"), Services = UserServices.Ssh, Roles = ImmutableSortedSet.Create(StringComparer.Ordinal, "network-admin", "network-operator") })
                .Add("ro", new LocalUser { Name = "ro", Password = config.EncodeSimple("b"), Services = UserServices.Ssh }),
        });
        Assert.Equal(UserRoles.Manage, directory.GetPrivilege("admin").Level);
        Assert.Equal("network-admin, network-operator", directory.GetLevelOrRole("admin"));
        Assert.Equal(UserRoles.Monitor, directory.GetPrivilege("ro").Level);
        Assert.True(directory.CheckPassword("ro", "b"));
    }

    [Fact]
    public void Server_settings_follow_configuration()
    {
        var (config, directory) = Create(TestDevices.V7DisplayFacts);
        Assert.False(directory.IsSshServerEnabled);
        Assert.Equal(3, directory.AuthenticationRetries);
        Assert.Equal(TimeSpan.FromSeconds(60), directory.AuthenticationTimeout);
        config.Update(s => s with { Ssh = s.Ssh with { ServerEnabled = true, AuthenticationRetries = 5, AuthenticationTimeout = 20 } });
        Assert.True(directory.IsSshServerEnabled);
        Assert.Equal(5, directory.AuthenticationRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), directory.AuthenticationTimeout);
        Assert.True(directory.AnyVtyAcceptsSsh);
        config.Update(s => s.WithVty(0, 63, l => l with { ProtocolInbound = LineProtocols.Telnet }));
        Assert.False(directory.AnyVtyAcceptsSsh);
    }

    [Fact]
    public void Super_password_check()
    {
        var (config, directory) = Create(TestDevices.V5DisplayFacts);
        Assert.Null(directory.CheckSuperPassword("3", "x"));
        config.Update(s => s with { SuperPasswords = s.SuperPasswords.SetItem("3", config.EncodeSimple("sup")) });
        Assert.True(directory.CheckSuperPassword("3", "sup"));
        Assert.False(directory.CheckSuperPassword("3", "nope"));
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_see_consistent_states()
    {
        var (config, directory) = Create(TestDevices.V5DisplayFacts);
        var ct = TestContext.Current.CancellationToken;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var name = "u" + (i % 50);
                config.Update(s => s with { LocalUsers = s.LocalUsers.SetItem(name, new LocalUser { Name = name, Services = UserServices.Ssh, Level = i % 4 }) });
            }
        }, ct);
        var reader = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var privilege = directory.GetPrivilege("u" + (i % 50));
                Assert.InRange(privilege.Level, 0, 3);
            }
        }, ct);
        await Task.WhenAll(writer, reader);
        Assert.Equal(50, config.Current.LocalUsers.Count);
    }
}
