namespace Emulator.Comware.Model.Firewall;

/// <summary>Parses <c>service PROTO [source OP P [P2]] [destination OP P [P2]]</c>.</summary>
internal static class ServiceMemberParser
{
    public static bool TryParse(int id, IReadOnlyList<string> words, out ServiceMember? member)
    {
        member = null;
        if (words.Count < 2 || !words[0].Equals("service", StringComparison.OrdinalIgnoreCase)
            || !Ports.TryParseProtocol(words[1], out var protocol))
        {
            return false;
        }

        PortMatch? source = null;
        PortMatch? destination = null;
        var position = 2;
        while (position < words.Count)
        {
            if (protocol is not (Ports.Tcp or Ports.Udp))
            {
                return false;
            }

            var which = words[position++].ToLowerInvariant();
            if (which is not ("source" or "destination") || !Ports.TryParseMatch(protocol.Value, words, ref position, allowNeq: false, out var port))
            {
                return false;
            }

            if (which == "source")
            {
                source = port;
            }
            else
            {
                destination = port;
            }
        }

        member = new ServiceMember(id, protocol, source, destination);
        return true;
    }
}
