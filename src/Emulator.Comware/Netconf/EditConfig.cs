using System.Xml.Linq;
using Emulator.Comware.Netconf.Data;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Netconf;

/// <summary>RFC 6241 7.2 operation attribute values (and <c>none</c> for default-operation).</summary>
internal enum EditOperation { Merge, Replace, Create, Delete, Remove, None }

/// <summary>One row an edit touches, with the operation in force for it.</summary>
internal sealed record RowEdit(H3cTable Table, EditOperation Operation, IReadOnlyDictionary<string, string> Values, string Path);

/// <summary>A table-level replace: rows of the table that the edit does not name are deleted.</summary>
internal sealed record TableReplace(H3cTable Table, IReadOnlyList<RowEdit> Kept);

/// <summary>
/// Parses <c>&lt;config&gt;&lt;top xmlns="…/config:1.0"&gt;</c> into row edits (validating names and operations before
/// anything runs) and applies them as CLI lines, row by row, so each row sees the rows before it.
/// </summary>
internal sealed class EditConfig
{
    private static readonly XName OperationAttribute = NetconfNamespaces.Base + "operation";

    private readonly List<object> _steps = [];

    private EditConfig()
    {
    }

    public static EditConfig Parse(XElement config, EditOperation defaultOperation)
    {
        var edit = new EditConfig();
        foreach (var top in config.Elements())
        {
            if (top.Name != NetconfNamespaces.Config + "top")
            {
                throw top.Name.LocalName == "top"
                    ? RpcErrorException.UnknownNamespace("top", top.Name.NamespaceName)
                    : RpcErrorException.UnknownElement("application", top.Name.LocalName);
            }

            var topOperation = OperationOf(top, defaultOperation);
            foreach (var module in top.Elements())
            {
                edit.ParseModule(module, OperationOf(module, topOperation));
            }
        }

        return edit;
    }

    /// <summary>Applies every step; returns the errors (the first one alone under stop-on-error).</summary>
    public async ValueTask<IReadOnlyList<RpcErrorException>> ApplyAsync(ComwareDevice device, CliUser user, bool continueOnError, CancellationToken cancellationToken)
    {
        var cli = new NetconfCli(device, user, systemView: true);
        var errors = new List<RpcErrorException>();
        foreach (var step in _steps)
        {
            try
            {
                await (step switch
                {
                    RowEdit row => ApplyRowAsync(device, cli, row, cancellationToken),
                    TableReplace replace => ApplyReplaceAsync(device, cli, replace, cancellationToken),
                    _ => throw new InvalidOperationException("unknown step"),
                });
            }
            catch (RpcErrorException error)
            {
                errors.Add(error);
                if (!continueOnError)
                {
                    break;
                }
            }
        }

        return errors;
    }

    private void ParseModule(XElement module, EditOperation operation)
    {
        var ns = NetconfNamespaces.Config;
        if (module.Name.Namespace != ns || !H3cTables.IsModule(module.Name.LocalName))
        {
            throw RpcErrorException.UnknownElement("application", module.Name.LocalName);
        }

        foreach (var tableElement in module.Elements())
        {
            var table = H3cTables.Find(module.Name.LocalName, tableElement.Name.LocalName)
                ?? throw RpcErrorException.UnknownElement("application", tableElement.Name.LocalName);
            var tableOperation = OperationOf(tableElement, operation);
            var path = $"/top/{table.Module}/{table.Table}";
            if (table.Row is null)
            {
                _steps.Add(new RowEdit(table, tableOperation, Columns(table, tableElement), path));
                continue;
            }

            var rows = new List<RowEdit>();
            foreach (var rowElement in tableElement.Elements())
            {
                if (rowElement.Name != ns + table.Row)
                {
                    throw RpcErrorException.UnknownElement("application", rowElement.Name.LocalName);
                }

                var rowOperation = OperationOf(rowElement, tableOperation);
                rows.Add(new RowEdit(table, rowOperation, table.Normalize(Columns(table, rowElement)), path + "/" + table.Row));
            }

            if (tableElement.Attribute(OperationAttribute) is not null && tableOperation == EditOperation.Replace)
            {
                _steps.Add(new TableReplace(table, rows));
            }

            _steps.AddRange(rows);
        }
    }

