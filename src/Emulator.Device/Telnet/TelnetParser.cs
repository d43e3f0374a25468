using System.Buffers;

namespace Emulator.Device.Telnet;

/// <summary>Telnet command bytes (RFC 854) and the options the device negotiates.</summary>
internal static class TelnetCodes
{
    public const byte Se = 240, Nop = 241, Sb = 250, Will = 251, Wont = 252, Do = 253, Dont = 254, Iac = 255;

    /// <summary>RFC 857 ECHO, RFC 858 SUPPRESS-GO-AHEAD, RFC 1091 TERMINAL-TYPE, RFC 1073 NAWS.</summary>
    public const byte Echo = 1, SuppressGoAhead = 3, TerminalType = 24, WindowSize = 31;

    /// <summary>RFC 1091: TERMINAL-TYPE IS / SEND.</summary>
    public const byte Is = 0, Send = 1;
}

/// <summary>A negotiation the client sent: a verb (WILL, WONT, DO, DONT) with its option, or a subnegotiation.</summary>
internal readonly record struct TelnetCommand(byte Verb, byte Option, byte[]? Parameters = null);

/// <summary>
/// Splits the client's byte stream into data and telnet commands (RFC 854). Stateful, so a command split across reads
/// decodes the same as in one read; IAC IAC is a data byte 255; a subnegotiation is bounded so a client cannot grow it forever.
/// </summary>
internal sealed class TelnetParser
{
    private const int MaxSubnegotiation = 256;

    private readonly List<byte> _sub = [];
    private State _state = State.Data;
    private byte _verb;

    private enum State { Data, Iac, Verb, Sub, SubIac }

    public void Feed(ReadOnlySpan<byte> input, IBufferWriter<byte> data, List<TelnetCommand> commands)
    {
        foreach (var b in input)
        {
            switch (_state)
            {
                case State.Data when b == TelnetCodes.Iac:
                    _state = State.Iac;
                    break;
                case State.Data:
                    data.GetSpan(1)[0] = b;
                    data.Advance(1);
                    break;
                case State.Iac:
                    _state = State.Data;
                    if (b == TelnetCodes.Iac)
                    {
                        data.GetSpan(1)[0] = b;
                        data.Advance(1);
                    }
                    else if (b is TelnetCodes.Will or TelnetCodes.Wont or TelnetCodes.Do or TelnetCodes.Dont)
                    {
                        _verb = b;
                        _state = State.Verb;
                    }
                    else if (b == TelnetCodes.Sb)
                    {
                        _sub.Clear();
                        _state = State.Sub;
                    }

                    // Other commands (NOP, GA, AYT, BRK...) carry nothing the CLI needs.
                    break;
                case State.Verb:
                    commands.Add(new TelnetCommand(_verb, b));
                    _state = State.Data;
                    break;
                case State.Sub when b == TelnetCodes.Iac:
                    _state = State.SubIac;
                    break;
                case State.Sub:
                    if (_sub.Count < MaxSubnegotiation)
                    {
                        _sub.Add(b);
                    }

                    break;
                case State.SubIac when b == TelnetCodes.Se:
                    if (_sub.Count > 0)
                    {
                        commands.Add(new TelnetCommand(TelnetCodes.Sb, _sub[0], [.. _sub.Skip(1)]));
                    }

                    _state = State.Data;
                    break;
                case State.SubIac:
                    // IAC IAC inside a subnegotiation is a 255 parameter byte.
                    if (b == TelnetCodes.Iac && _sub.Count < MaxSubnegotiation)
                    {
                        _sub.Add(b);
                    }

                    _state = State.Sub;
                    break;
            }
        }
    }
}
