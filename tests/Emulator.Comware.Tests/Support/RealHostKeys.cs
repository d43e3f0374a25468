using System.Globalization;
using System.Security.Cryptography;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Tests.Support;

/// <summary>Host keys that are real keys, for <see cref="FakeDeviceServices"/> in tests that display them.</summary>
public static class RealHostKeys
{
    public static Func<string, int, HostKeyInfo> CreatedAt(DateTimeOffset created) => (kind, bits) =>
    {
        byte[] der;
        string type;
        if (kind == "ecdsa")
        {
            using var ecdsa = ECDsa.Create(bits switch { 384 => ECCurve.NamedCurves.nistP384, 521 => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 });
            der = ecdsa.ExportSubjectPublicKeyInfo();
            type = "ecdsa-sha2-nistp" + bits.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            using var rsa = RSA.Create(bits);
            der = rsa.ExportSubjectPublicKeyInfo();
            type = "ssh-rsa";
        }

        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out _, out _));
        return new HostKeyInfo(kind, type, bits, blob, created);
    };
}
