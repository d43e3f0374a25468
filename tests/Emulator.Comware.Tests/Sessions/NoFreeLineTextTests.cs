using Emulator.Comware.Sessions;
using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Sessions;

/// <summary>A login refused for want of a VTY gets the dialect's text: V5 "user interfaces", V7 "user lines".</summary>
public sealed class NoFreeLineTextTests
{
    [Theory]
    [InlineData(ComwareDialect.V5, CliSession.NoFreeLineMessage)]
    [InlineData(ComwareDialect.V7, CliSession.NoFreeLineMessageV7)]
    public async Task A_login_with_every_vty_taken_prints_the_dialects_text(ComwareDialect dialect, string expected)
    {
        using var device = TestDevices.Create(dialect);
        await device.EnsureBootedAsync(TestContext.Current.CancellationToken);
        var held = new List<Login>();
        while (device.Logins.TryOpen(new LoginRequest("other", null)) is { } taken)
        {
            held.Add(taken);
        }

        using (var refused = await CliSession.OpenAsync(device, new LoginRequest("admin", null), TestContext.Current.CancellationToken))
        {
            Assert.Null(refused.Login);
            Assert.Equal(expected + (dialect == ComwareDialect.V5 ? "\r\r\n" : "\r\n"), await ShellDriver.RunWithAsync(refused, "display clock\r"));
        }

        held.ForEach(l => l.Dispose());
    }
}
