using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Emulator.Comware.Netconf.Data;

namespace Emulator.Comware.Netconf;

/// <summary>
/// The operations: RFC 6241's get, get-config, edit-config, lock, unlock, close-session, kill-session, validate, and
/// H3C's get-bulk, get-bulk-config, CLI, save, load, rollback and action (<see cref="NetconfActions"/>) (all in the base namespace, as H3C's devices and
/// ncclient's h3c handler send them). Each returns the reply content (null = <c>&lt;ok/&gt;</c>) or throws
/// <see cref="RpcErrorException"/>.
/// </summary>
internal static class NetconfOperations
{
    private static readonly XNamespace Nc = NetconfNamespaces.Base;

    /// <summary>
    /// A parameter of an operation, in the base namespace or in none: ncclient's default handler builds
    /// <c>&lt;config&gt;</c> without a namespace, and devices accept it.
    /// </summary>
    private static XElement? Child(XElement parent, string name) => parent.Element(Nc + name) ?? parent.Element(name);

    public static async ValueTask<XElement?> RunAsync(NetconfSession session, XElement operation, CancellationToken cancellationToken)
    {
        if (operation.Name.Namespace != Nc)
        {
            throw RpcErrorException.UnknownNamespace(operation.Name.LocalName, operation.Name.NamespaceName);
        }

        return operation.Name.LocalName switch
        {
            "get" => await ReadAsync(session, operation, NetconfNamespaces.Data, withState: true, bulk: false, cancellationToken),
            "get-bulk" => await ReadAsync(session, operation, NetconfNamespaces.Data, withState: true, bulk: true, cancellationToken),
            "get-config" => await ReadAsync(session, CheckSource(operation), NetconfNamespaces.Config, withState: false, bulk: false, cancellationToken),
            "get-bulk-config" => await ReadAsync(session, CheckSource(operation), NetconfNamespaces.Config, withState: false, bulk: true, cancellationToken),
            "edit-config" => await EditAsync(session, operation, cancellationToken),
            "validate" => await ValidateAsync(session, operation, cancellationToken),
            "lock" => Lock(session, operation),
            "unlock" => Unlock(session, operation),
            "close-session" => Close(session),
            "kill-session" => Kill(session, operation),
            "CLI" => await CliAsync(session, operation, cancellationToken),
            "save" => await SaveAsync(session, cancellationToken),
            "load" => await LoadAsync(session, operation, replace: false, cancellationToken),
            "rollback" => await LoadAsync(session, operation, replace: true, cancellationToken),
            "action" => await NetconfActions.RunAsync(session, operation, cancellationToken),
            _ => throw RpcErrorException.UnknownOperation(operation.Name.LocalName),
        };
    }

    private static async ValueTask<XElement> ReadAsync(NetconfSession session, XElement operation, XNamespace ns, bool withState, bool bulk, CancellationToken cancellationToken)
    {
        var filter = Child(operation, "filter");
        if (filter?.Attribute("type") is { } type && type.Value != "subtree")
        {
            throw new RpcErrorException("protocol", "bad-attribute", "Only subtree filters are supported.") { Info = [("bad-attribute", "type"), ("bad-element", "filter")] };
        }

        using var held = await session.Device.LockAsync(cancellationToken);
        var top = DataTree.Read(session.Device, ns, withState, filter, bulk);
        return new XElement(Nc + "data", top is { HasElements: true } ? top : null);
    }

    private static XElement CheckSource(XElement operation)
    {
        var source = Child(operation, "source") ?? throw RpcErrorException.MissingElement("source");
        CheckRunning(source);
        return operation;
    }

    /// <summary>Only the running datastore exists (no :candidate, no :startup, no :url).</summary>
    private static void CheckRunning(XElement datastore)
    {
        var chosen = datastore.Elements().ToList();
        if (chosen.Count != 1 || chosen[0].Name.LocalName != "running" || (chosen[0].Name.Namespace != Nc && chosen[0].Name.Namespace != XNamespace.None))
        {
            var name = chosen.Count == 1 ? chosen[0].Name.LocalName : datastore.Name.LocalName;
            throw new RpcErrorException("protocol", "invalid-value", $"The datastore {name} is not supported.") { Info = [("bad-element", name)] };
        }
    }

