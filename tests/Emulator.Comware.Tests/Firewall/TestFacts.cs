using Emulator.Comware.Model.Firewall;

namespace Emulator.Comware.Tests.Firewall;

internal static class TestFacts
{
    public static DeviceFacts V5 { get; } = new()
    {
        Model = "SecPath F1000-E",
        Dialect = ComwareDialect.V5,
        DefaultSysname = "H3C",
        SoftwareVersion = "5.20",
        Release = "Release 3177",
        Hardware = new HardwareFacts { BaseMacAddress = "0023-89a1-0000" },
        Interfaces = [new("GigabitEthernet0/0"), new("GigabitEthernet0/1"), new("GigabitEthernet0/2"), new("GigabitEthernet0/3")],
    };

    public static DeviceFacts V7 { get; } = new()
    {
        Model = "SecPath F1000-AI-20",
        Dialect = ComwareDialect.V7,
        DefaultSysname = "H3C",
        SoftwareVersion = "7.1.064",
        Release = "Release 9333P26",
        Hardware = new HardwareFacts { BaseMacAddress = "0cda-41b5-0000" },
        Interfaces = [.. Enumerable.Range(0, 8).Select(i => new InterfaceFacts($"GigabitEthernet1/0/{i}"))],
    };

    public static FirewallConfig NewV5() => new(V5);

    public static FirewallConfig NewV7() => new(V7);

    public static FirewallConfig New(ComwareDialect dialect) => dialect == ComwareDialect.V5 ? NewV5() : NewV7();

    public static void Ok(FwResult result) => Assert.True(result.Ok, result.Error);

    public static FwInterface Iface(FirewallConfig config, string name)
    {
        Ok(config.GetOrCreateInterface(name, out var iface));
        return iface!;
    }

    public static uint Ip(string text) => Ipv4.TryParse(text, out var value) ? value : throw new ArgumentException(text);

    public static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
