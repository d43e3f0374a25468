using Emulator.Comware.Model.Firewall;

namespace Emulator.Comware.Tests.Firewall;

internal static class TestFacts
{
    public static DeviceFacts V5 => Support.TestDevices.V5Facts;

    public static DeviceFacts V7 => Support.TestDevices.V7Facts;

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
