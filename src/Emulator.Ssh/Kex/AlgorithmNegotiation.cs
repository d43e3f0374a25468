using Emulator.Ssh.Transport;

namespace Emulator.Ssh.Kex;

/// <summary>The algorithms agreed for one key exchange; MAC names are "&lt;implicit&gt;" with an AEAD cipher.</summary>
public sealed record NegotiatedAlgorithms(
    string KeyExchange,
    string HostKey,
    string CipherClientToServer,
    string CipherServerToClient,
    string MacClientToServer,
    string MacServerToClient,
    string CompressionClientToServer,
    string CompressionServerToClient);

/// <summary>RFC 4253 7.1 algorithm negotiation as a pure function: for each list, the first client algorithm the server also offers wins.</summary>
internal static class AlgorithmNegotiation
{
    public const string ImplicitMac = "<implicit>";

    /// <summary>Agrees on every algorithm; throws <see cref="SshDisconnectException"/> (KeyExchangeFailed) naming the list without a match.</summary>
    /// <param name="isAead">Whether a cipher name is an AEAD, whose MAC is implicit (no MAC list match needed).</param>
    public static NegotiatedAlgorithms Negotiate(KexInitMessage client, KexInitMessage server, Func<string, bool> isAead)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(isAead);
        var kex = Choose("key exchange", client.KeyExchange, server.KeyExchange.Where(n => !KexTable.IsPseudoAlgorithm(n)).ToList());
        var hostKey = Choose("host key", client.HostKey, server.HostKey);
        var cipherCs = Choose("client to server cipher", client.CiphersClientToServer, server.CiphersClientToServer);
        var cipherSc = Choose("server to client cipher", client.CiphersServerToClient, server.CiphersServerToClient);
        var macCs = isAead(cipherCs) ? ImplicitMac : Choose("client to server MAC", client.MacsClientToServer, server.MacsClientToServer);
        var macSc = isAead(cipherSc) ? ImplicitMac : Choose("server to client MAC", client.MacsServerToClient, server.MacsServerToClient);
        var compCs = Choose("client to server compression", client.CompressionClientToServer, server.CompressionClientToServer);
        var compSc = Choose("server to client compression", client.CompressionServerToClient, server.CompressionServerToClient);
        return new NegotiatedAlgorithms(kex, hostKey, cipherCs, cipherSc, macCs, macSc, compCs, compSc);
    }

    /// <summary>
    /// The first entry of <paramref name="client"/> that <paramref name="server"/> contains, as the server's own string:
    /// the client's copies, parsed from its KEXINIT, would otherwise be kept for as long as the connection lives
    /// (about 350 bytes per idle session).
    /// </summary>
    public static string Choose(string what, IReadOnlyList<string> client, IReadOnlyList<string> server)
    {
        foreach (var name in client)
        {
            for (var i = 0; i < server.Count; i++)
            {
                if (server[i] == name)
                {
                    return server[i];
                }
            }
        }

        throw new SshDisconnectException(DisconnectReason.KeyExchangeFailed,
            $"no matching {what} algorithm; client offers [{Describe(client)}], server offers [{Describe(server)}]");
    }

    /// <summary>Longest list text put into an error: a client list may be 256 KiB, which must reach neither logs nor the DISCONNECT.</summary>
    public const int MaxListTextLength = 400;

    private static string Describe(IReadOnlyList<string> names)
    {
        var text = string.Join(',', names);
        return text.Length <= MaxListTextLength
            ? LogText.Escape(text)
            : $"{LogText.Escape(text[..MaxListTextLength])}... ({names.Count} names)";
    }

    /// <summary>
    /// RFC 4253 7: a guessed first kex packet is right only when both sides' preferred (first) key exchange and host
    /// key algorithms are the same; otherwise the server must ignore it. That the client's first choice wins the
    /// negotiation is not enough: the client judges its guess by the two lists alone (OpenSSH kex.c proposals_match,
    /// Dropbear common-kex.c), so a server judging by the outcome processes a packet the client then sends again.
    /// </summary>
    public static bool GuessWasRight(KexInitMessage client, KexInitMessage server) =>
        client.KeyExchange.Count > 0 && client.HostKey.Count > 0 && server.KeyExchange.Count > 0 && server.HostKey.Count > 0
        && client.KeyExchange[0] == server.KeyExchange[0] && client.HostKey[0] == server.HostKey[0];
}
