using Emulator.Device.Runtime;

namespace Emulator.Host;

/// <summary>
/// GET /healthz: <c>200 ok</c> while every device listens, <c>503</c> naming the devices that don't. It is a
/// middleware ahead of routing, as ASP.NET Core's own <c>UseHealthChecks</c> is, not an endpoint: a container or
/// Kubernetes probe then never builds the route matcher. An image that nobody logs into serves nothing but this
/// probe, and its first one grew the native host by about 1.5 MiB through routing and 0.7 MiB without (issue 15).
/// </summary>
internal static class HealthCheck
{
    public const string Path = "/healthz";

    /// <summary>Answers the probe; <see cref="ControlApiGuard"/> runs first, and routing after.</summary>
    public static void Use(WebApplication app, DeviceFleet fleet)
    {
        app.Use((context, next) =>
        {
            if (!context.Request.Path.Equals(Path, StringComparison.Ordinal))
            {
                return next(context);
            }

            if (!HttpMethods.IsGet(context.Request.Method))
            {
                // What the GET endpoint this replaces answered to other methods.
                context.Response.Headers.Allow = HttpMethods.Get;
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return Task.CompletedTask;
            }

            return Answer(fleet).ExecuteAsync(context);
        });
    }

    private static IResult Answer(DeviceFleet fleet) => fleet.AllListening
        ? Results.Text("ok\n")
        : ControlJson.Result(new ControlJson.UnhealthyDto("unhealthy",
            [.. fleet.Devices.Where(d => d.Status != DeviceStatus.Listening).Select(d => new ControlJson.FailedDeviceDto(d.Name, d.Error))]), statusCode: 503);
}
