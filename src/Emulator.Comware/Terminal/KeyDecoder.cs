namespace Emulator.Comware.Terminal;

public enum KeyKind
{
    /// <summary>A printable character (<see cref="Key.Character"/>).</summary>
    Printable,

    /// <summary>A control character 0x00-0x1F other than Enter/Tab/Backspace (<see cref="Key.Character"/> holds it).</summary>
    Control,
    Enter,
    Tab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,

    /// <summary>ESC followed by a character (Esc+B, Esc+F, Esc+D word commands); <see cref="Key.Character"/> is the character.</summary>
    Meta,
}

public readonly record struct Key(KeyKind Kind, char Character = '\0')
{
    public static Key Ctrl(char letter) => new(KeyKind.Control, (char)(char.ToUpperInvariant(letter) - '@'));

    public bool IsCtrl(char letter) => Kind == KeyKind.Control && Character == (char)(char.ToUpperInvariant(letter) - '@');

    public override string ToString() => Kind is KeyKind.Printable ? Character.ToString() : Kind is KeyKind.Control ? "^" + (char)(Character + '@') : Kind.ToString();
}

/// <summary>
/// Turns terminal input bytes into keys. Stateful: an escape sequence or a CR/LF pair split across chunks decodes the
/// same as in one chunk. CR, LF, CR LF and CR NUL are one Enter each. Bytes above 0x7F are ignored (the CLI is ASCII).
/// </summary>
public sealed class KeyDecoder
{
    private const int MaxParameters = 16;

    private readonly System.Text.StringBuilder _parameters = new();
    private EscapeState _state;
    private bool _afterCr;

    private enum EscapeState
    {
        None,

        /// <summary>After ESC.</summary>
        Escape,

        /// <summary>After ESC [: parameter bytes until a final byte.</summary>
        Csi,

        /// <summary>After ESC O: one final byte.</summary>
        Ss3,
    }

    public void Decode(ReadOnlySpan<byte> input, List<Key> keys)
    {
        foreach (var b in input)
        {
            if (_state != EscapeState.None && ContinueEscape(b, keys))
            {
                continue;
            }

            if (_afterCr)
            {
                _afterCr = false;
                if (b is (byte)'\n' or 0)
                {
                    continue;
                }
            }

            switch (b)
            {
                case (byte)'\r':
                    _afterCr = true;
                    keys.Add(new Key(KeyKind.Enter));
                    break;
                case (byte)'\n':
                    keys.Add(new Key(KeyKind.Enter));
                    break;
                case (byte)'\t':
                    keys.Add(new Key(KeyKind.Tab));
                    break;
                case 0x08 or 0x7F:
                    keys.Add(new Key(KeyKind.Backspace));
                    break;
                case 0x1B:
                    _state = EscapeState.Escape;
                    break;
                case < 0x20:
                    keys.Add(new Key(KeyKind.Control, (char)b));
                    break;
                case < 0x7F:
                    keys.Add(new Key(KeyKind.Printable, (char)b));
                    break;
            }
        }
    }

    /// <summary>Feeds one byte to a pending escape sequence; false when the byte ends it and must be decoded normally.</summary>
    private bool ContinueEscape(byte b, List<Key> keys)
    {
        switch (_state)
        {
            case EscapeState.Escape:
                _parameters.Clear();
                if (b is (byte)'[' or (byte)'O')
                {
                    _state = b == '[' ? EscapeState.Csi : EscapeState.Ss3;
                    return true;
                }

                _state = EscapeState.None;
                if (b is >= 0x20 and < 0x7F)
                {
                    keys.Add(new Key(KeyKind.Meta, char.ToLowerInvariant((char)b)));
                    return true;
                }

                return false;
            case EscapeState.Csi when b is >= 0x20 and <= 0x3F:
                if (_parameters.Length < MaxParameters)
                {
                    _parameters.Append((char)b);
                }

                return true;
            case EscapeState.Csi or EscapeState.Ss3 when b is >= 0x40 and <= 0x7E:
                _state = EscapeState.None;
                if (Final((char)b, _parameters.ToString()) is { } key)
                {
                    keys.Add(key);
                }

                return true;
            default:
                // A control byte inside a sequence aborts it and counts on its own.
                _state = EscapeState.None;
                return false;
        }
    }

    private static Key? Final(char final, string parameters) => final switch
    {
        'A' => new Key(KeyKind.Up),
        'B' => new Key(KeyKind.Down),
        'C' => new Key(KeyKind.Right),
        'D' => new Key(KeyKind.Left),
        'H' => new Key(KeyKind.Home),
        'F' => new Key(KeyKind.End),
        '~' => parameters switch
        {
            "1" or "7" => new Key(KeyKind.Home),
            "4" or "8" => new Key(KeyKind.End),
            "3" => new Key(KeyKind.Delete),
            "5" => new Key(KeyKind.PageUp),
            "6" => new Key(KeyKind.PageDown),
            _ => null,
        },
        _ => null,
    };
}
