using System.Globalization;

namespace Emulator.Bench.Suite;

/// <summary>
/// Configuration typed into a device to make <c>display current-configuration</c> large: LoopBack interfaces with a
/// description and an address, four lines of rendered configuration each (interface, description, address, #).
/// Typed through the CLI so the benchmark depends on the grammar users see, not on a file layout.
/// </summary>
public static class BenchConfiguration
{
    public static IEnumerable<string> LoopbackCommands(int first, int count)
    {
        for (int i = first; i < first + count; i++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"interface LoopBack{i}");
            yield return string.Create(CultureInfo.InvariantCulture, $"description bench loopback {i}");
            yield return string.Create(CultureInfo.InvariantCulture, $"ip address 10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256} 32");
            yield return "quit";
        }
    }

    /// <summary>Loopbacks needed for about <paramref name="lines"/> lines of rendered configuration.</summary>
    public static int LoopbacksForLines(int lines) => Math.Max(1, lines / 4);
}
