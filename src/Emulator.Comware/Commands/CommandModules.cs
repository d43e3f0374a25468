using Emulator.Comware.Commands.Core;
using Emulator.Comware.Commands.Platform;
using Emulator.Comware.Engine;

namespace Emulator.Comware.Commands;

/// <summary>The command modules every device gets. Each command-set owner appends one line here.</summary>
public static class CommandModules
{
    public static IReadOnlyList<ICommandModule> Default { get; } =
    [
        new CoreCommands(),
        new SystemCommands(),
        new Firewall.FirewallCommands(),
    ];
}
