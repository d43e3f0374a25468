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
        new Netconf.NetconfCommands(),
        new Snmp.SnmpCommands(),
        new InfoCenter.InfoCenterCommands(),
        new Files.FileCommands(),
    ];

    // Built once per process: a CommandSet is immutable, so a fleet of devices shares it (cold devices stay cheap).
    private static readonly Lazy<CommandSet> DefaultSetValue = new(() => CommandSet.Build(Default), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The command set of <see cref="Default"/>, shared by every device created without an explicit set.</summary>
    public static CommandSet DefaultSet => DefaultSetValue.Value;
}
