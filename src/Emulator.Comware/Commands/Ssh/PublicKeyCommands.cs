using System.Globalization;
using System.Text;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;

namespace Emulator.Comware.Commands.Ssh;

/// <summary>Hex digits typed in a public key view, collected until the key is saved.</summary>
internal sealed class PendingPeerKey(string name)
{
    public string Name { get; } = name;

    public StringBuilder Hex { get; } = new();
}

/// <summary>A line of key data: hex digits, spaces allowed between them.</summary>
internal sealed class HexDataParameter : ParameterType
{
    public override ParameterMatch Match(string token, ParameterContext context) =>
        token.Length > 0 && token.All(c => char.IsAsciiHexDigit(c) || c == ' ') && token.Any(char.IsAsciiHexDigit)
            ? ParameterMatch.Of(token.Replace(" ", "", StringComparison.Ordinal))
            : ParameterMatch.No;

    public override string Label(ComwareDialect dialect) => "STRING";

    public override bool ConsumesRestOfLine => true;

    public override bool IsKeywordLike => true;
}

/// <summary>
/// Local key pairs (<c>public-key local create|destroy</c>, <c>display public-key local … public</c>) and peer keys
/// (<c>public-key peer</c> view, <c>public-key-code begin|end</c>, <c>peer-public-key end</c>, <c>display public-key peer</c>).
/// </summary>
internal static class PublicKeyCommands
{
    public const string PeerView = "pkey-public-key";
    public const string V7PeerView = "pkey-public-key-v7";
    public const string KeyCodeView = "pkey-key-code";

