using System.Xml;
using System.Xml.Linq;

namespace Emulator.Comware.Netconf;

/// <summary>Namespaces of NETCONF (RFC 6241) and of H3C's Comware 7 NETCONF XML API.</summary>
public static class NetconfNamespaces
{
    public static readonly XNamespace Base = "urn:ietf:params:xml:ns:netconf:base:1.0";

    /// <summary>H3C's <c>&lt;top&gt;</c> for <c>get</c> / <c>get-bulk</c> (configuration and state).</summary>
    public static readonly XNamespace Data = "http://www.h3c.com/netconf/data:1.0";

    /// <summary>H3C's <c>&lt;top&gt;</c> for <c>get-config</c>, <c>get-bulk-config</c> and <c>edit-config</c>.</summary>
    public static readonly XNamespace Config = "http://www.h3c.com/netconf/config:1.0";

    /// <summary>H3C's <c>&lt;top&gt;</c> for <c>action</c>.</summary>
    public static readonly XNamespace Action = "http://www.h3c.com/netconf/action:1.0";

    /// <summary>H3C's own attributes (<c>h3c:count</c>, <c>h3c:index</c> of get-bulk).</summary>
    public static readonly XNamespace H3cBase = "http://www.h3c.com/netconf/base:1.0";
}

/// <summary>
/// Parses client messages with DTDs prohibited and no resolver, so no entity (internal or external) is ever expanded
/// and no file or URL is ever opened (OWASP XXE prevention for .NET: <c>DtdProcessing.Prohibit</c>, <c>XmlResolver = null</c>).
/// </summary>
public static class NetconfXml
{
    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreProcessingInstructions = true,
        IgnoreComments = true,
        CloseInput = true,
    };

    /// <summary>The message's root element; throws <see cref="XmlException"/> for anything malformed or with a DTD.</summary>
    public static XElement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = XmlReader.Create(new StringReader(text.Trim()), SafeSettings);
        var document = XDocument.Load(reader, LoadOptions.None);
        return document.Root ?? throw new XmlException("empty document");
    }

    /// <summary>Serialises a reply with the XML declaration real devices send and no indentation.</summary>
    public static string Serialize(XElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + element.ToString(SaveOptions.DisableFormatting);
    }
}
