namespace Emulator.Host;

/// <summary>
/// Applies <see cref="ControlAccessPolicy"/> before any endpoint runs, in this order: Host (421), cross-site browser
/// request (403), bearer token (401, except /healthz), body size (413). Every refusal is a JSON <c>{"error": …}</c>.
/// </summary>
internal static partial class ControlApiGuard
{
    public static void Use(WebApplication app, ControlAccessPolicy policy)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var host = request.Headers.Host.ToString();
            if (!policy.IsHostAllowed(host))
            {
                await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest,
                    $"Host '{host}' is not this API's address; add it with --control-allowed-hosts if it is (DNS rebinding protection)");
                return;
            }

            if (ControlAccessPolicy.IsCrossSite(request.Method, host, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString()))
            {
                await RefuseAsync(context, StatusCodes.Status403Forbidden, "cross-site requests that change state are refused");
                return;
            }

            if (!request.Path.Equals(HealthCheck.Path, StringComparison.Ordinal) && !policy.IsAuthorized(request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"emulator\"";
                await RefuseAsync(context, StatusCodes.Status401Unauthorized, "a bearer token is required (Authorization: Bearer <token>)");
                return;
            }

            if (request.ContentLength > ControlAccessPolicy.MaxRequestBodyBytes)
            {
                await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"request bodies are limited to {ControlAccessPolicy.MaxRequestBodyBytes} bytes");
                return;
            }

            await next(context);
        });
    }

    public static void LogStartWarnings(ILogger logger, ControlAccessPolicy policy, Uri control)
    {
        if (policy.IsExposedWithoutToken)
        {
            LogExposed(logger, control.GetLeftPart(UriPartial.Authority));
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string error)
    {
        // The body was not read; closing the connection keeps an unread oversized body from being drained.
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.Headers.Connection = "close";
        }

        return ControlJson.Result(new ControlJson.ErrorDto(error), statusCode: status).ExecuteAsync(context);
    }

    [LoggerMessage(LogLevel.Warning, "the control API on {Address} is reachable from other hosts and needs no token: anyone who can reach it can read configurations and reset devices; set --control-token (EMULATOR_CONTROL_TOKEN)")]
    private static partial void LogExposed(ILogger logger, string address);
}
