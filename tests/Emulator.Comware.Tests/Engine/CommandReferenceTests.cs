using Emulator.Comware.Commands;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Tests.Engine;

/// <summary>docs/commands.md is generated from the registry; this fails when a command was added without refreshing it.</summary>
public class CommandReferenceTests
{
    [Fact]
    public void Docs_commands_md_is_the_registry()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Emulator.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("Emulator.sln");
        }

        var file = Path.Combine(root, "docs", "commands.md");
        var generated = CommandReference.Markdown(CommandModules.DefaultSet);
        if (Environment.GetEnvironmentVariable("UPDATE_COMMANDS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, generated);
        }

        Assert.True(File.Exists(file) && File.ReadAllText(file) == generated,
            "docs/commands.md is out of date: UPDATE_COMMANDS=1 dotnet test tests/Emulator.Comware.Tests --filter CommandReference");
        Assert.Contains("`display current-configuration", generated, StringComparison.Ordinal);
        Assert.Contains("`terminal monitor` | yes | yes |", generated, StringComparison.Ordinal);
    }
}
