namespace Emulator.Comware.Model.Firewall;

/// <summary>Parses the criteria after <c>rule [ID] permit|deny</c>, in any order, as the device accepts them.</summary>
internal static class AclRuleParser
{
    public static (FwResult Result, AclRule? Rule) Parse(AclKind kind, int id, bool permit, IReadOnlyList<string> words)
    {
        int? protocol = null;
        var position = 0;
        if (kind == AclKind.Advanced)
        {
            if (words.Count == 0 || !Ports.TryParseProtocol(words[0], out protocol))
            {
                return (FwResult.Fail("Incomplete command: an advanced ACL rule needs a protocol."), null);
            }

            position = 1;
        }

        var rule = new AclRule { Id = id, Permit = permit, Protocol = protocol };
        while (position < words.Count)
        {
            var word = words[position++].ToLowerInvariant();
            switch (word)
            {
                case "source" or "destination":
                    if (!TryAddress(words, ref position, out var match))
                    {
                        return (FwResult.Fail("Wrong parameter: " + word), null);
                    }

                    if (word == "source" && kind == AclKind.Basic || kind == AclKind.Advanced)
                    {
                        rule = word == "source" ? rule with { Source = match } : rule with { Destination = match };
                        break;
                    }

                    return (FwResult.Fail("Wrong parameter: " + word), null);
                case "source-port" or "destination-port" when kind == AclKind.Advanced && protocol is Ports.Tcp or Ports.Udp:
                    if (!Ports.TryParseMatch(protocol.Value, words, ref position, allowNeq: true, out var port))
                    {
                        return (FwResult.Fail("Wrong parameter: " + word), null);
                    }

                    rule = word == "source-port" ? rule with { SourcePort = port } : rule with { DestinationPort = port };
                    break;
                case "logging":
                    rule = rule with { Logging = true };
                    break;
                case "counting":
                    rule = rule with { Counting = true };
                    break;
                default:
                    return (FwResult.Fail("Wrong parameter: " + word), null);
            }
        }

        return (FwResult.Success, rule);
    }

    private static bool TryAddress(IReadOnlyList<string> words, ref int position, out WildcardMatch match)
    {
        match = WildcardMatch.Any;
        if (position >= words.Count)
        {
            return false;
        }

        if (words[position].Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            position++;
            return true;
        }

        if (position + 1 >= words.Count || !Ipv4.TryParse(words[position], out var address)
            || !Ipv4.TryParseWildcard(words[position + 1], out var wildcard))
        {
            return false;
        }

        position += 2;
        match = new WildcardMatch(address & ~wildcard, wildcard);
        return true;
    }
}
