using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Kex;
using Emulator.Ssh.Transport;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Tests.TestClient;

/// <summary>What the test client proposes. Every list has one entry by default, so the test decides the outcome.</summary>
internal sealed record TestClientOptions
{
    public string Identification { get; init; } = "SSH-2.0-EmulatorTestClient_1.0";
    public string Kex { get; init; } = "curve25519-sha256";
    public string HostKey { get; init; } = "ssh-ed25519";
    public string Cipher { get; init; } = "aes128-gcm@openssh.com";
    public string Mac { get; init; } = "hmac-sha2-256";
    public string Compression { get; init; } = "none";
    public bool StrictKex { get; init; } = true;
    public bool ExtInfo { get; init; } = true;
    public ClientKex.GexRequest? GroupExchange { get; init; }

    /// <summary>Runs after the server's NEWKEYS arrived and before ours is sent (to inject messages, e.g. Terrapin's IGNORE).</summary>
    public Func<SshTestClient, Task>? BeforeNewKeys { get; init; }

    /// <summary>Runs before the first KEXINIT is sent (to inject messages the server must judge).</summary>
    public Func<SshTestClient, Task>? BeforeKexInit { get; init; }

    /// <summary>Extra kex names put after <see cref="Kex"/> (e.g. to test negotiation order).</summary>
    public IReadOnlyList<string> ExtraKex { get; init; } = [];

    /// <summary>Runs on re-exchanges right after our KEXINIT is sent: for messages a racing client sends meanwhile.</summary>
    public Func<SshTestClient, Task>? AfterRekeyKexInit { get; init; }
}

/// <summary>
/// A minimal SSH client for tests: version exchange, KEXINIT, the client side of every kex method, NEWKEYS, then raw
/// packets with the negotiated cipher/MAC/compression. It answers a server-initiated rekey on its own and can start
/// one, and it can send arbitrary or malformed bytes. Userauth/connection tests build their messages on top of it.
/// </summary>
internal sealed class SshTestClient : IAsyncDisposable
{
    private readonly SshPacketStream _packets;
    private readonly TestClientOptions _options;
    private readonly Queue<byte[]> _pending = new();
    private bool _firstKexDone;
    private bool _strict;

    private SshTestClient(IDuplexPipe pipe, TestClientOptions options)
    {
        Pipe = pipe;
        _packets = new SshPacketStream(pipe);
        _options = options;
    }

    public IDuplexPipe Pipe { get; }

    public string ServerIdentification { get; private set; } = "";

    public KexInitMessage ServerKexInit { get; private set; } = null!;

    public byte[] SessionId { get; private set; } = [];

    public byte[] HostKeyBlob { get; private set; } = [];

    /// <summary>server-sig-algs from EXT_INFO, or null when none arrived.</summary>
    public IReadOnlyList<string>? ServerSignatureAlgorithms { get; private set; }

    public int KexCount { get; private set; }

    /// <summary>Prime size of the last group exchange.</summary>
    public int GroupBits { get; private set; }

    public uint ReadSequence => _packets.ReadSequence;

    public uint WriteSequence => _packets.WriteSequence;

    public static async Task<SshTestClient> ConnectAsync(IDuplexPipe pipe, TestClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        var client = new SshTestClient(pipe, options ?? new TestClientOptions());
        await client._packets.WriteRawAsync(Encoding.ASCII.GetBytes(client._options.Identification + "\r\n"), cancellationToken);
        client.ServerIdentification = await VersionExchange.ReadAsync(pipe.Input, cancellationToken);
        await client.KeyExchangeAsync(null, cancellationToken);
        return client;
    }

    /// <summary>Starts a client-initiated key re-exchange and completes it.</summary>
    public Task RekeyAsync(CancellationToken cancellationToken = default) => KeyExchangeAsync(null, cancellationToken);

