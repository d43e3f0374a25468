namespace Emulator.Ssh.Crypto;

/// <summary>
/// Protection of one direction of the binary packet protocol (RFC 4253 6): the cipher and MAC (or an AEAD)
/// applied to whole packets in place. A packet on the wire is <c>uint32 length || body || tag</c>;
/// the framing code never looks inside beyond what these members tell it.
/// </summary>
internal interface IPacketCipher : IDisposable
{
    /// <summary>Cipher block size, at least 8: the packet must be a multiple of it.</summary>
    int BlockSize { get; }

    /// <summary>Bytes after the packet: MAC or authentication tag.</summary>
    int TagLength { get; }

    /// <summary>True when the length field is encrypted with the body and counts toward block alignment
    /// (plain ciphers with encrypt-and-MAC); false for EtM MACs and AEADs, whose length is sent apart.</summary>
    bool AlignIncludesLength { get; }

    /// <summary>Bytes needed from the packet start to learn its length (4, or one block when the length is encrypted).</summary>
    int LengthFieldBytes { get; }

    /// <summary>
    /// True for CBC with an encrypt-and-MAC MAC, whose packet length is decrypted from unauthenticated ciphertext: how
    /// the reader reacts to it (a bad length at once, a good one after that many bytes) reveals plaintext bits
    /// (CVE-2008-5161). The reader then answers every framing or MAC error alike, after the same number of bytes.
    /// </summary>
    bool HidesFramingErrors { get; }

    /// <summary>Reads packet_length from the first <see cref="LengthFieldBytes"/> bytes without changing cipher state.</summary>
    uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> head);

    /// <summary>Verifies and decrypts <c>length || body || tag</c> in place; afterwards bytes 0..4+length are plaintext.
    /// Throws <see cref="Transport.SshDisconnectException"/> (MacError) when authentication fails.</summary>
    void Open(uint sequenceNumber, Span<byte> packet);

    /// <summary>Encrypts the plaintext <c>length || body</c> in place and writes the tag into the last <see cref="TagLength"/> bytes.</summary>
    void Seal(uint sequenceNumber, Span<byte> packet);

    /// <summary>
    /// Called periodically from another thread while the connection lives: a cipher holding native state that it can
    /// rebuild from its key lets that state go when no packet used it since the previous call, and rebuilds it on the
    /// next packet. True when something was released. Never blocks.
    /// </summary>
    bool ReleaseIfIdle() => false;
}

/// <summary>The "none" cipher before the first NEWKEYS: no encryption, no MAC, 8-byte alignment.</summary>
internal sealed class NoneCipher : IPacketCipher
{
    public static readonly NoneCipher Instance = new();

    public int BlockSize => 8;

    public int TagLength => 0;

    public bool AlignIncludesLength => true;

    public int LengthFieldBytes => 4;

    public bool HidesFramingErrors => false;

    public uint DecryptLength(uint sequenceNumber, ReadOnlySpan<byte> head) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head);

    public void Open(uint sequenceNumber, Span<byte> packet)
    {
    }

    public void Seal(uint sequenceNumber, Span<byte> packet)
    {
    }

    public void Dispose()
    {
    }
}
