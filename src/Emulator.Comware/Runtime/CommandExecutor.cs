using Emulator.Comware.Engine;
using Microsoft.Extensions.Logging;

namespace Emulator.Comware.Runtime;

/// <summary>A parsed line and the depth of the view stack it matched in (lower than the current one after a fallback).</summary>
internal sealed record Resolution(ParseResult Result, int Depth, bool PermissionDenied);

/// <summary>
/// Resolves a line against the current view, falling back to parent views as Comware does (§1.2), and runs the
/// handler. Shared by interactive sessions, exec requests and configuration replay, so all three behave alike.
/// </summary>
internal static class CommandExecutor
{
    public const string InternalErrorMessage = "% Command execution failed.";

    public static Resolution Resolve(ComwareDevice device, ViewPath views, CliUser user, string line)
    {
        var dialect = device.Facts.Dialect;
        var level = user.EffectiveLevel(dialect);
        // V5 hides commands above the user's level; V7 matches them and then answers "Permission denied".
        var maxLevel = device.Dialect.PermissionDeniedMessage is null ? level : CommandSet.AnyLevel;
        Resolution? best = null;
        for (var depth = views.Depth; depth >= 1; depth--)
        {
            // FallbackChain, without an enumerator: this runs for every command line.
            var view = views.Views[depth - 1];
            var result = device.Commands.Parse(view.Id, dialect, maxLevel, line);
            if (result.Verdict == ParseVerdict.Ok)
            {
                return new Resolution(result, depth, result.Command!.Level > level);
            }

            if (best is null || result.ErrorOffset > best.Result.ErrorOffset)
            {
                best = new Resolution(result, depth, false);
            }

            if (!view.Definition.FallbackToParent)
            {
                break;
            }
        }

        return best!;
    }

    /// <summary>
    /// The views a line is looked up in: the current one, then its parents up to user view, stopping after a view
    /// that does not fall back (§1.2). Shared by execution, <c>?</c> and Tab so all three agree.
    /// </summary>
    public static IEnumerable<ViewInstance> FallbackChain(ViewPath views)
    {
        for (var depth = views.Depth; depth >= 1; depth--)
        {
            var view = views.Views[depth - 1];
            yield return view;
            if (!view.Definition.FallbackToParent)
            {
                yield break;
            }
        }
    }

    /// <summary>Commands of a view the user may see: above-level commands are invisible on V5 and listed nowhere on V7.</summary>
    public static IReadOnlyList<CompiledCommand> Visible(ComwareDevice device, ViewInstance view, int level, bool hideAboveLevel)
    {
        return device.Commands.CommandsFor(view.Id, device.Facts.Dialect, hideAboveLevel ? level : CommandSet.AnyLevel);
    }

    /// <summary>Help and Tab see only what the user may run, on both dialects.</summary>
    public static IReadOnlyList<CompiledCommand> ForHelp(ComwareDevice device, ViewInstance view, CliUser user) =>
        Visible(device, view, user.EffectiveLevel(device.Facts.Dialect), hideAboveLevel: true);

    /// <summary>Runs a resolved command; returns false when it failed.</summary>
    public static async ValueTask<bool> RunAsync(ComwareDevice device, ICommandHost host, Resolution resolution, CancellationToken cancellationToken)
    {
        var command = resolution.Result.Command!;
        host.Views.TruncateTo(resolution.Depth);
        var context = new CommandContext(device, host, resolution.Result.Arguments, command.IsUndo, cancellationToken);
        try
        {
            await command.Handler(context);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A faulty handler costs its own command, never the session or the device.
            device.Logger.LogError(exception, "Command \"{Syntax}\" failed on {Sysname}", command.Syntax, device.Sysname);
            context.Fail(InternalErrorMessage);
        }

        return !context.Failed;
    }
}
