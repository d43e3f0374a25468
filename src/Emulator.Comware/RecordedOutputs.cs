using System.Collections.Frozen;
using Emulator.Comware.Commands;
using Emulator.Comware.Engine;

namespace Emulator.Comware;

/// <summary>
/// Outputs recorded from a real device for display commands the model does not implement. Each becomes a command of
/// its own (every view, monitor level), so <c>?</c>, Tab, <c>| include</c> filters and the pager treat it like any
/// display. A recording of a command the model implements with exactly that syntax (<c>display version</c>) is not
/// used: the model's answer follows the configuration. Other recorded lines (<c>display interface GigabitEthernet1/0/1</c>)
/// answer exactly that line; the model answers the rest.
/// </summary>
public static class RecordedOutputs
{
    public static IReadOnlyDictionary<string, string> None { get; } = FrozenDictionary<string, string>.Empty;

    /// <summary>Words joined by one space, or null when the line is not a plain <c>display …</c> command of 2 to 16 words.</summary>
    public static string? Normalize(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = command.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var plain = words.Length is >= 2 and <= 16
            && words[0].Equals("display", StringComparison.OrdinalIgnoreCase)
            && words.All(w => w.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.'));
        return plain ? string.Join(' ', words) : null;
    }

    /// <summary>The default command set plus one command per recording (built per device that has recordings).</summary>
    public static CommandSet CommandSetFor(IReadOnlyDictionary<string, string> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (outputs.Count == 0)
        {
            return CommandModules.DefaultSet;
        }

        var modelled = CommandModules.DefaultSet.Definitions.Select(d => d.Syntax).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = outputs.Where(o => !modelled.Contains(o.Key)).ToDictionary(StringComparer.OrdinalIgnoreCase);
        return missing.Count == 0 ? CommandModules.DefaultSet : CommandSet.Build([.. CommandModules.Default, new Module(missing)]);
    }

    private sealed class Module(IReadOnlyDictionary<string, string> outputs) : ICommandModule
    {
        public void Register(CommandRegistry registry)
        {
            foreach (var (command, text) in outputs)
            {
                var words = command.Split(' ');
                registry.Add(new CommandDefinition
                {
                    // Lower case: the grammar reads upper-case words as parameter types; keywords match in any case.
                    Syntax = string.Join(' ', words.Select(w => w.ToLowerInvariant())),
                    Help = [.. words.Select((w, i) => i == 0 ? "Display current system information" : "Recorded output")],
                    Views = [ViewIds.Any],
                    Level = Levels.Monitor,
                    Handler = ctx =>
                    {
                        ctx.Write(text.EndsWith('\n') ? text : text + "\n");
                        return ValueTask.CompletedTask;
                    },
                });
            }
        }
    }
}
