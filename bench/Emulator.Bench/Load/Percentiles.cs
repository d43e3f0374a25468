namespace Emulator.Bench.Load;

/// <summary>Summary of a sample (nearest-rank percentiles).</summary>
public sealed record Percentiles(int Count, double Min, double P50, double P90, double P99, double Max, double Mean)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }

        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, sorted[0], Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1], sorted.Average());
    }
}
