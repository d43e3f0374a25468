using System.Collections;
using Emulator.Host;

SocketCompletions.PreferInline();
var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
{
    environment[(string)entry.Key] = entry.Value as string;
}

return await EmulatorApp.RunAsync(args, environment, Console.Out, Console.Error);
