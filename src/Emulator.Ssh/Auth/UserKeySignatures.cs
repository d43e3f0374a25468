using Emulator.Ssh.Keys;

namespace Emulator.Ssh.Auth;

/// <summary>Verifies user-key signatures with the key implementations of Keys/.</summary>
internal static class UserKeySignatures
{
    public static bool Verify(string algorithm, ReadOnlySpan<byte> publicKeyBlob, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob)
    {
        SshPublicKey key;
        try
        {
            key = SshPublicKey.Parse(publicKeyBlob);
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Verify(algorithm, data, signatureBlob);
    }
}
