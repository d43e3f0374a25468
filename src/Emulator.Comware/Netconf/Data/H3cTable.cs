namespace Emulator.Comware.Netconf.Data;

/// <summary>One row of an H3C table: column name → text, keys first, in the device's column order.</summary>
internal sealed class TableRow(IEnumerable<(string Column, string Value)> cells)
{
    public IReadOnlyList<(string Column, string Value)> Cells { get; } = [.. cells];

    public string? this[string column] => Cells.FirstOrDefault(c => c.Column == column).Value;
}

/// <summary>
/// One table of H3C's Comware 7 NETCONF data model, <c>&lt;top&gt;&lt;Module&gt;&lt;Table&gt;&lt;Row&gt;</c> (e.g.
/// <c>Ifmgr/Interfaces/Interface</c>), read from the typed model and written back as the CLI lines that make the
/// same change, so a NETCONF edit and a CLI command can never disagree. Runs under the device lock.
/// </summary>
internal abstract class H3cTable
{
    /// <summary>Module element under <c>top</c>, e.g. <c>Ifmgr</c>.</summary>
    public abstract string Module { get; }

    /// <summary>Table element, e.g. <c>Interfaces</c>.</summary>
    public abstract string Table { get; }

    /// <summary>Row element, e.g. <c>Interface</c>; null for a single-row table whose columns sit in the table element (<c>Device/Base</c>).</summary>
    public abstract string? Row { get; }

    /// <summary>Columns that identify a row.</summary>
    public abstract IReadOnlyList<string> Keys { get; }

    /// <summary>Every column the table knows (keys included), for unknown-element checks on edits.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Rows of the running configuration; <paramref name="withState"/> adds the read-only columns of <c>get</c>.</summary>
    public abstract IEnumerable<TableRow> Read(ComwareDevice device, bool withState);

    /// <summary>Key columns a client may leave out, with the value they mean (e.g. <c>DestVrfIndex</c> 0).</summary>
    public virtual IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string>();

    /// <summary>CLI lines (from system view) that create the row or set its given columns.</summary>
    public abstract IReadOnlyList<string> Merge(ComwareDevice device, IReadOnlyDictionary<string, string> row, bool exists);

    /// <summary>CLI lines (from system view) that delete the row; called only for a row that exists.</summary>
    public abstract IReadOnlyList<string> Delete(ComwareDevice device, IReadOnlyDictionary<string, string> row);

    /// <summary>The existing row with the same keys, if any.</summary>
    public TableRow? Find(ComwareDevice device, IReadOnlyDictionary<string, string> row) =>
        Read(device, withState: false).FirstOrDefault(existing =>
            Keys.All(k => string.Equals(existing[k], row.GetValueOrDefault(k), StringComparison.Ordinal)));

    /// <summary>Fills key defaults and checks that every key is present.</summary>
    public Dictionary<string, string> Normalize(IReadOnlyDictionary<string, string> row)
    {
        var full = new Dictionary<string, string>(row, StringComparer.Ordinal);
        foreach (var (key, value) in KeyDefaults)
        {
            full.TryAdd(key, value);
        }

        foreach (var key in Keys)
        {
            if (!full.ContainsKey(key))
            {
                throw RpcErrorException.MissingElement(key);
            }
        }

        return full;
    }

    protected static string Required(IReadOnlyDictionary<string, string> row, string column) =>
        row.GetValueOrDefault(column) ?? throw RpcErrorException.MissingElement(column);

    protected static RpcErrorException Invalid(string column, string value) =>
        RpcErrorException.InvalidValue($"Invalid value {value} for {column}.");
}
