using System.Text;
using Emulator.Comware.Terminal;

namespace Emulator.Comware.Tests.Terminal;

public class KeyDecoderTests
{
    private static List<Key> Decode(params string[] chunks)
    {
        var decoder = new KeyDecoder();
        var keys = new List<Key>();
        foreach (var chunk in chunks)
        {
            decoder.Decode(Encoding.Latin1.GetBytes(chunk), keys);
        }

        return keys;
    }

    [Theory]
    [InlineData("\r", 1)]
    [InlineData("\n", 1)]
    [InlineData("\r\n", 1)]
    [InlineData("\r\0", 1)]
    [InlineData("\r\r", 2)]
    [InlineData("\n\n", 2)]
    [InlineData("\r\n\r\n", 2)]
    public void Line_endings_of_every_client_give_one_enter_each(string input, int enters) =>
        Assert.Equal(Enumerable.Repeat(new Key(KeyKind.Enter), enters), Decode(input));

    [Theory]
    [InlineData("\u001b[A", KeyKind.Up)]
    [InlineData("\u001b[B", KeyKind.Down)]
    [InlineData("\u001b[C", KeyKind.Right)]
    [InlineData("\u001b[D", KeyKind.Left)]
    [InlineData("\u001bOA", KeyKind.Up)]
    [InlineData("\u001b[H", KeyKind.Home)]
    [InlineData("\u001b[F", KeyKind.End)]
    [InlineData("\u001b[1~", KeyKind.Home)]
    [InlineData("\u001b[4~", KeyKind.End)]
    [InlineData("\u001b[3~", KeyKind.Delete)]
    [InlineData("\u001b[5~", KeyKind.PageUp)]
    [InlineData("\u001b[6~", KeyKind.PageDown)]
    [InlineData("\x7f", KeyKind.Backspace)]
    [InlineData("\b", KeyKind.Backspace)]
    [InlineData("\t", KeyKind.Tab)]
    public void Special_keys_decode(string input, KeyKind kind) => Assert.Equal([new Key(kind)], Decode(input));

    [Fact]
    public void Sequences_split_at_every_boundary_decode_the_same()
    {
        const string input = "ab\u001b[A\r\n\u001b[3~c\u001bb\r\0x\u001b[1;5Cz";
        var whole = Decode(input);
        for (var split = 1; split < input.Length; split++)
        {
            Assert.Equal(whole, Decode(input[..split], input[split..]));
        }

        Assert.Equal(whole, Decode([.. input.Select(c => c.ToString())]));
        Assert.Equal([new Key(KeyKind.Printable, 'a'), new Key(KeyKind.Printable, 'b'), new Key(KeyKind.Up), new Key(KeyKind.Enter),
            new Key(KeyKind.Delete), new Key(KeyKind.Printable, 'c'), new Key(KeyKind.Meta, 'b'), new Key(KeyKind.Enter),
            new Key(KeyKind.Printable, 'x'), new Key(KeyKind.Right), new Key(KeyKind.Printable, 'z')], whole);
    }

    [Fact]
    public void Control_keys_and_non_ascii_bytes()
    {
        Assert.Equal([Key.Ctrl('A'), Key.Ctrl('Z'), new Key(KeyKind.Printable, 'q')], Decode("\u0001\u001a\u00e9q"));
        Assert.True(Key.Ctrl('c').IsCtrl('C'));
    }

    [Fact]
    public void Unknown_or_overlong_sequences_are_dropped_without_eating_later_keys()
    {
        Assert.Equal([new Key(KeyKind.Printable, 'x')], Decode("\u001b[99~x"));
        Assert.Equal([new Key(KeyKind.Printable, 'y')], Decode("\u001b[" + new string('1', 40) + "~y"));
    }
}
