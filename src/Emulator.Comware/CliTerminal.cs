using System.IO.Pipelines;

namespace Emulator.Comware;

/// <summary>
/// The byte streams and size of one terminal (an SSH session channel, a test pipe). The device layer calls
/// <see cref="Resize"/> on window-change; the CLI reads the size when it needs it.
/// </summary>
public sealed class CliTerminal(PipeReader input, PipeWriter output)
{
    private volatile TerminalSize _size = new(80, 24);

    public PipeReader Input { get; } = input ?? throw new ArgumentNullException(nameof(input));

    public PipeWriter Output { get; } = output ?? throw new ArgumentNullException(nameof(output));

    /// <summary>A pty was requested (interactive client); false for plain pipes such as <c>ssh host &lt; script</c>.</summary>
    public bool IsInteractive { get; init; } = true;

    /// <summary>TERM of the pty request, e.g. <c>xterm</c>.</summary>
    public string TerminalType { get; init; } = "vt100";

    public int Columns => _size.Columns;

    public int Rows => _size.Rows;

    public void Resize(int columns, int rows) => _size = new TerminalSize(Math.Max(columns, 1), Math.Max(rows, 1));

    private sealed record TerminalSize(int Columns, int Rows);
}
