using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall;

/// <summary>
/// A firewall feature's part of the configuration: blocks separated by <c>#</c> lines, rendered from the device's
/// <see cref="FirewallConfig"/>. A view whose <see cref="ViewDefinition.Section"/> is this section gets its
/// <c>display this</c> from <see cref="ViewLines"/>. Replaying what a section writes in system view must rebuild the
/// same model (the round-trip tests check it).
/// </summary>
public abstract class FirewallSection : IConfigSection
{
    public abstract int Order { get; }

    /// <summary>The section's blocks in the device's order; each is preceded by a <c>#</c> line.</summary>
    public abstract IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config);

    /// <summary>The lines of one entered view (header included); null when the view shows nothing.</summary>
    protected abstract IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view);

    public void Render(ComwareDevice device, ConfigWriter writer)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var block in Blocks(device.GetState<FirewallState>().Config))
        {
            writer.Separator();
            foreach (var line in block)
            {
                writer.Line(line);
            }
        }
    }

    public void RenderView(ComwareDevice device, ViewInstance view, ConfigWriter writer)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(writer);
        if (view.Definition.Section != this)
        {
            return;
        }

        foreach (var line in ViewLines(device.GetState<FirewallState>().Config, view) ?? [])
        {
            writer.Line(line);
        }
    }
}
