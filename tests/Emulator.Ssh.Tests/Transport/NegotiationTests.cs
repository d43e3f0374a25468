using Emulator.Ssh.Kex;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.Transport;

public class NegotiationTests
{
    private static KexInitMessage Init(string[] kex, string[]? ciphers = null, string[]? macs = null, string[]? hostKeys = null, string[]? compression = null) =>
        KexInitMessage.Create(kex, hostKeys ?? ["ssh-ed25519"], ciphers ?? ["aes128-ctr"], macs ?? ["hmac-sha2-256"], compression ?? ["none"]);

    private static bool IsAead(string name) => name.Contains("gcm", StringComparison.Ordinal) || name.StartsWith("chacha", StringComparison.Ordinal);

    [Fact]
    public void Client_preference_wins()
    {
        var client = Init(["sntrup761x25519-sha512@openssh.com", "curve25519-sha256", "ecdh-sha2-nistp256"], ["aes256-ctr", "aes128-ctr"]);
        var server = Init(["ecdh-sha2-nistp256", "curve25519-sha256"], ["aes128-ctr", "aes256-ctr"]);
        var agreed = AlgorithmNegotiation.Negotiate(client, server, IsAead);
        Assert.Equal("curve25519-sha256", agreed.KeyExchange);
        Assert.Equal("aes256-ctr", agreed.CipherClientToServer);
        Assert.Equal("aes256-ctr", agreed.CipherServerToClient);
    }

    [Fact]
    public void The_agreed_names_are_the_servers_own_strings_not_copies_parsed_from_the_client()
    {
        string[] serverCiphers = ["aes128-gcm@openssh.com"];
        string[] serverKex = ["curve25519-sha256"];
        var client = KexInitMessage.Parse(Init(["curve25519-sha256"], ["aes128-gcm@openssh.com"]).Payload);
        var agreed = AlgorithmNegotiation.Negotiate(client, Init(serverKex, serverCiphers), IsAead);
        Assert.Same(serverKex[0], agreed.KeyExchange);
        Assert.Same(serverCiphers[0], agreed.CipherClientToServer);
        Assert.Same(serverCiphers[0], agreed.CipherServerToClient);
    }

    [Fact]
    public void Aead_cipher_needs_no_common_mac()
    {
        var client = Init(["curve25519-sha256"], ["aes128-gcm@openssh.com"], ["umac-64@openssh.com"]);
        var server = Init(["curve25519-sha256"], ["aes128-gcm@openssh.com"], ["hmac-sha2-256"]);
        var agreed = AlgorithmNegotiation.Negotiate(client, server, IsAead);
        Assert.Equal("<implicit>", agreed.MacClientToServer);
    }

    [Theory]
    [InlineData("key exchange")]
    [InlineData("host key")]
    [InlineData("cipher")]
    [InlineData("MAC")]
    [InlineData("compression")]
    public void Missing_match_names_the_list(string what)
    {
        var client = Init(what == "key exchange" ? ["diffie-hellman-group1-sha1"] : ["curve25519-sha256"],
            what == "cipher" ? ["3des-cbc"] : null, what == "MAC" ? ["hmac-md5"] : null,
            what == "host key" ? ["ssh-dss"] : null, what == "compression" ? ["zlib"] : null);
        var server = Init(["curve25519-sha256"]);
        var error = Assert.Throws<SshDisconnectException>(() => AlgorithmNegotiation.Negotiate(client, server, IsAead));
        Assert.Equal(DisconnectReason.KeyExchangeFailed, error.Reason);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pseudo_algorithms_are_never_chosen()
    {
        var client = Init(["ext-info-c", "kex-strict-c-v00@openssh.com", "curve25519-sha256"]);
        var server = Init(["curve25519-sha256", "kex-strict-s-v00@openssh.com"]);
        Assert.Equal("curve25519-sha256", AlgorithmNegotiation.Negotiate(client, server, IsAead).KeyExchange);
    }

    [Fact]
    public void Guess_is_right_only_when_both_first_choices_win()
    {
        var server = Init(["curve25519-sha256"], hostKeys: ["ssh-ed25519", "rsa-sha2-256"]);
        var right = Init(["curve25519-sha256", "ecdh-sha2-nistp256"], hostKeys: ["ssh-ed25519"]);
        var wrongKex = Init(["ecdh-sha2-nistp256", "curve25519-sha256"]);
        var wrongHostKey = Init(["curve25519-sha256"], hostKeys: ["rsa-sha2-512", "ssh-ed25519"]);
        Assert.True(AlgorithmNegotiation.GuessWasRight(right, server));
        Assert.False(AlgorithmNegotiation.GuessWasRight(wrongKex, server));
        Assert.False(AlgorithmNegotiation.GuessWasRight(wrongHostKey, server));
    }

    [Fact]
    public void Dropbear_guess_is_wrong_when_the_server_prefers_another_kex_even_if_the_client_choice_wins()
    {
        // Dropbear 2022.83 guesses curve25519-sha256; a server preferring ML-KEM still agrees on curve25519 (client
        // order wins), but the lists' first entries differ, so by RFC 4253 7 the guess is wrong and is sent again.
        var server = Init(["mlkem768x25519-sha256", "curve25519-sha256"]);
        var dropbear = Init(["curve25519-sha256", "ecdh-sha2-nistp256"]);
        Assert.Equal("curve25519-sha256", AlgorithmNegotiation.Negotiate(dropbear, server, IsAead).KeyExchange);
        Assert.False(AlgorithmNegotiation.GuessWasRight(dropbear, server));
    }

    [Fact]
    public void Kexinit_round_trips()
    {
        var message = KexInitMessage.Create(["curve25519-sha256", "ext-info-c"], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none", "zlib"], true);
        var parsed = KexInitMessage.Parse(message.Payload);
        Assert.Equal(message.KeyExchange, parsed.KeyExchange);
        Assert.Equal(message.CompressionServerToClient, parsed.CompressionServerToClient);
        Assert.True(parsed.FirstKexPacketFollows);
    }

    [Fact]
    public void Catalog_knows_every_table_entry_and_validates_lists()
    {
        Assert.True(SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.Cipher, "aes256-gcm@openssh.com"));
        Assert.False(SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.Cipher, "blowfish-cbc"));
        Assert.True(SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.KeyExchange, "mlkem768x25519-sha256"));
        Assert.Empty(SshAlgorithmCatalog.FindUnsupported(SshAlgorithmLists.Default));
        Assert.Empty(SshAlgorithmCatalog.FindUnsupported(SshAlgorithmCatalog.All));
        Assert.Equal(["Mac: umac-64@openssh.com"], SshAlgorithmCatalog.FindUnsupported(SshAlgorithmLists.Default with { Macs = ["umac-64@openssh.com"] }));
        Assert.DoesNotContain(SshAlgorithmLists.Default.Ciphers, c => c.Contains("cbc", StringComparison.Ordinal));
        Assert.DoesNotContain(SshAlgorithmLists.Default.HostKey, h => h is "ssh-rsa" or "ssh-dss");
    }
}
