using System.Globalization;
using Emulator.Comware.Engine;
using Emulator.Comware.Model.Values;
using Emulator.Comware.Runtime;

namespace Emulator.Comware.Model.Firewall.Routes;

/// <summary>Static routes: one block of global <c>ip route-static</c> lines (V5 dotted masks, V7 lengths); no view.</summary>
public sealed class RouteSection : FirewallSection
{
    public static RouteSection Instance { get; } = new();

    public override int Order => ConfigOrder.StaticRoute;

    public override IEnumerable<IReadOnlyList<string>> Blocks(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return RouteBlocks(config, config.Dialect == ComwareDialect.V7);
    }

    protected override IEnumerable<string>? ViewLines(FirewallConfig config, ViewInstance view) =>
        null;

    private static List<IReadOnlyList<string>> RouteBlocks(FirewallConfig config, bool v7) =>
        config.Routes.StaticRoutes.Count == 0 ? [] : [config.Routes.StaticRoutes.Select(r => " " + RenderRoute(r, v7)).ToList()];
    public static string RenderRoute(StaticRoute route, bool v7)
    {
        ArgumentNullException.ThrowIfNull(route);
        var mask = v7 ? route.Destination.Length.ToString(CultureInfo.InvariantCulture) : route.Destination.MaskText;
        var text = $"ip route-static {route.Destination.AddressText} {mask}";
        if (route.Interface is not null)
        {
            text += " " + route.Interface;
        }

        if (route.NextHop is { } hop)
        {
            text += " " + Ipv4.Format(hop);
        }

        if (route.Preference != 60)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" preference {route.Preference}");
        }

        return route.Description is null ? text : text + " description " + route.Description;
    }
}
