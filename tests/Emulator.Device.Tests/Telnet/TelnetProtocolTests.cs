using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Emulator.Device.Telnet;
using static Emulator.Device.Telnet.TelnetCodes;

namespace Emulator.Device.Tests.Telnet;

/// <summary>RFC 854 parsing and the device's option negotiation over in-memory pipes.</summary>
public sealed class TelnetProtocolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_parser_separates_data_from_commands_across_reads()
    {
        var parser = new TelnetParser();
        var data = new ArrayBufferWriter<byte>();
        var commands = new List<TelnetCommand>();
        byte[] wire = [(byte)'a', Iac, Iac, (byte)'b', Iac, Do, Echo, Iac, Sb, WindowSize, 0, 100, 0, 40, Iac, Se, (byte)'c', Iac, Nop];
        foreach (var b in wire)
        {
            parser.Feed([b], data, commands);
        }

        Assert.Equal([(byte)'a', 255, (byte)'b', (byte)'c'], data.WrittenSpan.ToArray());
        Assert.Equal(new TelnetCommand(Do, Echo), commands[0]);
        Assert.Equal(Sb, commands[1].Verb);
        Assert.Equal([0, 100, 0, 40], commands[1].Parameters);
    }

    [Fact]
    public void A_subnegotiation_that_never_ends_stays_bounded()
    {
        var parser = new TelnetParser();
        var data = new ArrayBufferWriter<byte>();
        var commands = new List<TelnetCommand>();
        parser.Feed([Iac, Sb, TerminalType, .. Enumerable.Repeat((byte)'x', 100_000), Iac, Se, (byte)'z'], data, commands);
        Assert.True(Assert.Single(commands).Parameters!.Length <= 256);
        Assert.Equal("z"u8.ToArray(), data.WrittenSpan.ToArray());
    }

    private sealed class Wire : IDuplexPipe
    {
        public Pipe ToServer { get; } = new();
        public Pipe ToClient { get; } = new();
        public PipeReader Input => ToServer.Reader;
        public PipeWriter Output => ToClient.Writer;

        public async Task<byte[]> ReadAsync(int count)
        {
            var got = new List<byte>();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            while (got.Count < count)
            {
                var result = await ToClient.Reader.ReadAsync(timeout.Token);
                var take = (int)Math.Min(count - got.Count, result.Buffer.Length);
                got.AddRange(result.Buffer.Slice(0, take).ToArray());
                ToClient.Reader.AdvanceTo(result.Buffer.GetPosition(take));
            }

            return [.. got];
        }

        public async Task SendAsync(params byte[] bytes) => await ToServer.Writer.WriteAsync(bytes, Ct);
    }

    [Fact]
    public async Task The_device_offers_echo_and_sga_asks_for_naws_and_ttype_and_refuses_the_rest_once()
    {
        var wire = new Wire();
        await using var connection = new TelnetConnection(wire);
        (int, int)? size = null;
        connection.Resized = (c, r) => size = (c, r);
        await connection.StartAsync(Ct);
        Assert.Equal(TelnetConnection.Greeting.ToArray(), await wire.ReadAsync(12));

        // DO ECHO agrees with what we offered: no answer. DO LINEMODE (34) is refused once, not twice.
        await wire.SendAsync(Iac, Do, Echo, Iac, Do, 34, Iac, Do, 34, Iac, Will, TerminalType);
        Assert.Equal(new byte[] { Iac, Wont, 34, Iac, Sb, TerminalType, Send, Iac, Se }, await wire.ReadAsync(9));

        await wire.SendAsync([Iac, Sb, TerminalType, Is, .. "XTERM"u8, Iac, Se, Iac, Sb, WindowSize, 0, 132, 0, 50, Iac, Se, (byte)'x', (byte)'\r', (byte)'\n', (byte)'y', (byte)'\r', 0]);
        var input = await connection.Input.ReadAtLeastAsync(4, Ct);
        Assert.Equal("x\ry\r", Encoding.ASCII.GetString(input.Buffer.ToArray()));
        Assert.Equal("xterm", connection.TerminalType);
        Assert.Equal((132, 50), size);

        await connection.Output.WriteAsync(new byte[] { (byte)'a', 255, (byte)'b' }, Ct);
        Assert.Equal(new byte[] { (byte)'a', Iac, Iac, (byte)'b' }, await wire.ReadAsync(4));
    }
}