    private static async ValueTask<XElement?> EditAsync(NetconfSession session, XElement operation, CancellationToken cancellationToken)
    {
        CheckRunning(Child(operation, "target") ?? throw RpcErrorException.MissingElement("target"));
        var defaultOperation = Child(operation, "default-operation") is { } d
            ? EditConfig.ParseOperation(d.Value.Trim(), "default-operation")
            : EditOperation.Merge;
        var testOption = Child(operation, "test-option")?.Value.Trim() ?? "test-then-set";
        var errorOption = Child(operation, "error-option")?.Value.Trim() ?? "stop-on-error";
        if (testOption is not ("test-then-set" or "set" or "test-only"))
        {
            throw RpcErrorException.InvalidValue($"Invalid value {testOption} for test-option.");
        }

        if (errorOption is not ("stop-on-error" or "continue-on-error" or "rollback-on-error"))
        {
            throw RpcErrorException.InvalidValue($"Invalid value {errorOption} for error-option.");
        }

        var config = Child(operation, "config")
            ?? (Child(operation, "url") is not null
                ? throw new RpcErrorException("protocol", "operation-not-supported", "The :url capability is not supported.")
                : throw RpcErrorException.MissingElement("config"));
        var edit = EditConfig.Parse(config, defaultOperation);
        CheckWritable(session);

        using var held = await session.Device.LockAsync(cancellationToken);
        if (testOption != "set" || errorOption == "rollback-on-error")
        {
            // Tried first on a copy of the running configuration: a failing edit under rollback-on-error (or any
            // test) leaves the device untouched, never half-applied.
            var trial = await TryOnCopyAsync(session, edit, errorOption == "continue-on-error", cancellationToken);
            if (trial.Count > 0 && (errorOption != "continue-on-error" || testOption == "test-only"))
            {
                throw trial.Count == 1 ? trial[0] : new RpcErrorsException(trial);
            }

            if (testOption == "test-only")
            {
                return null;
            }
        }

        var errors = await edit.ApplyAsync(session.Device, session.User, errorOption == "continue-on-error", cancellationToken);
        return errors.Count switch
        {
            0 => null,
            1 => throw errors[0],
            _ => throw new RpcErrorsException(errors),
        };
    }

    /// <summary>Applies the edit to a scratch device loaded with the running configuration. Caller holds the device lock.</summary>
    private static async ValueTask<IReadOnlyList<RpcErrorException>> TryOnCopyAsync(NetconfSession session, EditConfig edit, bool continueOnError, CancellationToken cancellationToken)
    {
        var device = session.Device;
        using var copy = new ComwareDevice(device.Facts, device.Services, device.Time, device.Commands, device.Dialect);
        await copy.LoadConfigurationAsync(device.RenderCurrentConfiguration(), cancellationToken);
        return await edit.ApplyAsync(copy, session.User, continueOnError, cancellationToken);
    }

    private static async ValueTask<XElement?> ValidateAsync(NetconfSession session, XElement operation, CancellationToken cancellationToken)
    {
        var source = Child(operation, "source") ?? throw RpcErrorException.MissingElement("source");
        if (Child(source, "config") is { } config)
        {
            var edit = EditConfig.Parse(config, EditOperation.Merge);
            using var held = await session.Device.LockAsync(cancellationToken);
            var errors = await TryOnCopyAsync(session, edit, continueOnError: true, cancellationToken);
            return errors.Count switch
            {
                0 => null,
                1 => throw errors[0],
                _ => throw new RpcErrorsException(errors),
            };
        }

        CheckRunning(source);
        return null;
    }

    private static void CheckWritable(NetconfSession session)
    {
        if (!session.Table.MayWrite(session.Id))
        {
            throw new RpcErrorException("protocol", "in-use", "The configuration is locked by another session.")
            {
                Info = [("session-id", session.Table.LockOwner.ToString(CultureInfo.InvariantCulture))],
            };
        }
    }

    private static XElement? Lock(NetconfSession session, XElement operation)
    {
        CheckRunning(Child(operation, "target") ?? throw RpcErrorException.MissingElement("target"));
        var holder = session.Table.TryLock(session.Id);
        return holder == 0
            ? null
            : throw new RpcErrorException("protocol", "lock-denied", "Lock failed, lock is already held.")
            {
                Info = [("session-id", holder.ToString(CultureInfo.InvariantCulture))],
            };
    }

    private static XElement? Unlock(NetconfSession session, XElement operation)
    {
        CheckRunning(Child(operation, "target") ?? throw RpcErrorException.MissingElement("target"));
        return session.Table.Unlock(session.Id)
            ? null
            : throw new RpcErrorException("protocol", "operation-failed", "Unlock failed, the lock is not held by this session.");
    }

