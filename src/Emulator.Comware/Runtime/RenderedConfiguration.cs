using Emulator.Comware.Terminal;

namespace Emulator.Comware.Runtime;

/// <summary>
/// One rendering of the running configuration (<c>display current-configuration</c>), kept by the device while its
/// <see cref="ComwareDevice.ConfigurationVersion"/> stays the same: automation tools display an unchanged
/// configuration again and again (backups, diffs, fact gathering), and each display then costs one copy.
/// </summary>
public sealed class RenderedConfiguration
{
    private TerminalBlock? _block;

    internal RenderedConfiguration(long version, IReadOnlyList<string> lines)
    {
        Version = version;
        Lines = lines;
    }

    /// <summary>The configuration version this rendering belongs to; -1 for one made while a change was under way.</summary>
    public long Version { get; }

    /// <summary>The lines, without terminators.</summary>
    public IReadOnlyList<string> Lines { get; }

    /// <summary>The text as <c>save</c> writes it: lines joined by <c>\n</c>, ending in one.</summary>
    public string Text => Block.Text;

    /// <summary>The text as a terminal block (made on first use; safe to share between sessions).</summary>
    public TerminalBlock Block
    {
        get
        {
            var block = Volatile.Read(ref _block);
            if (block is null)
            {
                block = new TerminalBlock(string.Join('\n', Lines) + "\n");
                Volatile.Write(ref _block, block);
            }

            return block;
        }
    }
}