    /// <summary>Next message that is not IGNORE/DEBUG/EXT_INFO; a server KEXINIT is answered (rekey) transparently.</summary>
    public async Task<byte[]> ReadMessageAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var payload = _pending.Count > 0 ? _pending.Dequeue() : (await _packets.ReadAsync(cancellationToken)).ToArray();
            switch (payload[0])
            {
                case MessageNumbers.Ignore or MessageNumbers.Debug:
                    continue;
                case MessageNumbers.ExtInfo:
                    ReadExtInfo(payload);
                    continue;
                case MessageNumbers.KexInit:
                    await KeyExchangeAsync(payload, cancellationToken);
                    continue;
                default:
                    return payload;
            }
        }
    }

    /// <summary>Next packet exactly as received (no filtering).</summary>
    public async Task<byte[]> ReadRawPacketAsync(CancellationToken cancellationToken = default) =>
        _pending.Count > 0 ? _pending.Dequeue() : (await _packets.ReadAsync(cancellationToken)).ToArray();

    public ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default) =>
        _packets.WriteAsync(payload, cancellationToken);

    /// <summary>Bytes straight onto the wire, bypassing framing and encryption.</summary>
    public ValueTask WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        _packets.WriteRawAsync(bytes, cancellationToken);

    /// <summary>Builds and sends a message with an <see cref="SshWriterBox"/>.</summary>
    public ValueTask SendAsync(byte number, Action<SshWriterBox>? fields = null, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var box = new SshWriterBox(buffer);
        box.WriteByte(number);
        fields?.Invoke(box);
        return WritePacketAsync(buffer.WrittenMemory, cancellationToken);
    }

    /// <summary>Starts delayed compression (zlib@openssh.com) as a client does on USERAUTH_SUCCESS.</summary>
    public void OnAuthenticated() => _packets.ActivateDelayedCompression();

    /// <summary>Reads until the server's DISCONNECT and returns (reason, description); fails on anything else but kex traffic.</summary>
    public async Task<(DisconnectReason Reason, string Description)> ExpectDisconnectAsync(CancellationToken cancellationToken = default)
    {
        var payload = await ReadMessageAsync(cancellationToken);
        Assert.Equal(MessageNumbers.Disconnect, payload[0]);
        var reader = new SshReader(payload.AsSpan(1));
        return ((DisconnectReason)reader.ReadUInt32(), reader.ReadUtf8String());
    }

    private async Task KeyExchangeAsync(byte[]? serverKexInitPayload, CancellationToken cancellationToken)
    {
        var kexList = new List<string> { _options.Kex };
        kexList.AddRange(_options.ExtraKex);
        if (!_firstKexDone)
        {
            if (_options.ExtInfo)
            {
                kexList.Add(KexTable.ExtInfoClient);
            }

            if (_options.StrictKex)
            {
                kexList.Add(KexTable.StrictKexClient);
            }
        }

        if (_options.BeforeKexInit is { } before && !_firstKexDone)
        {
            await before(this);
        }

        var ours = KexInitMessage.Create(kexList, [_options.HostKey], [_options.Cipher], [_options.Mac], [_options.Compression]);
        await _packets.WriteAsync(ours.Payload, cancellationToken);
        if (_options.AfterRekeyKexInit is { } after && _firstKexDone)
        {
            await after(this);
        }

        while (serverKexInitPayload is null)
        {
            var payload = (await _packets.ReadAsync(cancellationToken)).ToArray();
            if (payload[0] == MessageNumbers.KexInit)
            {
                serverKexInitPayload = payload;
            }
            else if (payload[0] == MessageNumbers.Disconnect)
            {
                _pending.Enqueue(payload);
                throw new SshDisconnectException(DisconnectReason.ProtocolError, "server disconnected during key exchange: " + Encoding.UTF8.GetString(payload.AsSpan(9)));
            }
            else
            {
                // Upper-layer traffic the server sent before its KEXINIT; deliver it later.
                _pending.Enqueue(payload);
            }
        }

        var server = KexInitMessage.Parse(serverKexInitPayload);
        ServerKexInit = server;
        if (!_firstKexDone)
        {
            _strict = _options.StrictKex && server.KeyExchange.Contains(KexTable.StrictKexServer);
        }

        var agreed = AlgorithmNegotiation.Negotiate(ours, server, n => CipherTable.ByName[n].IsAead);
        var prefix = HashPrefix(ours.Payload, serverKexInitPayload);
        var io = new ClientKex.Io(
            async payload => await _packets.WriteAsync(payload, cancellationToken),
            async () => await ReadKexMessageAsync(cancellationToken));
        var result = await ClientKex.RunAsync(agreed.KeyExchange, agreed.HostKey, prefix, io, _options.GroupExchange);
        if (!_firstKexDone)
        {
            SessionId = result.ExchangeHash;
        }

        HostKeyBlob = result.HostKeyBlob;
        GroupBits = result.GroupBits;
        var newKeys = await ReadKexMessageAsync(cancellationToken);
        Assert.Equal(MessageNumbers.NewKeys, newKeys[0]);
        var decrypt = Build(result, agreed.CipherServerToClient, agreed.MacServerToClient, 'B', 'D', 'F', false);
        _packets.SetReadKeys(decrypt, agreed.CompressionServerToClient != CompressionTable.None,
            agreed.CompressionServerToClient == CompressionTable.Zlib, _strict);
        var hooked = _options.BeforeNewKeys is not null && !_firstKexDone;
        if (hooked)
        {
            await _options.BeforeNewKeys!(this);
        }

        var encrypt = Build(result, agreed.CipherClientToServer, agreed.MacClientToServer, 'A', 'C', 'E', true);
        try
        {
            await _packets.WriteNewKeysAsync(new[] { MessageNumbers.NewKeys }, encrypt, agreed.CompressionClientToServer != CompressionTable.None,
                agreed.CompressionClientToServer == CompressionTable.Zlib, _strict, flush: true, cancellationToken);
        }
        catch (SshDisconnectException e) when (hooked && e.ByPeer)
        {
            // The hook may have broken the protocol on purpose, and the server may have hung up before this NEWKEYS
            // left: the keys are switched all the same, and the server's DISCONNECT is still there to read.
        }
        _firstKexDone = true;
        KexCount++;
    }

    private async Task<byte[]> ReadKexMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = (await _packets.ReadAsync(cancellationToken)).ToArray();
            switch (payload[0])
            {
                case MessageNumbers.Ignore or MessageNumbers.Debug:
                    continue;
                case MessageNumbers.ExtInfo:
                    ReadExtInfo(payload);
                    continue;
                case MessageNumbers.Disconnect:
                    _pending.Enqueue(payload);
                    throw new SshDisconnectException(DisconnectReason.ProtocolError, "server disconnected during key exchange: " + Encoding.UTF8.GetString(payload.AsSpan(9)));
                default:
                    return payload;
            }
        }
    }

    private byte[] HashPrefix(byte[] clientKexInit, byte[] serverKexInit)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var box = new SshWriterBox(buffer);
        box.WriteString(_options.Identification);
        box.WriteString(ServerIdentification);
        box.WriteString(clientKexInit);
        box.WriteString(serverKexInit);
        return buffer.WrittenSpan.ToArray();
    }

    private IPacketCipher Build(ClientKex.Result result, string cipherName, string macName, char ivLetter, char keyLetter, char macLetter, bool encrypt)
    {
        var cipher = CipherTable.ByName[cipherName];
        HmacAlgorithm? mac = null;
        if (!cipher.IsAead)
        {
            var info = MacTable.ByName[macName];
            mac = info.Create(Derive(result, macLetter, info.KeyLength));
        }

        return cipher.Create(Derive(result, keyLetter, cipher.KeyLength), Derive(result, ivLetter, cipher.IvLength), encrypt, mac);
    }

    /// <summary>RFC 4253 7.2, written out again here so a mistake in the server's version cannot hide.</summary>
    private byte[] Derive(ClientKex.Result result, char letter, int length)
    {
        using var digest = System.Security.Cryptography.IncrementalHash.CreateHash(result.Hash);
        digest.AppendData([.. result.SharedSecret, .. result.ExchangeHash, (byte)letter, .. SessionId]);
        var key = digest.GetHashAndReset();
        while (key.Length < length)
        {
            digest.AppendData([.. result.SharedSecret, .. result.ExchangeHash, .. key]);
            key = [.. key, .. digest.GetHashAndReset()];
        }

        return key[..length];
    }

    private void ReadExtInfo(byte[] payload)
    {
        var reader = new SshReader(payload.AsSpan(1));
        var count = reader.ReadUInt32();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadAsciiString();
            var value = reader.ReadAsciiString();
            if (name == "server-sig-algs")
            {
                ServerSignatureAlgorithms = value.Split(',');
            }
        }
    }

    public ValueTask DisposeAsync() => _packets.DisposeAsync();
}
