namespace Emulator.Bench.Tests;

/// <summary>Outside CI a missing prerequisite skips with the reason; under CI=true it fails (team test rules).</summary>
internal static class Requirements
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(string? whyUnavailable)
    {
        if (whyUnavailable is null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail($"required under CI: {whyUnavailable}");
        }

        Assert.Skip(whyUnavailable);
    }
}
