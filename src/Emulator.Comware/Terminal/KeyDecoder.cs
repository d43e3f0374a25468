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
    private readonly List<byte> _pending = [];
    private bool _afterCr;

    public void Decode(ReadOnlySpan<byte> input, List<Key> keys)
    {
        foreach (var b in input)
        {
            if (_pending.Count > 0)
            {
                _pending.Add(b);
                TryCompleteEscape(keys);
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
                    _pending.Add(b);
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

    private void TryCompleteEscape(List<Key> keys)
    {
        // _pending starts with ESC.
        if (_pending.Count == 2)
        {
            var second = _pending[1];
            if (second is (byte)'[' or (byte)'O')
            {
                return;
            }

            _pending.Clear();
            if (second is >= 0x20 and < 0x7F)
            {
                keys.Add(new Key(KeyKind.Meta, char.ToLowerInvariant((char)second)));
            }

            return;
        }

        var last = _pending[^1];
        var isFinal = last is >= 0x40 and <= 0x7E;
        if (!isFinal && _pending.Count < 16)
        {
            return;
        }

        var introducer = _pending[1];
        var parameters = System.Text.Encoding.ASCII.GetString([.. _pending.Skip(2).Take(_pending.Count - 3)]);
        _pending.Clear();
        if (!isFinal)
        {
            return;
        }

        Key? key = (char)last switch
        {
            'A' => new Key(KeyKind.Up),
            'B' => new Key(KeyKind.Down),
            'C' => new Key(KeyKind.Right),
            'D' => new Key(KeyKind.Left),
            'H' => new Key(KeyKind.Home),
            'F' => new Key(KeyKind.End),
            '~' when introducer == '[' => parameters switch
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
        if (key is { } k)
        {
            keys.Add(k);
        }
    }
}
