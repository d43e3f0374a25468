using Emulator.Comware.Engine;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Core;

/// <summary>
/// The engine's own commands: the user and system views, moving between views, <c>display this</c>,
/// <c>display current-configuration</c>, <c>display history-command</c>, <c>screen-length disable</c>,
/// <c>terminal monitor</c>, <c>sysname</c>.
/// </summary>
public sealed class CoreCommands : ICommandModule
{
    public void Register(CommandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddView(new ViewDefinition(ViewIds.User, null, "<{0}>", "User view commands:") { FallbackToParent = false });
        registry.AddView(new ViewDefinition(ViewIds.System, ViewIds.User, "[{0}]", "System view commands:") { FallbackToParent = false });

        registry.AddKeywordHelp("display", "Display current system information");
        registry.AddKeywordHelp("undo", "Cancel current configuration");
        registry.AddKeywordHelp("interface", "Specify the interface");

        NavigationCommands.Register(registry);
        DisplayCommands.Register(registry);
        TerminalCommands.Register(registry);
        registry.AddConfigSection(new DelegateConfigSection(ConfigOrder.Sysname, (device, writer) => writer.Line($" sysname {device.Sysname}")));
    }
}