    private static XElement? Close(NetconfSession session)
    {
        session.Close();
        return null;
    }

    private static XElement? Kill(NetconfSession session, XElement operation)
    {
        var text = Child(operation, "session-id")?.Value.Trim() ?? throw RpcErrorException.MissingElement("session-id");
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == session.Id)
        {
            throw RpcErrorException.InvalidValue($"Invalid session-id {text}.");
        }

        if (session.User.EffectiveLevel(session.Device.Facts.Dialect) < Engine.Levels.Manage)
        {
            throw RpcErrorException.AccessDenied();
        }

        return session.Table.Kill(id) ? null : throw RpcErrorException.InvalidValue($"The session {text} does not exist.");
    }

    /// <summary>
    /// H3C's <c>&lt;CLI&gt;</c>: <c>&lt;Execution&gt;</c> runs lines from user view, <c>&lt;Configuration&gt;</c> from
    /// system view; the reply echoes each prompt and line followed by its output, as the device does.
    /// </summary>
    private static async ValueTask<XElement> CliAsync(NetconfSession session, XElement operation, CancellationToken cancellationToken)
    {
        var mode = operation.Elements().SingleOrDefault()
            ?? throw RpcErrorException.MissingElement("Execution");
        var configuration = mode.Name.LocalName switch
        {
            "Execution" => false,
            "Configuration" => true,
            _ => throw RpcErrorException.UnknownElement("application", mode.Name.LocalName),
        };
        if (configuration)
        {
            CheckWritable(session);
        }

        var transcript = new StringBuilder();
        var lines = mode.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
        using (await session.Device.LockAsync(cancellationToken))
        {
            var cli = new NetconfCli(session.Device, session.User, configuration);
            foreach (var line in lines)
            {
                transcript.Append(cli.Prompt).Append(line).Append('\n');
                var (_, output) = await cli.RunAsync(line, cancellationToken);
                transcript.Append(output);
                if (output.Length > 0 && !output.EndsWith('\n'))
                {
                    transcript.Append('\n');
                }
            }

            transcript.Append(cli.Prompt);
        }

        return new XElement(operation.Name, new XElement(mode.Name, new XCData(transcript.ToString())));
    }

    /// <summary>H3C's <c>&lt;save&gt;</c>: the running configuration to the next-startup file, through the CLI's <c>save</c>.</summary>
    private static async ValueTask<XElement?> SaveAsync(NetconfSession session, CancellationToken cancellationToken)
    {
        using var held = await session.Device.LockAsync(cancellationToken);
        var cli = new NetconfCli(session.Device, session.User, systemView: false);
        var (ok, output) = await cli.RunAsync("save force", cancellationToken);
        return ok ? null : throw RpcErrorException.OperationFailed(output.Trim().Length > 0 ? output.Trim() : "Save failed.");
    }

    /// <summary>
    /// H3C's <c>&lt;load&gt;</c> (merge the file into running) and <c>&lt;rollback&gt;</c> (running := the file). The one
    /// configuration file modeled is the next-startup file.
    /// </summary>
    private static async ValueTask<XElement?> LoadAsync(NetconfSession session, XElement operation, bool replace, CancellationToken cancellationToken)
    {
        var file = Child(operation, "file")?.Value.Trim();
        if (file is { Length: > 0 } && !file.EndsWith(ComwareDevice.StartupFileName, StringComparison.OrdinalIgnoreCase))
        {
            throw RpcErrorException.InvalidValue($"The file {file} does not exist.");
        }

        CheckWritable(session);
        if (session.User.EffectiveLevel(session.Device.Facts.Dialect) < Engine.Levels.Manage)
        {
            throw RpcErrorException.AccessDenied();
        }

        var saved = session.Device.Services.ReadStartupConfiguration()
            ?? throw RpcErrorException.OperationFailed("The next-startup configuration file does not exist.");
        var report = replace
            ? await session.Device.BootAsync(cancellationToken)
            : await session.Device.LoadConfigurationAsync(saved, cancellationToken);
        return report.Succeeded
            ? null
            : throw RpcErrorException.OperationFailed($"{report.Errors.Count} lines of the file failed, the first at line {report.Errors[0].LineNumber}: {report.Errors[0].Message}");
    }
}