    private static Dictionary<string, string> Columns(H3cTable table, XElement row)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, cell) in NestedColumns.Flatten(row))
        {
            if (cell.Name.Namespace != NetconfNamespaces.Config || cell.Parent!.Name.Namespace != NetconfNamespaces.Config || !table.Columns.Contains(column) || cell.HasElements)
            {
                throw RpcErrorException.UnknownElement("application", cell.Name.LocalName);
            }

            if (cell.Attribute(OperationAttribute) is not null)
            {
                throw new RpcErrorException("protocol", "operation-not-supported", "Operations on single columns are not supported; set them on the row.")
                {
                    Info = [("bad-attribute", "operation"), ("bad-element", cell.Name.LocalName)],
                };
            }

            if (!values.TryAdd(column, cell.Value.Trim()))
            {
                throw RpcErrorException.BadElement(cell.Name.LocalName, $"The column {column} appears twice.");
            }
        }

        return values;
    }

    public static EditOperation OperationOf(XElement element, EditOperation inherited)
    {
        var attribute = element.Attribute(OperationAttribute);
        return attribute is null ? inherited : ParseOperation(attribute.Value, "operation");
    }

    public static EditOperation ParseOperation(string value, string name) => value switch
    {
        "merge" => EditOperation.Merge,
        "replace" => EditOperation.Replace,
        "create" => EditOperation.Create,
        "delete" => EditOperation.Delete,
        "remove" => EditOperation.Remove,
        "none" when name == "default-operation" => EditOperation.None,
        _ => throw new RpcErrorException("protocol", "bad-attribute", $"Invalid value {value} for {name}.") { Info = [("bad-attribute", name)] },
    };

    private static async Task ApplyRowAsync(ComwareDevice device, NetconfCli cli, RowEdit row, CancellationToken cancellationToken)
    {
        var exists = row.Table.Find(device, row.Values) is not null;
        IReadOnlyList<string> lines = row.Operation switch
        {
            EditOperation.Create when exists => throw Error("data-exists", "The data already exists.", row),
            EditOperation.Delete when !exists => throw Error("data-missing", "The data does not exist.", row),
            EditOperation.None when !exists => throw Error("data-missing", "The data does not exist.", row),
            EditOperation.Remove when !exists => [],
            EditOperation.None => [],
            EditOperation.Delete or EditOperation.Remove => row.Table.Delete(device, row.Values),
            EditOperation.Replace when exists => [.. row.Table.Delete(device, row.Values), .. row.Table.Merge(device, row.Values, exists: false)],
            _ => row.Table.Merge(device, row.Values, exists),
        };
        await RunAsync(cli, lines, row, cancellationToken);
    }

    private static async Task ApplyReplaceAsync(ComwareDevice device, NetconfCli cli, TableReplace replace, CancellationToken cancellationToken)
    {
        var table = replace.Table;
        var doomed = table.Read(device, withState: false)
            .Where(existing => !replace.Kept.Any(k => table.Keys.All(key => existing[key] == k.Values.GetValueOrDefault(key))))
            .Select(r => (IReadOnlyDictionary<string, string>)r.Cells.ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal))
            .ToList();
        foreach (var row in doomed)
        {
            var edit = new RowEdit(table, EditOperation.Delete, row, $"/top/{table.Module}/{table.Table}/{table.Row}");
            await RunAsync(cli, table.Delete(device, row), edit, cancellationToken);
        }
    }

    private static async Task RunAsync(NetconfCli cli, IReadOnlyList<string> lines, RowEdit row, CancellationToken cancellationToken)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (await cli.RunBlockAsync(lines, cancellationToken) is { } failure)
        {
            var message = failure.Message.Length > 0 ? failure.Message : "Operation failed.";
            throw new RpcErrorException("application", "operation-failed", message) { Path = row.Path };
        }
    }

    private static RpcErrorException Error(string tag, string message, RowEdit row) => new("application", tag, message) { Path = row.Path };
}
