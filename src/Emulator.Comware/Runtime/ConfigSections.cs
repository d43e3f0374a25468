namespace Emulator.Comware.Runtime;

/// <summary>
/// One part of the running configuration as <c>display current-configuration</c> prints it. Sections are stateless
/// renderers: they read their model from <see cref="ComwareDevice.GetState{T}"/> and write Comware text in canonical form.
/// </summary>
public interface IConfigSection
{
    /// <summary>Position in the configuration (see <see cref="ConfigOrder"/>); lower first.</summary>
    int Order { get; }

    void Render(ComwareDevice device, ConfigWriter writer);

    /// <summary><c>display this</c> in a sub-view: the lines of that view instance (header included), if this section owns it.</summary>
    void RenderView(ComwareDevice device, Engine.ViewInstance view, ConfigWriter writer)
    {
    }
}

/// <summary>Canonical order of the V5/V7 configuration file; leave gaps for new sections.</summary>
public static class ConfigOrder
{
    public const int Sysname = 100;
    public const int Global = 200;
    public const int Acl = 300;
    public const int Domain = 350;
    public const int LocalUser = 400;
    public const int Interface = 500;
    public const int SecurityZone = 600;
    public const int SecurityPolicy = 650;
    public const int Nat = 700;
    public const int StaticRoute = 800;
    public const int Services = 900;
    public const int Header = 950;
    public const int UserInterface = 1000;
}

/// <summary>A section from a delegate, for small sections that need no class.</summary>
public sealed class DelegateConfigSection(int order, Action<ComwareDevice, ConfigWriter> render) : IConfigSection
{
    public int Order { get; } = order;

    public void Render(ComwareDevice device, ConfigWriter writer) => render(device, writer);
}

/// <summary>
/// Collects configuration lines. Global commands are written with one leading space, view headers at column 0 and
/// their contents with one space (§6.10). <see cref="Separator"/> writes a <c>#</c> line, never two in a row.
/// </summary>
public sealed class ConfigWriter
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Line(string text) => _lines.Add(text);

    public void Separator()
    {
        if (_lines.Count == 0 || _lines[^1] != "#")
        {
            _lines.Add("#");
        }
    }

    public override string ToString() => string.Join('\n', _lines);
}

/// <summary>Per-device state types may implement this to initialise from the device (facts, profile) on first use.</summary>
public interface IDeviceState
{
    void Initialize(ComwareDevice device);
}

/// <summary>A line of a replayed configuration that failed.</summary>
public sealed record ConfigurationError(int LineNumber, string Line, string Message);

/// <summary>What replaying a configuration text did.</summary>
public sealed record ConfigurationLoadReport(int LinesExecuted, IReadOnlyList<ConfigurationError> Errors)
{
    /// <summary>Where the text came from: <c>startup.cfg</c>, <c>default-configuration</c>, or empty for loaded text.</summary>
    public string Source { get; init; } = "";

    public bool Succeeded => Errors.Count == 0;
}
