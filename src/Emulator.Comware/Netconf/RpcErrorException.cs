using System.Xml.Linq;

namespace Emulator.Comware.Netconf;

/// <summary>
/// One <c>&lt;rpc-error&gt;</c> (RFC 6241 section 4.3 and appendix A): type, tag, severity, optional path, message
/// and the offending element or attribute in <c>&lt;error-info&gt;</c>.
/// </summary>
public sealed class RpcErrorException(string type, string tag, string message) : Exception(message)
{
    public string ErrorType { get; } = type;

    public string Tag { get; } = tag;

    public string? Path { get; init; }

    /// <summary>bad-element, bad-attribute, session-id... as (name, value) pairs.</summary>
    public IReadOnlyList<(string Name, string Value)> Info { get; init; } = [];

    public static RpcErrorException Malformed(string message) => new("rpc", "malformed-message", message);

    public static RpcErrorException UnknownOperation(string name) =>
        new("protocol", "operation-not-supported", "Unsupported operation.") { Info = [("bad-element", name)] };

    public static RpcErrorException UnknownElement(string layer, string name) =>
        new(layer, "unknown-element", $"Unknown element {name}.") { Info = [("bad-element", name)] };

    public static RpcErrorException MissingElement(string name) =>
        new("protocol", "missing-element", $"Missing element {name}.") { Info = [("bad-element", name)] };

    public static RpcErrorException BadElement(string name, string message) =>
        new("application", "bad-element", message) { Info = [("bad-element", name)] };

    public static RpcErrorException InvalidValue(string message) => new("application", "invalid-value", message);

    public static RpcErrorException UnknownNamespace(string name, string ns) =>
        new("protocol", "unknown-namespace", "Unknown namespace.") { Info = [("bad-element", name), ("bad-namespace", ns)] };

    public static RpcErrorException OperationFailed(string message) => new("application", "operation-failed", message);

    public static RpcErrorException AccessDenied() => new("protocol", "access-denied", "Permission denied.");

    public XElement ToXml()
    {
        var nc = NetconfNamespaces.Base;
        var error = new XElement(nc + "rpc-error",
            new XElement(nc + "error-type", ErrorType),
            new XElement(nc + "error-tag", Tag),
            new XElement(nc + "error-severity", "error"));
        if (Path is not null)
        {
            error.Add(new XElement(nc + "error-path", Path));
        }

        error.Add(new XElement(nc + "error-message", new XAttribute(XNamespace.Xml + "lang", "en"), Message));
        if (Info.Count > 0)
        {
            error.Add(new XElement(nc + "error-info", Info.Select(i => new XElement(nc + i.Name, i.Value))));
        }

        return error;
    }
}
