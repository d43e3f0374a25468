namespace Emulator.Fuzz;

/// <summary>The repository the seeds come from: the first parent folder holding Emulator.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>Looks above the program's folder, then above the current folder (a published, instrumented copy runs elsewhere).</summary>
    public static string Find()
    {
        foreach (var start in (string[])[AppContext.BaseDirectory, Environment.CurrentDirectory])
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Emulator.sln not found above " + AppContext.BaseDirectory + " or the current folder");
    }
}
