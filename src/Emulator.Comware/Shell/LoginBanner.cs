using Emulator.Comware.Engine;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Shell;

/// <summary>What a shell login prints before the first prompt: the copyright box and the <c>header</c> banners.</summary>
internal static class LoginBanner
{
    /// <summary>§1.3/§1.4: blank line, the 78-column copyright box, a blank line (V5 adds NULs).</summary>
    public static void WriteCopyright(TerminalWriter writer, DialectSettings dialect, DeviceFacts facts)
    {
        var nul = dialect.NulAroundBanner ? "\0" : "";
        var border = new string('*', 78);
        writer.Line();
        writer.Raw(nul);
        writer.Line(border);
        writer.Line(BannerLine($"Copyright (c) {facts.CopyrightYears} {dialect.CopyrightHolder} All rights reserved."));
        writer.Line(BannerLine("Without the owner's prior written consent,"));
        writer.Line(BannerLine("no decompiling or reverse-engineering shall be allowed."));
        writer.Line(border);
        writer.Line();
    }

    /// <summary>
    /// The <c>header</c> banners of a shell login: legal (with its question; N ends the session), motd, shell.
    /// <paramref name="headers"/> is a copy taken under the lock: the question waits on the user.
    /// Returns false when the user declined the legal banner.
    /// </summary>
    public static async ValueTask<bool> WriteHeadersAsync(TerminalIo io, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var writer = io.Writer;
        if (headers.TryGetValue("legal", out var legal))
        {
            writer.Text(legal);
            writer.Line();
            writer.Raw("Press Y or ENTER to continue, N to exit.");
            while (true)
            {
                var key = await io.ReadKeyAsync(cancellationToken);
                if (key is null || key is { Kind: KeyKind.Printable, Character: 'n' or 'N' })
                {
                    writer.Line();
                    return false;
                }

                if (key is { Kind: KeyKind.Enter } or { Kind: KeyKind.Printable, Character: 'y' or 'Y' })
                {
                    writer.Line();
                    break;
                }
            }
        }

        foreach (var kind in (string[])["motd", "shell"])
        {
            if (headers.TryGetValue(kind, out var text))
            {
                writer.Text(text);
                writer.Line();
            }
        }

        return true;
    }

    private static string BannerLine(string text) => ("* " + text).PadRight(77) + "*";
}