    public static void Register(CommandRegistry r)
    {
        r.ParameterTypes.Add("HEXDATA", new HexDataParameter());
        r.AddKeywordHelp("public-key", "Public key configuration commands");
        r.AddView(new ViewDefinition(PeerView, ViewIds.System, "[{0}-pkey-public-key]", "Public key view commands:") { Dialects = Dialects.V5 });
        r.AddView(new ViewDefinition(V7PeerView, ViewIds.System, "[{0}-pkey-public-key-{1}]", "Public key view commands:") { Dialects = Dialects.V7 });
        r.AddView(new ViewDefinition(KeyCodeView, PeerView, "[{0}-pkey-key-code]", "Public key code view commands:") { FallbackToParent = false });

        r.Add(new CommandDefinition
        {
            Syntax = "public-key local create { rsa | dsa }",
            Help = ["", "Local key pair", "Create a local key pair", "RSA key pair", "DSA key pair"],
            Dialects = Dialects.V5,
            Level = Levels.Manage,
            Handler = CreateLocal,
        });
        r.Add(new CommandDefinition
        {
            Syntax = "public-key local create { rsa | dsa | ecdsa [ secp256r1 | secp384r1 | secp521r1 ] }",
            Help = ["", "Local key pair", "Create a local key pair", "RSA key pair", "DSA key pair", "ECDSA key pair",
                "Curve secp256r1", "Curve secp384r1", "Curve secp521r1"],
            Dialects = Dialects.V7,
            Level = Levels.Manage,
            Handler = CreateLocal,
        });
        r.Add(new CommandDefinition
        {
            Syntax = "public-key local destroy { rsa | dsa | ecdsa }",
            Help = ["", "Local key pair", "Destroy a local key pair", "RSA key pair", "DSA key pair", "ECDSA key pair"],
            Level = Levels.Manage,
            Handler = DestroyLocal,
        });
        r.Add(new CommandDefinition
        {
            Syntax = "display public-key local { rsa | dsa | ecdsa } public",
            Help = ["", "Public key information", "Local key pair", "RSA key pair", "DSA key pair", "ECDSA key pair", "Public key of the key pair"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = ctx =>
            {
                var kind = Kind(ctx);
                var keys = ctx.Device.Services.HostKeys.List().Where(k => k.Kind == kind);
                ctx.Write(SshDisplays.LocalPublicKeys(ctx.Dialect, keys, ctx.Device.GetState<ManagementState>().ClockOffset));
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "display public-key peer [ brief | name name:STRING<1-64> ]",
            Help = ["", "Public key information", "Peer public key", "Brief information", "Specify a peer public key", "Peer public key name"],
            Views = [ViewIds.Any],
            Level = Levels.Monitor,
            Handler = DisplayPeer,
        });

        r.Add(new CommandDefinition
        {
            Syntax = "public-key peer name:STRING<1-64>",
            Help = ["", "Peer public key", "Peer public key name"],
            Level = Levels.Manage,
            UndoSyntax = "public-key peer name:STRING<1-64>",
            UndoHelp = ["", "Peer public key", "Peer public key name"],
            Handler = EnterPeer,
        });
        r.Add(new CommandDefinition
        {
            Syntax = "public-key-code begin",
            Help = ["Public key code", "Enter the public key code view"],
            Views = [PeerView, V7PeerView],
            Level = Levels.Manage,
            Handler = ctx =>
            {
                ctx.EnterView(KeyCodeView, "", ctx.View.State);
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "public-key-code end",
            Help = ["Public key code", "Exit the public key code view"],
            Views = [KeyCodeView],
            Level = Levels.Manage,
            Handler = ctx =>
            {
                ctx.ExitView();
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "data:HEXDATA",
            Help = ["Public key data"],
            Views = [KeyCodeView, V7PeerView],
            Level = Levels.Manage,
            Hidden = true,
            Handler = ctx =>
            {
                ((PendingPeerKey)ctx.View.State!).Hex.Append(ctx.Args.GetString("data"));
                return ValueTask.CompletedTask;
            },
        });
        r.Add(new CommandDefinition
        {
            Syntax = "peer-public-key end",
            Help = ["Exit the public key view", "End the public key configuration"],
            Views = [PeerView, V7PeerView, KeyCodeView],
            Level = Levels.Manage,
            Handler = SavePeer,
        });
    }

    private static string Kind(CommandContext ctx) => ctx.Args.Has("dsa") ? "dsa" : ctx.Args.Has("ecdsa") ? "ecdsa" : "rsa";

    private static async ValueTask CreateLocal(CommandContext ctx)
    {
        var kind = Kind(ctx);
        var v5 = ctx.Dialect == ComwareDialect.V5;
        var hostKeys = ctx.Device.Services.HostKeys;
        if (hostKeys.List().Any(k => k.Kind == kind)
            && !await ctx.ConfirmAsync(v5 ? "Warning: The local key pair already exist.\n Confirm to replace them? [Y/N]:" : "The local key pair already exists.\nConfirm to replace it? [Y/N]:"))
        {
            return;
        }

        int bits;
        if (kind == "ecdsa")
        {
            bits = ctx.Args.Has("secp521r1") ? 521 : ctx.Args.Has("secp384r1") ? 384 : 256;
        }
        else
        {
            var max = kind == "rsa" && !v5 ? 4096 : 2048;
            if (v5)
            {
                ctx.WriteLine($"The range of public key size is (512 ~ {max}).");
                ctx.WriteLine("NOTES: If the key modulus is greater than 512,");
                ctx.WriteLine("       It will take a few minutes.");
            }
            else
            {
                ctx.WriteLine($"The range of public key modulus is (512 ~ {max}).");
                ctx.WriteLine("If the key modulus is greater than 512, it will take a few minutes.");
                ctx.WriteLine("Press CTRL+C to abort.");
            }

            var prompt = v5 ? "Input the bits in the modulus[default = 1024]:" : "Input the modulus length [default = 1024]:";
            while (true)
            {
                var answer = await ctx.ReadLineAsync(prompt);
                if (answer is null)
                {
                    return;
                }

                answer = answer.Trim();
                if (answer.Length == 0)
                {
                    bits = 1024;
                    break;
                }

                if (int.TryParse(answer, NumberStyles.None, CultureInfo.InvariantCulture, out bits) && bits >= 512 && bits <= max)
                {
                    break;
                }
            }
        }

        ctx.WriteLine(v5 ? "Generating keys..." : "Generating Keys...");
        await hostKeys.CreateAsync(kind, bits, ctx.CancellationToken);
        if (v5)
        {
            // Comware V5 prints OpenSSL-style progress while generating the primes.
            ctx.WriteLine("..............++++++");
            ctx.WriteLine(".....++++++");
            ctx.WriteLine(".......++++++++");
            ctx.WriteLine("..++++++++");
        }
        else
        {
            ctx.WriteLine("Create the key pair successfully.");
        }
    }

    private static async ValueTask DestroyLocal(CommandContext ctx)
    {
        var kind = Kind(ctx);
        var v5 = ctx.Dialect == ComwareDialect.V5;
        var hostKeys = ctx.Device.Services.HostKeys;
        if (!hostKeys.List().Any(k => k.Kind == kind))
        {
            ctx.Fail(v5 ? "% The local key pair does not exist." : "The local key pair doesn't exist.");
            return;
        }

        if (await ctx.ConfirmAsync(v5 ? "Warning: Confirm to destroy these keys? [Y/N]:" : "Confirm to destroy the key pair? [Y/N]:"))
        {
            await hostKeys.DestroyAsync(kind, ctx.CancellationToken);
        }
    }

    private static ValueTask EnterPeer(CommandContext ctx)
    {
        var name = ctx.Args.GetString("name");
        if (ctx.IsUndo)
        {
            ctx.Device.GetState<ManagementState>().Update(s => s with { PeerKeys = s.PeerKeys.Remove(name) });
            return ValueTask.CompletedTask;
        }

        if (ctx.Dialect == ComwareDialect.V5)
        {
            ctx.EnterView(PeerView, "", new PendingPeerKey(name));
        }
        else
        {
            ctx.WriteLine("Enter public key view. Return to system view with \"peer-public-key end\" command.");
            ctx.EnterView(V7PeerView, name, new PendingPeerKey(name));
        }

        return ValueTask.CompletedTask;
    }

    private static ValueTask SavePeer(CommandContext ctx)
    {
        var pending = (PendingPeerKey)ctx.View.State!;
        var hex = pending.Hex.ToString();
        byte[]? der = null;
        if (hex.Length % 2 == 0 && hex.Length > 0)
        {
            der = Convert.FromHexString(hex);
        }

        if (der is null || !PublicKeyCodec.TryDerToSshBlob(der, out _, out _, out _))
        {
            ctx.ReturnToUserView();
            ctx.EnterView(ViewIds.System);
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The public key is invalid." : "The public key is invalid.");
            return ValueTask.CompletedTask;
        }

        ctx.Device.GetState<ManagementState>().Update(s => s with { PeerKeys = s.PeerKeys.SetItem(pending.Name, new PeerPublicKey(pending.Name, [.. der])) });
        ctx.ReturnToUserView();
        ctx.EnterView(ViewIds.System);
        return ValueTask.CompletedTask;
    }

    private static ValueTask DisplayPeer(CommandContext ctx)
    {
        var keys = ctx.Device.GetState<ManagementState>().Current.PeerKeys;
        var name = ctx.Args.GetStringOrNull("name");
        if (name is not null && !keys.ContainsKey(name))
        {
            ctx.Fail(ctx.Dialect == ComwareDialect.V5 ? "% The public key does not exist." : "The public key doesn't exist.");
            return ValueTask.CompletedTask;
        }

        if (ctx.Args.Has("brief"))
        {
            var sb = new StringBuilder();
            sb.Append(" Type     Modulus  Name\n");
            sb.Append(" ---------------------------\n");
            foreach (var key in keys.Values)
            {
                PublicKeyCodec.TryDerToSshBlob(key.Der.AsSpan(), out _, out var type, out var bits);
                var kind = type == "ssh-dss" ? "DSA" : type.StartsWith("ecdsa", StringComparison.Ordinal) ? "ECDSA" : "RSA";
                sb.Append(' ').Append(kind.PadRight(9)).Append(bits.ToString(CultureInfo.InvariantCulture).PadRight(9)).Append(key.Name).Append('\n');
            }

            ctx.Write(sb.ToString());
            return ValueTask.CompletedTask;
        }

        ctx.Write(SshDisplays.PeerPublicKeys(ctx.Dialect, name is null ? keys.Values : [keys[name]]));
        return ValueTask.CompletedTask;
    }
}
