using Emulator.Ssh.Connection;

namespace Emulator.Ssh.Tests.Connection;

public class MessageRouterTests
{
    [Theory]
    [InlineData(ProtocolPhase.AwaitingService, 5, MessageRoute.ServiceRequest)]
    [InlineData(ProtocolPhase.Authenticating, 5, MessageRoute.ServiceRequest)]
    [InlineData(ProtocolPhase.Authenticated, 5, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.AwaitingService, 50, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 50, MessageRoute.UserAuthRequest)]
    [InlineData(ProtocolPhase.Authenticated, 50, MessageRoute.LateUserAuthRequest)]
    [InlineData(ProtocolPhase.Authenticating, 51, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 52, MessageRoute.ProtocolError)] // CVE-2018-10933
    [InlineData(ProtocolPhase.Authenticated, 52, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 53, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 60, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 61, MessageRoute.UserAuthMethod)]
    [InlineData(ProtocolPhase.Authenticated, 61, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 70, MessageRoute.Unimplemented)]
    [InlineData(ProtocolPhase.AwaitingService, 80, MessageRoute.ProtocolError)] // CVE-2025-32433
    [InlineData(ProtocolPhase.Authenticating, 80, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 90, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 94, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 98, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 200, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticated, 80, MessageRoute.GlobalRequest)]
    [InlineData(ProtocolPhase.Authenticated, 81, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticated, 90, MessageRoute.ChannelOpen)]
    [InlineData(ProtocolPhase.Authenticated, 91, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticated, 93, MessageRoute.Channel)]
    [InlineData(ProtocolPhase.Authenticated, 100, MessageRoute.Channel)]
    [InlineData(ProtocolPhase.Authenticated, 101, MessageRoute.Unimplemented)]
    [InlineData(ProtocolPhase.Authenticated, 200, MessageRoute.Unimplemented)]
    [InlineData(ProtocolPhase.Authenticated, 20, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticated, 31, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticated, 2, MessageRoute.Drop)]
    [InlineData(ProtocolPhase.Authenticating, 1, MessageRoute.PeerDisconnect)]
    [InlineData(ProtocolPhase.Authenticating, 6, MessageRoute.ProtocolError)]
    [InlineData(ProtocolPhase.Authenticating, 9, MessageRoute.Unimplemented)]
    [InlineData(ProtocolPhase.Authenticating, 0, MessageRoute.Unimplemented)]
    internal void Routes_by_phase(ProtocolPhase phase, byte number, MessageRoute expected) =>
        Assert.Equal(expected, MessageRouter.Route(phase, number));

    [Fact]
    public void Nothing_of_the_connection_protocol_passes_before_authentication()
    {
        for (var number = 80; number <= 255; number++)
        {
            Assert.Equal(MessageRoute.ProtocolError, MessageRouter.Route(ProtocolPhase.AwaitingService, (byte)number));
            Assert.Equal(MessageRoute.ProtocolError, MessageRouter.Route(ProtocolPhase.Authenticating, (byte)number));
        }
    }
}
