namespace Emulator.Bench.Tests;

internal static class Repository
{
    /// <summary>The checkout this test runs from (the folder holding Emulator.sln).</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Emulator.sln not found above " + AppContext.BaseDirectory);
    }
}
