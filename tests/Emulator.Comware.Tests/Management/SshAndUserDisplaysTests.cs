using System.Collections.Immutable;
using System.Security.Cryptography;
using Emulator.Comware.Auth;
using Emulator.Comware.Commands.Ssh;
using Emulator.Comware.Commands.Users;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Tests.Management;

public class SshAndUserDisplaysTests
{
    [Fact]
    public void Ssh_status_v5_and_v7()
    {
        Assert.Equal(
            "SSH server: Enable\nSSH version : 1.99\nSSH authentication-timeout : 60 second(s)\nSSH server key generating interval : 0 hour(s)\n" +
            "SSH authentication retries : 3 time(s)\nSFTP server: Disable\nSFTP server Idle-Timeout: 10 minute(s)\n",
            SshDisplays.ServerStatus(ComwareDialect.V5, new SshSettings { ServerEnabled = true }));
        Assert.Equal(
            " Stelnet server: Disable\n SSH version : 2.0\n SSH authentication-timeout : 30 second(s)\n SSH server key generating interval : 0 hour(s)\n" +
            " SSH authentication retries : 5 time(s)\n SFTP server: Disable\n SFTP server Idle-Timeout: 10 minute(s)\n NETCONF server: Disable\n SCP server: Disable\n",
            SshDisplays.ServerStatus(ComwareDialect.V7, new SshSettings { AuthenticationRetries = 5, AuthenticationTimeout = 30 }));
    }

    [Fact]
    public void Ssh_sessions_list_only_ssh_logins()
    {
        LoginSessionInfo[] sessions = [new("VTY 0", "admin", "192.0.2.1", DateTimeOffset.UnixEpoch, "SSH", "aes128-ctr", "hmac-sha1")];
        Assert.Equal(
            "Conn       Ver  Encry     State        Retry  SerType  Username\nVTY 0      2.0  AES       Established  0      Stelnet  admin\n",
            SshDisplays.ServerSessions(ComwareDialect.V5, sessions));
        Assert.Equal(
            "UserPid   SessID Ver   Encrypt    State          Retries  Serv     Username\n 184       0     2.0   aes128-ctr Established    0        Stelnet  admin\n",
            SshDisplays.ServerSessions(ComwareDialect.V7, sessions));
        Assert.Equal("", SshDisplays.ServerSessions(ComwareDialect.V7, []));
    }

    [Fact]
    public void Ssh_user_information_columns()
    {
        SshUser[] users =
        [
            new() { Name = "yemx", ServiceType = "stelnet", AuthenticationType = SshAuthenticationType.Password },
            new() { Name = "test", ServiceType = "sftp", AuthenticationType = SshAuthenticationType.PublicKey, PublicKeyName = "pubkey" },
        ];
        Assert.Equal(
            " Total ssh users:2\n Username            Authentication-type  User-public-key-name  Service-type\n" +
            " yemx                password             null                  Stelnet\n" +
            " test                publickey            pubkey                SFTP\n",
            SshDisplays.UserInformation(ComwareDialect.V7, users));
        Assert.StartsWith("Total ssh users:2\nUsername ", SshDisplays.UserInformation(ComwareDialect.V5, users), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_public_key_v7_is_hex_der_wrapped()
    {
        using var rsa = RSA.Create(1024);
        Assert.True(PublicKeyCodec.TryDerToSshBlob(rsa.ExportSubjectPublicKeyInfo(), out var blob, out _, out _));
        var key = new HostKeyInfo("rsa", "ssh-rsa", 1024, blob, new DateTimeOffset(2011, 5, 12, 15, 40, 48, TimeSpan.Zero));
        var lines = SshDisplays.LocalPublicKeys(ComwareDialect.V7, [key], TimeSpan.Zero).Split('\n');
        Assert.Equal(new string('=', 45), lines[0]);
        Assert.Equal("Key name: hostkey (default)", lines[1]);
        Assert.Equal("Key type: RSA", lines[2]);
        Assert.Equal("Time when key pair created: 15:40:48 2011/05/12", lines[3]);
        Assert.Equal("Key code:", lines[4]);
        Assert.StartsWith("   30819F300D06092A864886F70D010101050003818D0030818902818100", lines[5], StringComparison.Ordinal);
        Assert.Equal(77, lines[5].Length);
        var v5 = SshDisplays.LocalPublicKeys(ComwareDialect.V5, [key], TimeSpan.Zero);
        Assert.Contains("Time of Key pair created: 15:40:48  2011/05/12\nKey name: HOST_KEY\nKey type: RSA Encryption Key\n", v5, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_users_v5_capture_layout()
    {
        LocalUser[] users =
        [
            new() { Name = "admin", Services = UserServices.Telnet | UserServices.Web, Level = 3 },
            new() { Name = "stupin", Services = UserServices.Ssh, Level = 3 },
        ];
        Assert.Equal(
            "The contents of local user admin:\n State:                    Active\n ServiceType:              telnet/web\n" +
            " Access-limit:             Disabled          Current AccessNum: 0\n User-group:               system\n Bind attributes:\n" +
            " Authorization attributes:\n  User Privilege:          3\n" +
            "The contents of local user stupin:\n State:                    Active\n ServiceType:              ssh\n" +
            " Access-limit:             Disabled          Current AccessNum: 1\n User-group:               system\n Bind attributes:\n" +
            " Authorization attributes:\n  User Privilege:          3\n" +
            "Total 2 local user(s) matched.\n",
            UserDisplays.LocalUsers(ComwareDialect.V5, users, u => u == "stupin" ? 1 : 0));
    }

    [Fact]
    public void Local_users_v7_stig_layout()
    {
        LocalUser[] users =
        [
            new() { Name = "admin", Services = UserServices.Ssh | UserServices.Terminal, Roles = ImmutableSortedSet.Create(StringComparer.Ordinal, "network-admin", "network-operator") },
        ];
        Assert.Equal(
            "Device management user admin:\n  State:                     Active\n  Service type:              SSH/Terminal\n  User group:                system\n" +
            "  Bind attributes:\n  Authorization attributes:\n    Work directory:          flash:\n    User role list:          network-admin, network-operator\n" +
            "Total 1 local users matched.\n",
            UserDisplays.LocalUsers(ComwareDialect.V7, users, _ => 0));
    }
}
