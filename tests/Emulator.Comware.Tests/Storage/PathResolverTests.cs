using Emulator.Comware.Storage;

namespace Emulator.Comware.Tests.Storage;

/// <summary>Every path a user, an SFTP client or the control API gives goes through one resolver: nothing gets outside the root.</summary>
public sealed class PathResolverTests
{
    private static readonly StoragePath Root = StoragePath.Root("flash");
    private static readonly StoragePath Sub = Root.Child("a").Child("b");

    [Theory]
    [InlineData("startup.cfg", "flash:/startup.cfg")]
    [InlineData("flash:/startup.cfg", "flash:/startup.cfg")]
    [InlineData("FLASH:/x/y.cfg", "flash:/x/y.cfg")]
    [InlineData("flash:x.cfg", "flash:/x.cfg")]
    [InlineData("/x.cfg", "flash:/x.cfg")]
    [InlineData("./x.cfg", "flash:/x.cfg")]
    [InlineData("x//y/./z", "flash:/x/y/z")]
    [InlineData("..", "flash:/")]
    [InlineData("../../../../etc/passwd", "flash:/etc/passwd")]
    [InlineData("/../../etc/shadow", "flash:/etc/shadow")]
    [InlineData("flash:/../../..", "flash:/")]
    [InlineData("a/../../b", "flash:/b")]
    [InlineData("....", "flash:/....")]
    public void Paths_resolve_inside_the_root(string input, string expected) =>
        Assert.Equal(expected, PathResolver.Resolve(input, "flash", Root).Display());

    [Theory]
    [InlineData("x.cfg", "flash:/a/b/x.cfg")]
    [InlineData("../x.cfg", "flash:/a/x.cfg")]
    [InlineData("../../../../x.cfg", "flash:/x.cfg")]
    [InlineData("/x.cfg", "flash:/x.cfg")]
    public void Relative_paths_start_at_the_working_directory(string input, string expected) =>
        Assert.Equal(expected, PathResolver.Resolve(input, "flash", Sub).Display());

    [Theory]
    [InlineData("")]
    [InlineData("cfa0:/x.cfg")]
    [InlineData("C:/Windows")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("..\\..\\etc\\passwd")]
    [InlineData("a\\b")]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\u001bb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    [InlineData("a*b")]
    [InlineData("a?b")]
    [InlineData("a|b")]
    [InlineData("a\"b")]
    [InlineData("a<b>")]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("slot1#flash:/x")]
    public void Bad_paths_are_refused(string input)
    {
        Assert.False(PathResolver.TryResolve(input, "flash", Root, out _));
        Assert.Throws<StorageException>(() => PathResolver.Resolve(input, "flash", Root));
    }

    [Fact]
    public void Names_longer_than_255_bytes_and_paths_deeper_than_32_are_refused()
    {
        Assert.True(PathResolver.TryResolve(new string('a', 255), "flash", Root, out _));
        Assert.False(PathResolver.TryResolve(new string('a', 256), "flash", Root, out _));
        Assert.False(PathResolver.TryResolve(string.Concat(Enumerable.Repeat("é", 128)), "flash", Root, out _));
        Assert.True(PathResolver.TryResolve(string.Join('/', Enumerable.Repeat("d", 32)), "flash", Root, out _));
        Assert.False(PathResolver.TryResolve(string.Join('/', Enumerable.Repeat("d", 33)), "flash", Root, out _));
        Assert.False(PathResolver.TryResolve(new string('/', 2000), "flash", Root, out _));
    }

    [Fact]
    public void A_lone_surrogate_is_refused() =>
        Assert.False(PathResolver.TryResolve("bad" + (char)0xD800 + "x", "flash", Root, out _));

    [Fact]
    public void Child_refuses_a_name_with_a_separator()
    {
        Assert.Throws<StorageException>(() => Root.Child("../x"));
        Assert.Throws<StorageException>(() => Root.Child("a/b"));
        Assert.Throws<StorageException>(() => Root.Child(".."));
    }
}
