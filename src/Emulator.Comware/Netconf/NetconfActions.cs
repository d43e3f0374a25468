using System.Xml.Linq;
using Emulator.Comware.Netconf.Data;

namespace Emulator.Comware.Netconf;

/// <summary>
/// H3C's <c>&lt;action&gt;</c> (<c>&lt;top xmlns="http://www.h3c.com/netconf/action:1.0"&gt;</c>, H3C Comware 7 NETCONF XML
/// API): the actions that map onto the model. <c>Ifmgr/ClearAllIfStatistics/Clear</c> clears every interface's
/// counters; <c>Ifmgr/Interfaces/Interface</c> rows with <c>IfIndex</c> and <c>Clear</c> clear one interface's (the CLI's
/// <c>reset counters interface</c>; element names as HPE/H3C Comware 7 clients send them, e.g. the Go comware7 client's
/// ClearAllIfStatistics and ClearIfStatistics). Any other table or column is an <c>operation-not-supported</c> error
/// naming it, and nothing is changed: the whole request is checked before anything is cleared. Needs level 2
/// (system) or a role that maps to it, as <c>reset counters</c> does.
/// </summary>
internal static class NetconfActions
{
    private static readonly XNamespace Ns = NetconfNamespaces.Action;

    public static async ValueTask<XElement?> RunAsync(NetconfSession session, XElement operation, CancellationToken cancellationToken)
    {
        var top = operation.Elements().SingleOrDefault() ?? throw RpcErrorException.MissingElement("top");
        if (top.Name.LocalName != "top")
        {
            throw RpcErrorException.UnknownElement("application", top.Name.LocalName);
        }

        if (top.Name.Namespace != Ns)
        {
            throw RpcErrorException.UnknownNamespace(top.Name.LocalName, top.Name.NamespaceName);
        }

        if (session.User.EffectiveLevel(session.Device.Facts.Dialect) < Engine.Levels.System)
        {
            throw RpcErrorException.AccessDenied();
        }

        using var held = await session.Device.LockAsync(cancellationToken);
        var interfaces = H3cTables.Firewall(session.Device).Interfaces;
        var clears = new List<Model.Firewall.Interfaces.FwInterface?>();
        foreach (var module in top.Elements())
        {
            if (module.Name != Ns + "Ifmgr")
            {
                throw NotSupported(module.Name.LocalName);
            }

            foreach (var table in module.Elements())
            {
                switch (table.Name.LocalName)
                {
                    case "ClearAllIfStatistics" when table.Elements().All(e => e.Name == Ns + "Clear"):
                        clears.Add(null);
                        break;
                    case "Interfaces":
                        foreach (var row in table.Elements())
                        {
                            var columns = row.Elements().Select(e => e.Name.LocalName).ToHashSet(StringComparer.Ordinal);
                            if (row.Name != Ns + "Interface" || !columns.SetEquals(["IfIndex", "Clear"]))
                            {
                                throw NotSupported($"Ifmgr/Interfaces/{row.Name.LocalName}/{string.Join(',', columns.Order(StringComparer.Ordinal))}");
                            }

                            clears.Add(H3cTables.Interface(session.Device, row.Element(Ns + "IfIndex")!.Value.Trim()));
                        }

                        break;
                    default:
                        throw NotSupported("Ifmgr/" + table.Name.LocalName);
                }
            }
        }

        foreach (var iface in clears)
        {
            interfaces.ResetCounters(iface);
        }

        return null;
    }

    private static RpcErrorException NotSupported(string what) =>
        new("application", "operation-not-supported", $"The action {what} is not supported.");
}
