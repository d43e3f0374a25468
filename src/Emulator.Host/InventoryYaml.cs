using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Emulator.Host;

/// <summary>
/// Writes an inventory tree (maps with string keys, lists of strings, strings, integers, nulls) as block YAML through
/// YamlDotNet's emitter, with no reflection (the native host cannot use the reflection serialiser). Strings that
/// YAML 1.1 or 1.2 would read as another type (yes, on, 123, 0x1F, 1e3, null, ~, a date) are double-quoted: PyYAML,
/// which Ansible and Nornir use, reads YAML 1.1, where yes is a boolean (https://yaml.org/type/bool.html).
/// </summary>
internal static partial class InventoryYaml
{
    public static string Write(object document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var emitter = new Emitter(text);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Node(emitter, document);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Node(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "", ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
            case string s:
                var quote = s.Length == 0 || ReadAsOtherType().IsMatch(s);
                emitter.Emit(new Scalar(null, null, s, quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, isPlainImplicit: !quote, isQuotedImplicit: quote));
                break;
            case int number:
                emitter.Emit(new Scalar(number.ToString(CultureInfo.InvariantCulture)));
                break;
            case System.Collections.IDictionary map:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (System.Collections.DictionaryEntry entry in map)
                {
                    Node(emitter, (string)entry.Key);
                    Node(emitter, entry.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case IEnumerable<string> list:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in list)
                {
                    Node(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            default:
                throw new ArgumentException($"an inventory holds no {value.GetType().Name}", nameof(value));
        }
    }

    /// <summary>
    /// YAML 1.1 booleans and nulls (any case), and anything that starts like a number, a sexagesimal, .inf/.nan or a
    /// timestamp: quoting a string that did not need it is harmless, leaving one unquoted changes its type.
    /// </summary>
    [GeneratedRegex(@"^(?:~|null|y|yes|n|no|true|false|on|off|=|<<|[-+]?\.(?:inf|nan)|[-+]?\.?[0-9][0-9a-z_.:+-]*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReadAsOtherType();
}
