using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

/// <summary>
/// Issue 19: golden transcripts of the local key pair dialogs and displays (create / replace / destroy of rsa, dsa and,
/// on V7, ecdsa; <c>display public-key local … public</c>; <c>display ssh server status</c>). Key codes are random, so
/// the golden text has <c>&lt;key code&gt;</c> where they are and the test checks each code decodes to the right key
/// type and size. Sources: PublicKeyGolden/SOURCES.md. <c>UPDATE_TRANSCRIPTS=1</c> rewrites the golden files.
/// </summary>
public partial class PublicKeyLocalTranscriptTests
{
    private static readonly DateTimeOffset _created = new(2011, 5, 12, 15, 40, 48, TimeSpan.Zero);

    [GeneratedRegex(@"^(?<indent> *)(?<hex>[0-9A-F]{8,})\n", RegexOptions.Multiline)]
    private static partial Regex KeyCodeLine();

    public static TheoryData<string> Dialects() => ["V5", "V7"];

    private static string Script(ComwareDialect dialect) => dialect == ComwareDialect.V5
        ? "system-view\r"
          + "public-key local create rsa\r\r"
          + "public-key local create dsa\r\r"
          + "public-key local create dsa\ry\r2048\r"
          + "display public-key local rsa public\r"
          + "display public-key local dsa public\r"
          + "display ssh server status\r"
          + "public-key local destroy dsa\ry\r"
          + "display public-key local dsa public\r"
          + "public-key local destroy dsa\r"
          + "quit\rquit\r"
        : "system-view\r"
          + "public-key local create rsa\r\r"
          + "public-key local create dsa\r\r"
          + "public-key local create ecdsa secp384r1\r"
          + "display public-key local rsa public\r"
          + "display public-key local dsa public\r"
          + "display public-key local ecdsa public\r"
          + "display ssh server status\r"
          + "public-key local destroy ecdsa\ry\r"
          + "display public-key local ecdsa public\r"
          + "public-key local destroy ecdsa\r"
          + "quit\rquit\r";

    [Theory]
    [MemberData(nameof(Dialects))]
    public async Task Public_key_local_dialogs_and_displays_match_the_golden_transcript(string dialectName)
    {
        var dialect = Enum.Parse<ComwareDialect>(dialectName);
        var services = new FakeDeviceServices(CreateKey);
        using var device = new ComwareDevice(TestDevices.DisplayFacts(dialect), services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
        var output = (await ShellDriver.RunAsync(device, Script(dialect))).Replace("\r", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal);

        // Every displayed key code is the DER of a key the device holds (V7 splits it over indented lines).
        var codes = KeyCodeLine().Matches(output).Select(m => m.Groups["hex"].Value).ToList();
        Assert.NotEmpty(codes);
        var golden = KeyCodeLine().Replace(output, m => m.Groups["indent"].Value + "<key code>\n");
        golden = Regex.Replace(golden, @"(   <key code>\n)+", "   <key code>\n");

        var path = Path.Combine(Folder(), $"public-key-local-{dialectName}.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_TRANSCRIPTS") == "1")
        {
            await File.WriteAllTextAsync(path, golden, TestContext.Current.CancellationToken);
        }

        Assert.Equal(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), golden);
        Assert.All(services.List(), key => Assert.True(PublicKeyCodec.TrySshBlobToDer(key.PublicKeyBlob.Span, out _)));
        AssertKeyCodesDecode(dialect, output, services.List());
    }

    /// <summary>The hex of each display block decodes to the key of that kind the device holds.</summary>
    private static void AssertKeyCodesDecode(ComwareDialect dialect, string output, IReadOnlyList<HostKeyInfo> held)
    {
        var hex = string.Concat(KeyCodeLine().Matches(output).Select(m => m.Groups["hex"].Value));
        foreach (var key in held)
        {
            Assert.True(PublicKeyCodec.TrySshBlobToDer(key.PublicKeyBlob.Span, out var der));
            Assert.Contains(Convert.ToHexString(der), hex, StringComparison.Ordinal);
            Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out _, out var type, out var bits));
            Assert.Equal(key.KeyType, type);
            Assert.Equal(key.Bits, bits);
        }

        string[] expected = dialect == ComwareDialect.V5 ? ["rsa"] : ["dsa", "rsa"];
        Assert.Equal(expected, held.Select(k => k.Kind).Order(StringComparer.Ordinal));
    }

    /// <summary>Real keys of each kind (DSA is always 1024 bits in SSH, whatever the dialog was told).</summary>
    private static HostKeyInfo CreateKey(string kind, int bits)
    {
        byte[] der;
        string type;
        switch (kind)
        {
            case "ecdsa":
                using (var ecdsa = ECDsa.Create(bits switch { 384 => ECCurve.NamedCurves.nistP384, 521 => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 }))
                {
                    der = ecdsa.ExportSubjectPublicKeyInfo();
                }

                type = "ecdsa-sha2-nistp" + bits.ToString(CultureInfo.InvariantCulture);
                break;
            case "dsa":
                using (var dsa = DSA.Create(1024))
                {
                    der = dsa.ExportSubjectPublicKeyInfo();
                }

                type = "ssh-dss";
                bits = 1024;
                break;
            default:
                using (var rsa = RSA.Create(bits))
                {
                    der = rsa.ExportSubjectPublicKeyInfo();
                }

                type = "ssh-rsa";
                break;
        }

        Assert.True(PublicKeyCodec.TryDerToSshBlob(der, out var blob, out _, out _));
        return new HostKeyInfo(kind, type, bits, blob, _created);
    }

    private static string Folder([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "PublicKeyGolden");
}
