using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall;

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

    /// <summary>A <c>display</c> command of any view at monitor level whose output is <paramref name="render"/>.</summary>
    public static void Display(Engine.CommandRegistry r, string syntax, string[] help, Func<Engine.CommandContext, IEnumerable<string>> render, Engine.Dialects dialects = Engine.Dialects.All) =>
        r.Add(new Engine.CommandDefinition
        {
            Syntax = syntax,
            Help = help,
            Views = [Engine.ViewIds.Any],
            Level = Engine.Levels.Monitor,
            Dialects = dialects,
            Handler = ctx =>
            {
                ctx.WriteLines(render(ctx));
                return Done;
            },
        });
}
