using Emulator.Ssh.Kex;
using Emulator.Ssh.Tests.TestClient;
using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Tests.Transport;

public class KeyExchangeTests
{
    public static TheoryData<string> AllKex => new(SshAlgorithmCatalog.Names(SshAlgorithmKind.KeyExchange));

    public static TheoryData<string> AllHostKeyAlgorithms => new(SshAlgorithmCatalog.Names(SshAlgorithmKind.HostKey));

    public static TheoryData<string> AllCiphers => new(SshAlgorithmCatalog.Names(SshAlgorithmKind.Cipher));

    public static TheoryData<string> AllMacs => new(SshAlgorithmCatalog.Names(SshAlgorithmKind.Mac));

    private static byte[] Message(int size, byte number = 94)
    {
        var payload = new byte[size];
        Random.Shared.NextBytes(payload);
        payload[0] = number;
        return payload;
    }

    [Theory]
    [MemberData(nameof(AllKex))]
    public async Task Every_kex_method_agrees_on_keys(string kex)
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Kex = kex });
        Assert.Equal(kex, harness.Server.Algorithms.KeyExchange);
        Assert.Equal(harness.Client.SessionId, harness.Server.SessionId.ToArray());
        await harness.AssertRoundTripAsync(Message(100));
    }

    [Theory]
    [MemberData(nameof(AllHostKeyAlgorithms))]
    public async Task Every_host_key_algorithm_signs_the_exchange(string hostKey)
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { HostKey = hostKey });
        Assert.Equal(hostKey, harness.Server.Algorithms.HostKey);
        var keyType = Emulator.Ssh.Keys.SshPublicKey.KeyTypeForSignatureAlgorithm(hostKey)!;
        Assert.Equal(TestHostKeys.Get(keyType).PublicKeyBlob.ToArray(), harness.Client.HostKeyBlob);
    }

    [Theory]
    [MemberData(nameof(AllCiphers))]
    public async Task Every_cipher_carries_packets_of_all_sizes(string cipher)
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Cipher = cipher, Mac = "hmac-sha2-256" });
        Assert.Equal(cipher, harness.Server.Algorithms.CipherClientToServer);
        foreach (var size in new[] { 1, 2, 15, 16, 17, 255, 4096, 32768, 35000, SshPacketStream.MaxPayloadLength })
        {
            await harness.AssertRoundTripAsync(Message(size));
        }
    }

    [Theory]
    [MemberData(nameof(AllMacs))]
    public async Task Every_mac_works_with_ctr_and_cbc(string mac)
    {
        foreach (var cipher in new[] { "aes128-ctr", "aes256-cbc", "3des-cbc" })
        {
            await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Cipher = cipher, Mac = mac });
            Assert.Equal(mac, harness.Server.Algorithms.MacServerToClient);
            await harness.AssertRoundTripAsync(Message(1000));
            await harness.AssertRoundTripAsync(Message(7));
        }
    }

    [Fact]
    public async Task Aead_ciphers_report_an_implicit_mac()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Cipher = "chacha20-poly1305@openssh.com" });
        Assert.Equal("<implicit>", harness.Server.Algorithms.MacClientToServer);
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("zlib@openssh.com")]
    public async Task Compression_round_trips_and_shrinks_repetitive_data(string compression)
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { Compression = compression });
        Assert.Equal(compression, harness.Server.Algorithms.CompressionServerToClient);
        if (compression == "zlib@openssh.com")
        {
            await harness.AssertRoundTripAsync(Message(50, 52));
            harness.Server.OnAuthenticated();
            harness.Client.OnAuthenticated();
        }

        var repetitive = new byte[30000];
        repetitive[0] = 94;
        var before = harness.Client.WriteSequence;
        for (var i = 0; i < 5; i++)
        {
            await harness.AssertRoundTripAsync(repetitive);
            await harness.AssertRoundTripAsync(Message(3000));
        }

        Assert.Equal(before + 10, harness.Client.WriteSequence);
    }

    [Fact]
    public async Task Ext_info_lists_server_signature_algorithms_after_first_newkeys()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions());
        await harness.AssertRoundTripAsync(Message(10));
        Assert.Equal(["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa", "ssh-dss"],
            harness.Client.ServerSignatureAlgorithms);
    }

    [Fact]
    public async Task No_ext_info_unless_the_client_asks()
    {
        await using var harness = await TransportHarness.StartAsync(new TestClientOptions { ExtInfo = false });
        await harness.AssertRoundTripAsync(Message(10));
        Assert.Null(harness.Client.ServerSignatureAlgorithms);
    }

    [Theory]
    [InlineData(2048u, 3072u, 8192u, false, 3072)]
    [InlineData(1024u, 1024u, 1024u, false, 1024)]
    [InlineData(2048u, 7680u, 8192u, false, 8192)]
    [InlineData(1024u, 2000u, 2048u, false, 2048)]
    [InlineData(0u, 1536u, 0u, true, 1536)]
    public async Task Group_exchange_honours_the_requested_sizes(uint min, uint n, uint max, bool old, int expectedBits)
    {
        var options = new TestClientOptions { Kex = "diffie-hellman-group-exchange-sha256", GroupExchange = new ClientKex.GexRequest(min, n, max, old) };
        await using var harness = await TransportHarness.StartAsync(options);
        Assert.Equal(expectedBits, harness.Client.GroupBits);
    }

    [Fact]
    public async Task Group_exchange_without_a_fitting_group_fails()
    {
        var options = new TestClientOptions { Kex = "diffie-hellman-group-exchange-sha1", GroupExchange = new ClientKex.GexRequest(9000, 9000, 10000) };
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() => TransportHarness.StartAsync(options));
        Assert.Contains("no DH group", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    // SHA-256 of each prime's big-endian bytes, taken from the RFC 2409 / RFC 3526 hex as written out in full.
    [InlineData(1024, "3f35a3f5f6c4376a744acad409bb22f8d897f949d2311d885adaa890981b67a0")]
    [InlineData(1536, "64fcc83ec403930bf18393dbc883ccaa1fbb08ac876f77f7aa99748ca945019b")]
    [InlineData(2048, "d66436f79bbd6b2e38c0ffbd079be904d2641415e2e67140e09448be9a60890e")]
    [InlineData(3072, "48cf8b092fbce4359d9871abf74f98e25b6163379eaa15cd9087e800c6d1c55c")]
    [InlineData(4096, "4ee95187682bcb230ad26a95205f6920e84708f6251b3894329b09ec23919e33")]
    [InlineData(6144, "d1bfe6d0925ce7e4da262b62861514a7755e35831e429f343e7b864848657efd")]
    [InlineData(8192, "39ab4feab950a3128fb71accb9fc3965d857012e081998a85996e3ea8b3c3bcf")]
    public void Dh_group_primes_are_the_rfc_values(int bits, string sha256)
    {
        var group = Assert.Single(DhGroups.All, g => g.Bits == bits);
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(group.P.ToByteArrayUnsigned())));
    }

    [Fact]
    public void Dh_groups_have_the_rfc_3526_shape_and_the_small_ones_are_safe_primes()
    {
        var ones = Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(64).Subtract(Org.BouncyCastle.Math.BigInteger.One);
        foreach (var group in DhGroups.All)
        {
            Assert.Equal(group.Bits, group.P.BitLength);
            Assert.Equal(ones, group.P.ShiftRight(group.Bits - 64));
            Assert.Equal(ones, group.P.And(ones));
        }

        // Primality of the large groups is slow to re-check; they were generated from the same formula.
        foreach (var group in DhGroups.All.Where(g => g.Bits <= 2048))
        {
            Assert.True(group.P.IsProbablePrime(2));
            Assert.True(group.P.ShiftRight(1).IsProbablePrime(2));
        }
    }

    [Fact]
    public async Task No_common_algorithm_ends_with_key_exchange_failed()
    {
        var settings = TransportHarness.Settings(SshAlgorithmLists.Default);
        var error = await Assert.ThrowsAsync<SshDisconnectException>(() =>
            TransportHarness.StartAsync(new TestClientOptions { Cipher = "3des-cbc" }, settings));
        Assert.Contains("no matching", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_first_kex_guess_is_ignored()
    {
        // The client claims a guessed packet follows for a method the server does not pick: the server must skip it.
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var ct = TestContext.Current.CancellationToken;
        var serverTask = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), ct);
        var client = await RawClient.ConnectAsync(clientPipe, ct);
        var kexInit = KexInitMessage.Create(["unknown-kex@example.com", "curve25519-sha256"], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"], firstKexPacketFollows: true);
        await client.Packets.WriteAsync(kexInit.Payload, ct);
        await client.Packets.WriteAsync(new byte[] { 30, 0, 0, 0, 1, 9 }, ct);
        // A proper ECDH init follows; the server must answer it with a reply (31), proving the guess was skipped.
        var pub = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMultBase(new byte[32] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }, 0, pub, 0);
        await client.Packets.WriteAsync(new byte[] { 30, 0, 0, 0, 32 }.Concat(pub).ToArray(), ct);
        Assert.Equal(20, (await client.Packets.ReadAsync(ct)).Span[0]);
        Assert.Equal(31, (await client.Packets.ReadAsync(ct)).Span[0]);
        Assert.Equal(21, (await client.Packets.ReadAsync(ct)).Span[0]);
        await client.Packets.DisposeAsync();
        await Assert.ThrowsAsync<SshDisconnectException>(() => serverTask);
    }

    [Fact]
    public async Task Wrong_guess_is_ignored_even_when_the_client_first_kex_is_agreed()
    {
        // Dropbear's case: its first kex (curve25519) is agreed, but the server lists ML-KEM first, so the lists'
        // first entries differ and the guessed packet must be dropped (RFC 4253 7). Processing it answered the guess
        // and then took the client's second KEXDH_INIT for NEWKEYS ("expected NEWKEYS, got message 30").
        var (serverPipe, clientPipe) = InMemoryDuplexPipe.CreatePair();
        var ct = TestContext.Current.CancellationToken;
        var serverTask = SshTransport.AcceptAsync(serverPipe, TransportHarness.Settings(), ct);
        var client = await RawClient.ConnectAsync(clientPipe, ct);
        var kexInit = KexInitMessage.Create(["curve25519-sha256"], ["ssh-ed25519"], ["aes128-ctr"], ["hmac-sha2-256"], ["none"], firstKexPacketFollows: true);
        await client.Packets.WriteAsync(kexInit.Payload, ct);
        Assert.Equal(20, (await client.Packets.ReadAsync(ct)).Span[0]);
        // The guess: a malformed init the server would reject if it processed it.
        await client.Packets.WriteAsync(new byte[] { 30, 0, 0, 0, 1, 9 }, ct);
        var pub = new byte[32];
        Org.BouncyCastle.Math.EC.Rfc7748.X25519.ScalarMultBase(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), 0, pub, 0);
        await client.Packets.WriteAsync(new byte[] { 30, 0, 0, 0, 32 }.Concat(pub).ToArray(), ct);
        Assert.Equal(31, (await client.Packets.ReadAsync(ct)).Span[0]);
        Assert.Equal(21, (await client.Packets.ReadAsync(ct)).Span[0]);
        await client.Packets.DisposeAsync();
        await Assert.ThrowsAsync<SshDisconnectException>(() => serverTask);
    }
}
