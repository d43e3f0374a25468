using System.Buffers;
using Emulator.Ssh.Crypto;
using Emulator.Ssh.Kex;
using Emulator.Ssh.Keys;
using Emulator.Ssh.Messages;
using Emulator.Ssh.Wire;

namespace Emulator.Ssh.Transport;

/// <summary>Key exchange and re-exchange (RFC 4253 7-9), strict KEX (OpenSSH PROTOCOL 1.10) and EXT_INFO (RFC 8308).</summary>
internal sealed partial class SshTransport
{
    /// <summary>Sends our KEXINIT unless one is outstanding; from then on upper-layer writes are held.</summary>
    private async ValueTask StartKexAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await SendKexInitLockedAsync(cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async ValueTask SendKexInitLockedAsync(CancellationToken cancellationToken)
    {
        if (_ourKexInit is not null)
        {
            return;
        }

        lock (_stateLock)
        {
            _kexInProgress = true;
            _kexFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ourKexInit = _settings.KexInitTemplates.Get(_settings, !_firstKexDone, BuildServerKexInit).WithFreshCookie();
        await _packets.WriteAsync(_ourKexInit.Payload, cancellationToken);
    }

    /// <summary>Our KEXINIT's lists (the cookie is replaced for each use): see <see cref="KexInitTemplates"/>.</summary>
    private KexInitMessage BuildServerKexInit(IReadOnlyCollection<string> keyTypes, bool first)
    {
        var lists = _settings.Algorithms;
        var kex = lists.KeyExchange.Where(n => SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.KeyExchange, n)).ToList();
        if (first)
        {
            // Offered in the first KEXINIT only, as OpenSSH does.
            kex.Add(KexTable.StrictKexServer);
        }

        var hostKeys = lists.HostKey
            .Where(n => SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.HostKey, n) && SshPublicKey.KeyTypeForSignatureAlgorithm(n) is { } t && keyTypes.Contains(t))
            .ToList();
        if (hostKeys.Count == 0)
        {
            throw new InvalidOperationException("no host key algorithm can be offered: the host key provider has no key type the algorithm list names");
        }

        return KexInitMessage.Create(
            kex,
            hostKeys,
            lists.Ciphers.Where(n => SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.Cipher, n)).ToList(),
            lists.Macs.Where(n => SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.Mac, n)).ToList(),
            lists.Compression.Where(n => SshAlgorithmCatalog.IsSupported(SshAlgorithmKind.Compression, n)).ToList());
    }

    /// <summary>Runs one key exchange after the client's KEXINIT arrived; returns once both NEWKEYS are through.</summary>
    private async ValueTask RunKexAsync(ReadOnlyMemory<byte> clientKexInitPayload, CancellationToken cancellationToken)
    {
        if (!_authenticated && ++_keyExchangesBeforeAuthentication > _settings.MaxKeyExchangesBeforeAuthentication)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "too many key exchanges before authentication");
        }

        var client = KexInitMessage.Parse(clientKexInitPayload.Span);
        await StartKexAsync(cancellationToken);
        var server = _ourKexInit!;
        var first = !_firstKexDone;
        if (first)
        {
            _strictKex = client.KeyExchange.Contains(KexTable.StrictKexClient);
            _clientWantsExtInfo = client.KeyExchange.Contains(KexTable.ExtInfoClient);
            if (_strictKex && _packetsBeforeKexInit)
            {
                throw new SshDisconnectException(DisconnectReason.ProtocolError, "strict KEX violation: KEXINIT was not the first packet");
            }
        }

        var agreed = AlgorithmNegotiation.Negotiate(client, server, name => CipherTable.ByName[name].IsAead);
        if (client.FirstKexPacketFollows && !AlgorithmNegotiation.GuessWasRight(client, server))
        {
            await ReadKexMessageAsync(cancellationToken);
        }

        if (KexTable.IsExpensive(agreed.KeyExchange, agreed.HostKey))
        {
            // Reads may complete inline on a socket I/O thread (the host asks for inline completions): milliseconds of
            // modular arithmetic there would hold up every other connection that thread serves, so they go to the
            // thread pool. The usual exchange (curve25519 with an Ed25519 or ECDSA key, ~0.1 ms) stays inline.
            await Task.Yield();
        }

        var keyType = SshPublicKey.KeyTypeForSignatureAlgorithm(agreed.HostKey)!;
        var hostKey = await _settings.HostKeys.GetKeyAsync(keyType, cancellationToken);
        var context = new KexContext(ClientIdentification, _settings.IdentificationString, client.Payload, server.Payload,
            hostKey, agreed.HostKey, ReadKexMessageAsync, WriteKexMessageAsync)
        {
            MinimumGroupBits = _settings.MinimumGroupExchangeBits,
        };
        var result = await KexTable.ByName[agreed.KeyExchange].RunServerAsync(context, cancellationToken);
        if (first)
        {
            SessionId = result.ExchangeHash;
        }

        var keys = new KeyMaterial(result, SessionId.Span);
        var encrypt = keys.Build(agreed.CipherServerToClient, agreed.MacServerToClient, 'B', 'D', 'F', encrypt: true);
        var decrypt = keys.Build(agreed.CipherClientToServer, agreed.MacClientToServer, 'A', 'C', 'E', encrypt: false);

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            var (compress, compressNow) = CompressionMode(agreed.CompressionServerToClient);
            bool extInfo = first && _clientWantsExtInfo;
            await _packets.WriteNewKeysAsync(new[] { MessageNumbers.NewKeys }, encrypt, compress, compressNow, _strictKex, flush: !extInfo, cancellationToken);
            if (extInfo)
            {
                await _packets.WriteAsync(new ServerSignatureAlgorithmsMessage(_settings.ServerSignatureAlgorithms).ToPayload(), cancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }

        var newKeys = await ReadKexMessageAsync(cancellationToken);
        if (newKeys.Span[0] != MessageNumbers.NewKeys || newKeys.Length != 1)
        {
            decrypt.Dispose();
            throw new SshDisconnectException(DisconnectReason.ProtocolError, $"expected NEWKEYS, got message {newKeys.Span[0]}");
        }

        var (decompress, decompressNow) = CompressionMode(agreed.CompressionClientToServer);
        _packets.SetReadKeys(decrypt, decompress, decompressNow, _strictKex);
        Algorithms = agreed;
        _firstKexDone = true;
        await FinishKexAsync(cancellationToken);
        if (!first)
        {
            LogRekey(_logger, agreed.KeyExchange, "done");
        }

        _rekeyTimer?.Change(RekeyInterval, Timeout.InfiniteTimeSpan);
    }

    private (bool Compress, bool Now) CompressionMode(string name) => name switch
    {
        CompressionTable.Zlib => (true, true),
        CompressionTable.DelayedZlib => (true, _authenticated),
        _ => (false, false),
    };

    /// <summary>Sends the payloads held during the exchange, in order, then lets writers through again.</summary>
    private async ValueTask FinishKexAsync(CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            _ourKexInit = null;
            while (true)
            {
                (byte[] Buffer, int Length) item;
                lock (_stateLock)
                {
                    if (!_held.TryDequeue(out item))
                    {
                        _kexInProgress = false;
                        _heldBytes = 0;
                        _kexFinished?.TrySetResult();
                        _kexFinished = null;
                        return;
                    }

                    _heldBytes -= item.Length;
                }

                try
                {
                    await _packets.WriteAsync(item.Buffer.AsMemory(0, item.Length), cancellationToken);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(item.Buffer);
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Next message during a key exchange. Generic messages are skipped, except during a strict initial exchange,
    /// where anything but the exchange itself is fatal. Upper-layer messages during a re-exchange break RFC 4253 7.1,
    /// but clients that send from several threads (SSH.NET) race their own KEXINIT with channel data; like OpenSSH,
    /// which leaves the connection protocol's handlers in place while rekeying, they are kept and delivered after it.
    /// </summary>
    private async ValueTask<ReadOnlyMemory<byte>> ReadKexMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _packets.ReadAsync(cancellationToken);
            var number = payload.Span[0];
            if (number == MessageNumbers.Disconnect)
            {
                throw PeerDisconnected(payload.Span);
            }

            if (number is MessageNumbers.NewKeys or (>= 30 and <= 49))
            {
                return payload;
            }

            if (_strictKex && !_firstKexDone)
            {
                throw new SshDisconnectException(DisconnectReason.ProtocolError, $"strict KEX violation: unexpected message {number} during the initial key exchange");
            }

            if (number is MessageNumbers.Ignore or MessageNumbers.Debug or MessageNumbers.Unimplemented)
            {
                continue;
            }

            if (_firstKexDone && number >= MessageNumbers.FirstUpperLayer)
            {
                KeepUntilKexEnds(payload);
                continue;
            }

            throw new SshDisconnectException(DisconnectReason.ProtocolError, $"message {number} is not allowed during key exchange");
        }
    }

    private async ValueTask WriteKexMessageAsync(ReadOnlyMemory<byte> payload, bool final, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            // The method's last message is held for NEWKEYS, which RunKexAsync writes right after it.
            await _packets.WriteAsync(payload, flush: !final, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private TimeSpan RekeyInterval => _settings.RekeyAfterTime > TimeSpan.Zero ? _settings.RekeyAfterTime : Timeout.InfiniteTimeSpan;

    private void StartRekeyTimer()
    {
        if (RekeyInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _rekeyTimer = _settings.TimeProvider.CreateTimer(static state => ((SshTransport)state!).OnRekeyTimer(), this, RekeyInterval, Timeout.InfiniteTimeSpan);
    }

    private async void OnRekeyTimer()
    {
        try
        {
            await StartKexAsync(_lifetime.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SshDisconnectException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            LogRekeyFailed(_logger, e.Message);
        }
    }

    /// <summary>Derives the keys of one exchange (RFC 4253 7.2) and builds a direction's cipher.</summary>
    private sealed class KeyMaterial(KexResult result, ReadOnlySpan<byte> sessionId)
    {
        private readonly byte[] _sessionId = sessionId.ToArray();

        public IPacketCipher Build(string cipherName, string macName, char ivLetter, char keyLetter, char macLetter, bool encrypt)
        {
            var cipher = CipherTable.ByName[cipherName];
            var iv = Derive(ivLetter, cipher.IvLength);
            var key = Derive(keyLetter, cipher.KeyLength);
            HmacAlgorithm? mac = null;
            if (!cipher.IsAead)
            {
                var macInfo = MacTable.ByName[macName];
                mac = macInfo.Create(Derive(macLetter, macInfo.KeyLength));
            }

            return cipher.Create(key, iv, encrypt, mac);
        }

        private byte[] Derive(char letter, int length) =>
            length == 0 ? [] : KeyDerivation.Derive(result.Hash, result.SharedSecret, result.ExchangeHash, letter, _sessionId, length);
    }

    /// <summary>Upper-layer payload that arrived during a re-exchange, bounded like the outgoing queue.</summary>
    private void KeepUntilKexEnds(ReadOnlyMemory<byte> payload)
    {
        if (_receivedDuringKexBytes + payload.Length > _settings.MaxQueuedBytesDuringRekey)
        {
            throw new SshDisconnectException(DisconnectReason.ProtocolError, "too much data sent during key exchange");
        }

        // A copy: the packet buffer is reused by the next read. Rare, so not pooled.
        _receivedDuringKex.Enqueue(payload.ToArray());
        _receivedDuringKexBytes += payload.Length;
    }

    /// <summary>The oldest payload kept during the last re-exchange, in arrival order.</summary>
    private bool TryTakeKeptPayload(out ReadOnlyMemory<byte> payload)
    {
        if (_receivedDuringKex.TryDequeue(out var kept))
        {
            _receivedDuringKexBytes -= kept.Length;
            payload = kept;
            return true;
        }

        payload = default;
        return false;
    }
}
