using Emulator.Comware.Tests.Support;

namespace Emulator.Comware.Tests.Management;

/// <summary>Management commands driven through a real <see cref="CliSession"/> with services that hold real keys.</summary>
public class ManagementShellTests
{
    private static ComwareDevice Create(ComwareDialect dialect, out FakeDeviceServices services)
    {
        services = new FakeDeviceServices(RealHostKeys.CreatedAt(new DateTimeOffset(2011, 5, 12, 15, 40, 48, TimeSpan.Zero)));
        return new ComwareDevice(TestDevices.DisplayFacts(dialect), services, new FixedTimeProvider(TestDevices.Epoch), TestDevices.Commands);
    }

    private static string Plain(string output) => output.Replace("\r", "", StringComparison.Ordinal).Replace("\0", "", StringComparison.Ordinal);

    [Fact]
    public async Task V7_key_pair_dialog_and_display()
    {
        using var device = Create(ComwareDialect.V7, out var services);
        var output = Plain(await ShellDriver.RunAsync(device, "system-view\rpublic-key local create rsa\r\rdisplay public-key local rsa public\rquit\rquit\r"));
        Assert.Contains(
            "The range of public key modulus is (512 ~ 4096).\nIf the key modulus is greater than 512, it will take a few minutes.\nPress CTRL+C to abort.\nInput the modulus length [default = 1024]:",
            output, StringComparison.Ordinal);
        Assert.Contains("Generating Keys...\nCreate the key pair successfully.\n", output, StringComparison.Ordinal);
        Assert.Contains("=============================================\nKey name: hostkey (default)\nKey type: RSA\nTime when key pair created: 15:40:48 2011/05/12\nKey code:\n   30819F300D06092A864886F70D010101050003818D0030818902818100", output, StringComparison.Ordinal);
        Assert.Equal(1024, Assert.Single(services.List()).Bits);
    }

    [Fact]
    public async Task V5_key_pair_dialog_takes_bits_and_confirms_replacement()
    {
        using var device = Create(ComwareDialect.V5, out var services);
        var output = Plain(await ShellDriver.RunAsync(device, "system-view\rpublic-key local create rsa\r4096\r2048\rpublic-key local create rsa\rn\rdisplay public-key local rsa public\rquit\rquit\r"));
        Assert.Contains("The range of public key size is (512 ~ 2048).\nNOTES: If the key modulus is greater than 512,\n       It will take a few minutes.\nInput the bits in the modulus[default = 1024]:", output, StringComparison.Ordinal);
        Assert.Contains("Warning: The local key pair already exist.\n Confirm to replace them? [Y/N]:", output, StringComparison.Ordinal);
        Assert.Contains("Key name: HOST_KEY\nKey type: RSA Encryption Key\n", output, StringComparison.Ordinal);
        Assert.Equal(2048, Assert.Single(services.List()).Bits);
    }

    [Fact]
    public async Task Save_writes_the_running_configuration()
    {
        using var device = Create(ComwareDialect.V5, out var services);
        var output = Plain(await ShellDriver.RunAsync(device, "save\ry\r\rquit\r"));
        Assert.Contains("The current configuration will be written to the device. Are you sure? [Y/N]:y\nPlease input the file name(*.cfg)[cfa0:/startup.cfg]\n(To leave the existing filename unchanged, press the enter key):\n Validating file. Please wait....\n Configuration is saved to device successfully.\n", output, StringComparison.Ordinal);
        Assert.Equal(device.RenderCurrentConfiguration(), services.StartupConfiguration);
    }

    [Fact]
    public async Task Reboot_after_confirmation_calls_the_device()
    {
        using var device = Create(ComwareDialect.V7, out var services);
        var output = Plain(await ShellDriver.RunAsync(device, "reboot\rn\ry\r"));
        Assert.Contains("Current configuration may be lost after the reboot, save current configuration? [Y/N]:n\nThis command will reboot the device. Continue? [Y/N]:y\nNow rebooting, please wait...\n", output, StringComparison.Ordinal);
        Assert.Equal(1, services.Reboots);
    }
}
