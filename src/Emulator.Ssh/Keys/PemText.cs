namespace Emulator.Ssh.Keys;

/// <summary>RFC 7468 text encoding: label lines around base64 in 64-column lines.</summary>
internal static class PemText
{
    public static string Encode(string label, ReadOnlySpan<byte> data) =>
        new string(System.Security.Cryptography.PemEncoding.Write(label, data)) + "\n";

    /// <summary>The first PEM block in <paramref name="text"/>: its label and decoded bytes.</summary>
    public static (string Label, byte[] Data) Decode(string text)
    {
        if (!System.Security.Cryptography.PemEncoding.TryFind(text, out var fields))
        {
            throw new FormatException("no PEM block found");
        }

        var label = text[fields.Label];
        var data = Convert.FromBase64String(text[fields.Base64Data]);
        return (label, data);
    }
}
