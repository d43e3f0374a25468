using System.Xml.Linq;

namespace Emulator.Comware.Netconf.Data;

/// <summary>
/// H3C tables nest some columns in container elements (e.g. <c>ACL/IPv4AdvanceRules/Rule/SrcIPv4/SrcIPv4Addr</c>,
/// <c>NAT/ServerOnInterfaces/Interface/GlobalInfo/GlobalStartIpv4Address</c>). Tables name such a column with a dot
/// (<c>SrcIPv4.SrcIPv4Addr</c>); this turns a row's cells into elements (consecutive cells with the same container
/// share one element) and an edited row's elements back into dotted names.
/// </summary>
internal static class NestedColumns
{
    public static IEnumerable<XElement> Elements(XNamespace ns, IReadOnlyList<(string Column, string Value)> cells)
    {
        XElement? container = null;
        foreach (var (column, value) in cells)
        {
            var dot = column.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                if (container is not null)
                {
                    yield return container;
                    container = null;
                }

                yield return new XElement(ns + column, value);
                continue;
            }

            var parent = column[..dot];
            if (container is not null && container.Name.LocalName != parent)
            {
                yield return container;
                container = null;
            }

            container ??= new XElement(ns + parent);
            container.Add(new XElement(ns + column[(dot + 1)..], value));
        }

        if (container is not null)
        {
            yield return container;
        }
    }

    /// <summary>A row element's cells as (column, element) pairs: one level of containers flattened to dotted names.</summary>
    public static IEnumerable<(string Column, XElement Cell)> Flatten(XElement row)
    {
        foreach (var cell in row.Elements())
        {
            if (!cell.HasElements)
            {
                yield return (cell.Name.LocalName, cell);
                continue;
            }

            foreach (var inner in cell.Elements())
            {
                yield return (cell.Name.LocalName + "." + inner.Name.LocalName, inner);
            }
        }
    }
}
