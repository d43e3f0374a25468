using System.Globalization;
using System.Xml.Linq;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// Builds H3C's <c>&lt;top&gt;</c> tree from the model and applies RFC 6241 section 6 subtree filters to it.
/// <c>get-bulk</c> paging (H3C): a row filter whose keys all carry values is the index to start after, and a
/// <c>count</c> attribute on the table or row element (H3C base namespace or none) limits the rows returned.
/// Caller holds the device lock.
/// </summary>
internal static class DataTree
{
    public static XElement? Read(ComwareDevice device, XNamespace ns, bool withState, XElement? filter, bool bulk)
    {
        var topFilter = TopFilter(filter, ns);
        if (filter is not null && topFilter is null)
        {
            // A filter that selects nothing we model (other namespaces, e.g. ietf-netconf-monitoring) selects nothing.
            return null;
        }

        var top = new XElement(ns + "top");
        foreach (var group in H3cTables.All.GroupBy(t => t.Module))
        {
            var moduleFilter = topFilter?.Element(ns + group.Key);
            if (topFilter is not null && topFilter.HasElements && moduleFilter is null)
            {
                continue;
            }

            var module = new XElement(ns + group.Key);
            foreach (var table in group)
            {
                var tableFilter = moduleFilter?.Element(ns + table.Table);
                if (moduleFilter is not null && moduleFilter.HasElements && tableFilter is null)
                {
                    continue;
                }

                var element = TableElement(device, ns, table, withState, tableFilter, bulk);
                if (element is not null)
                {
                    module.Add(element);
                }
            }

            if (module.HasElements)
            {
                top.Add(module);
            }
        }

        return top;
    }

    private static XElement? TopFilter(XElement? filter, XNamespace ns)
    {
        if (filter is null)
        {
            return null;
        }

        var tops = filter.Elements().ToList();
        var match = tops.FirstOrDefault(e => e.Name == ns + "top");
        if (match is null && tops.FirstOrDefault(e => e.Name.LocalName == "top" && e.Name.Namespace.NamespaceName.StartsWith("http://www.h3c.com/netconf/", StringComparison.Ordinal)) is { } wrong)
        {
            throw RpcErrorException.UnknownNamespace("top", wrong.Name.NamespaceName);
        }

        return match;
    }

    private static XElement? TableElement(ComwareDevice device, XNamespace ns, H3cTable table, bool withState, XElement? filter, bool bulk)
    {
        var rows = table.Read(device, withState).ToList();
        if (table.Row is null)
        {
            var single = new XElement(ns + table.Table, NestedColumns.Elements(ns, rows[0].Cells));
            return filter is null ? single : Filter(single, filter);
        }

        var rowFilter = filter?.Element(ns + table.Row);
        if (bulk && filter is not null)
        {
            rows = Page(table, rows, filter, rowFilter);
            rowFilter = rowFilter is null ? null : WithoutKeyValues(table, rowFilter, ns);
        }

        var element = new XElement(ns + table.Table,
            rows.Select(r => new XElement(ns + table.Row, NestedColumns.Elements(ns, r.Cells))));
        if (filter is null)
        {
            return element;
        }

        var effective = new XElement(filter.Name, filter.Attributes().Where(a => a.Name.LocalName != "count"), rowFilter is null ? filter.Elements().Where(e => e.Name != ns + table.Row) : [rowFilter]);
        return Filter(element, effective);
    }

    private static List<TableRow> Page(H3cTable table, List<TableRow> rows, XElement tableFilter, XElement? rowFilter)
    {
        var start = 0;
        if (rowFilter is not null && table.Keys.All(k => rowFilter.Elements().Any(e => e.Name.LocalName == k && e.Value.Length > 0)))
        {
            var index = rows.FindIndex(r => table.Keys.All(k => r[k] == rowFilter.Elements().First(e => e.Name.LocalName == k).Value));
            start = index < 0 ? rows.Count : index + 1;
        }

        var count = Count(tableFilter) ?? (rowFilter is null ? null : Count(rowFilter));
        var page = rows.Skip(start);
        return [.. count is { } n ? page.Take(n) : page];
    }

    private static int? Count(XElement element)
    {
        var attribute = element.Attributes().FirstOrDefault(a => a.Name.LocalName == "count"
            && (a.Name.Namespace == NetconfNamespaces.H3cBase || a.Name.Namespace == XNamespace.None));
        if (attribute is null)
        {
            return null;
        }

        return int.TryParse(attribute.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw RpcErrorException.InvalidValue($"Invalid value {attribute.Value} for count.");
    }

    private static XElement WithoutKeyValues(H3cTable table, XElement rowFilter, XNamespace ns) =>
        new(rowFilter.Name, rowFilter.Elements().Select(e => table.Keys.Contains(e.Name.LocalName) && e.Name.Namespace == ns ? new XElement(e.Name) : e));

    /// <summary>
    /// RFC 6241 6.2: the data node matching <paramref name="filter"/>, or null when a content-match node fails or no
    /// selected descendant remains. An empty filter node selects the whole subtree.
    /// </summary>
    public static XElement? Filter(XElement data, XElement filter)
    {
        var children = filter.Elements().ToList();
        if (children.Count == 0)
        {
            return filter.Value.Trim().Length == 0 || data.Value == filter.Value.Trim() ? new XElement(data) : null;
        }

        var contentMatches = children.Where(c => !c.HasElements && c.Value.Trim().Length > 0).ToList();
        foreach (var match in contentMatches)
        {
            if (!data.Elements(match.Name).Any(d => !d.HasElements && d.Value == match.Value.Trim()))
            {
                return null;
            }
        }

        var others = children.Except(contentMatches).ToList();
        if (others.Count == 0)
        {
            // Only content-match nodes: every sibling is selected (6.2.5).
            return new XElement(data);
        }

        var result = new XElement(data.Name, data.Attributes());
        foreach (var child in data.Elements())
        {
            if (contentMatches.Any(m => m.Name == child.Name))
            {
                result.Add(new XElement(child));
                continue;
            }

            foreach (var selector in others.Where(o => o.Name == child.Name))
            {
                if (Filter(child, selector) is { } kept)
                {
                    result.Add(kept);
                    break;
                }
            }
        }

        return result.HasElements || contentMatches.Count > 0 ? result : null;
    }
}
