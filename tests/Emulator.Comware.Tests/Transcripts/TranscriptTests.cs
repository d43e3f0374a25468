using System.Runtime.CompilerServices;
using System.Text;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Transcripts;

/// <summary>
/// Golden transcripts: every <c>Transcripts/&lt;V5|V7&gt;/NAME.in</c> is typed into a fresh device of that dialect and the
/// output must equal <c>NAME.out</c>. Set <c>UPDATE_TRANSCRIPTS=1</c> to (re)write the .out files, then review the diff.
/// </summary>
public class TranscriptTests
{
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Root(), "*.in", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root(), file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task Transcript_matches_golden_output(string name)
    {
        var (script, dialect) = Load(name);
        var actual = TranscriptFormat.EscapeOutput(await RunAsync(script, dialect, [Encoding.UTF8.GetBytes(script.Input)]));
        var expectedPath = Path.ChangeExtension(Path.Combine(Root(), name), ".out");
        if (Environment.GetEnvironmentVariable("UPDATE_TRANSCRIPTS") == "1")
        {
            await File.WriteAllTextAsync(expectedPath, actual, TestContext.Current.CancellationToken);
            return;
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; run with UPDATE_TRANSCRIPTS=1 and review it.");
        var expected = await File.ReadAllTextAsync(expectedPath, TestContext.Current.CancellationToken);
        Assert.Equal(expected, actual);
    }

    /// <summary>The same keystrokes split in two (at every boundary, see <see cref="SplitPoints"/>) or byte by byte give the same output.</summary>
    [Theory]
    [MemberData(nameof(All))]
    public async Task Transcript_output_does_not_depend_on_input_chunking(string name)
    {
        var (script, dialect) = Load(name);
        var bytes = Encoding.UTF8.GetBytes(script.Input);
        var whole = await RunAsync(script, dialect, [bytes]);
        foreach (var split in SplitPoints(bytes))
        {
            var parts = await RunAsync(script, dialect, [bytes[..split], bytes[split..]]);
            Assert.True(whole == parts, $"Output differs when the input is split at byte {split}.");
        }

        var single = await RunAsync(script, dialect, [.. bytes.Select(b => new[] { b })]);
        Assert.Equal(whole, single);
    }

    /// <summary>
    /// Every boundary of short inputs; for long ones every boundary next to a CR, Tab or inside an escape sequence
    /// (where decoding state lives) plus an even sample of the rest, so the suite stays fast as transcripts are added.
    /// </summary>
    private static IEnumerable<int> SplitPoints(byte[] bytes)
    {
        const int Budget = 150;
        var stride = Math.Max(1, bytes.Length / Budget);
        for (var split = 1; split < bytes.Length; split++)
        {
            // Splits next to a CR (CR LF pairs) or inside an escape sequence exercise the decoder's state.
            var nearControl = bytes[split - 1] is (byte)'\r' or 0x1B or (byte)'\t' || bytes[split] is (byte)'\n' or 0x1B;
            for (var i = Math.Max(0, split - 4); i < split && !nearControl; i++)
            {
                nearControl = bytes[i] == 0x1B;
            }

            if (stride == 1 || nearControl || split % stride == 0)
            {
                yield return split;
            }
        }
    }

    internal static string Root([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static (TranscriptFormat.Script Script, ComwareDialect Dialect) Load(string name)
    {
        var path = Path.Combine(Root(), name);
        var script = TranscriptFormat.ParseInput(File.ReadAllText(path));
        var dialect = Enum.Parse<ComwareDialect>(name.Split('/')[0]);
        return (script, dialect);
    }

    private static async Task<string> RunAsync(TranscriptFormat.Script script, ComwareDialect dialect, IReadOnlyList<byte[]> chunks)
    {
        string? startup = null;
        if (script.ConfigFile is not null)
        {
            startup = await File.ReadAllTextAsync(Path.Combine(Root(), dialect.ToString(), script.ConfigFile));
        }

        using var device = TestDevices.Create(dialect, startup);
        return await ShellDriver.RunChunksAsync(device, chunks, script.User, script.Rows);
    }
}
