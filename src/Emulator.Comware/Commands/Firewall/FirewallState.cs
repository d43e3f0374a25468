using Emulator.Comware.Model.Firewall;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Commands.Firewall;

/// <summary>The device's firewall model, created from the device's facts on first use.</summary>
public sealed class FirewallState : IDeviceState
{
    private FirewallConfig? _config;

    public FirewallConfig Config => _config ?? throw new InvalidOperationException("The firewall state was not initialised.");

    public void Initialize(ComwareDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        _config = new FirewallConfig(device.Facts);
    }
}

/// <summary>Small helpers shared by the firewall command handlers.</summary>
internal static class Fw
{
    public static FirewallConfig Config(Engine.CommandContext ctx) => ctx.Device.GetState<FirewallState>().Config;

    public static ValueTask Apply(Engine.CommandContext ctx, FwResult result)
    {
        if (!result.Ok)
        {
            ctx.Fail(result.Error!);
        }

        return ValueTask.CompletedTask;
    }

    public static ValueTask Done => ValueTask.CompletedTask;

    public static T State<T>(Engine.CommandContext ctx) where T : class =>
        ctx.View.State as T ?? throw new InvalidOperationException("The view has no " + typeof(T).Name + ".");

    public static string[] Words(string? text) => text is null ? [] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
