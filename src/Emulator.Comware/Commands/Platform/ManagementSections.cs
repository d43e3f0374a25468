using Emulator.Comware.Commands.Ssh;
using Emulator.Comware.Commands.Users;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Management;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Platform;

/// <summary>
/// The configuration sections of the management model, at their places in the device's order
/// (<see cref="ConfigOrder"/>): super passwords after the sysname, the default domain, password recovery, peer
/// public keys and local users before the interfaces, SSH with the services, user lines last.
/// </summary>
internal sealed class ManagementSection(int order, string name) : IConfigSection
{
    public const int SuperOrder = ConfigOrder.Sysname + 10;
    public const int DomainOrder = ConfigOrder.Sysname + 50;
    public const int PasswordRecoveryOrder = ConfigOrder.Global + 50;
    public const int PeerKeyOrder = ConfigOrder.LocalUser - 20;

    public int Order { get; } = order;

    public static IEnumerable<IConfigSection> All() =>
    [
        new ManagementSection(SuperOrder, "super"),
        new ManagementSection(DomainOrder, "domain"),
        new ManagementSection(PasswordRecoveryOrder, "password-recovery"),
        new ManagementSection(PeerKeyOrder, "public-key-peer"),
        new ManagementSection(ConfigOrder.LocalUser, "local-user"),
        new ManagementSection(ConfigOrder.Services, "ssh"),
        new ManagementSection(ConfigOrder.UserInterface, "line"),
    ];

    public void Render(ComwareDevice device, ConfigWriter writer)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(writer);
        var settings = device.GetState<ManagementState>().Current;
        var blocks = ManagementRenderer.RenderSection(name, settings, device.Facts.Dialect);
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
            {
                writer.Separator();
            }

            foreach (var line in blocks[i])
            {
                writer.Line(line);
            }
        }
    }

    /// <summary><c>display this</c> in a local-user or line view: that view's block.</summary>
    public void RenderView(ComwareDevice device, ViewInstance view, ConfigWriter writer)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(writer);
        var settings = device.GetState<ManagementState>().Current;
        var dialect = device.Facts.Dialect;
        if (name == "local-user" && view.Id == LocalUserCommands.View && view.State is string user
            && settings.LocalUsers.TryGetValue(user, out var local))
        {
            foreach (var line in ManagementRenderer.RenderLocalUser(local, dialect))
            {
                writer.Line(line);
            }
        }
        else if (name == "line" && view.State is LineRange range && view.Id is LineCommands.V5View or LineCommands.V7View)
        {
            var keyword = dialect == ComwareDialect.V5 ? "user-interface" : "line";
            var header = range.Kind == LineKind.Console
                ? ManagementRenderer.ConsoleLineName(dialect)
                : range.First == range.Last ? $"vty {range.First}" : $"vty {range.First} {range.Last}";
            writer.Line(keyword + " " + header);
            var line = range.Kind == LineKind.Console ? settings.Console : settings.Vty[range.First];
            foreach (var body in ManagementRenderer.LineBody(line, LineSettings.Default(range.Kind), dialect))
            {
                writer.Line(body);
            }
        }
    }
}
