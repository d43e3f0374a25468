using System.Text;
using Emulator.Comware.Tests.Support;
using static Emulator.Comware.Tests.Netconf.NetconfClient;

namespace Emulator.Comware.Tests.Netconf;

/// <summary>Mutated requests (fixed seed, so a failure reproduces) get an rpc-reply each; the session never faults.</summary>
public sealed class NetconfRobustnessTests
{
    private static readonly string[] Seeds =
    [
        "<rpc message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get-config><source><running/></source><filter type=\"subtree\"><top xmlns=\"http://www.h3c.com/netconf/config:1.0\"><Ifmgr/></top></filter></get-config></rpc>",
        "<rpc message-id=\"2\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><edit-config><target><running/></target><config><top xmlns=\"http://www.h3c.com/netconf/config:1.0\"><StaticRoute><Ipv4StaticRouteConfigurations><RouteEntry><Ipv4Address>10.0.0.0</Ipv4Address><Ipv4PrefixLength>8</Ipv4PrefixLength><NexthopIpv4Address>192.168.0.2</NexthopIpv4Address></RouteEntry></Ipv4StaticRouteConfigurations></StaticRoute></top></config></edit-config></rpc>",
        "<rpc message-id=\"3\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><get-bulk><filter type=\"subtree\"><top xmlns=\"http://www.h3c.com/netconf/data:1.0\"><Ifmgr><Interfaces count=\"2\"><Interface><IfIndex>1</IfIndex></Interface></Interfaces></Ifmgr></top></filter></get-bulk></rpc>",
        "<rpc message-id=\"4\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><CLI><Configuration>interface GigabitEthernet1/0/1\n description x</Configuration></CLI></rpc>",
    ];

    [Fact]
    public async Task Mutated_requests_never_fault_the_session()
    {
        var random = new Random(17);
        var device = TestDevices.Create(ComwareDialect.V7);
        await using var client = await OpenAsync(device);
        for (var i = 0; i < 300; i++)
        {
            var text = new StringBuilder(Seeds[random.Next(Seeds.Length)]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
                        break;
                    case 1:
                        text.Insert(at, "<>&\"'/=x#0 "[random.Next(11)]);
                        break;
                    default:
                        text.Insert(at, text.ToString(random.Next(text.Length / 2), random.Next(1, 20)));
                        break;
                }
            }

            await client.SendRawAsync(text.ToString());
            var reply = await client.ReplyAsync();
            Assert.Equal(Nc + "rpc-reply", reply.Name);
            Assert.DoesNotContain("Internal error.", reply.ToString(), StringComparison.Ordinal);
        }

        AssertOk(await client.RpcAsync("<lock><target><running/></target></lock>"));
    }
}
