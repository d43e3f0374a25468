using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Host;

/// <summary>
/// Who may talk to the control API. The API needs no login on loopback, so what protects it there is that a web page
/// in the user's browser cannot reach it: a DNS-rebinding page sends its own name in <c>Host</c>, and a cross-site form
/// POST carries a foreign <c>Origin</c> or <c>Sec-Fetch-Site: cross-site</c> (Fetch standard, "Sec-Fetch-Site"). A bearer
/// token (RFC 6750) adds authentication for everything but <c>/healthz</c>. docs/control-api.md states every rule.
/// </summary>
internal sealed class ControlAccessPolicy
{
    /// <summary>Largest request body accepted (no endpoint needs more than a small JSON document).</summary>
    public const long MaxRequestBodyBytes = 1 << 20;

    private readonly byte[]? _tokenHash;
    private readonly HashSet<string> _allowedHosts;
    private readonly bool _anyHost;

    public ControlAccessPolicy(Uri control, string? token, IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(control);
        BoundHost = control.IdnHost.Trim('[', ']');
        IsWildcard = BoundHost is "0.0.0.0" or "::" or "*" or "+";
        IsLoopback = BoundHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(BoundHost, out var ip) && IPAddress.IsLoopback(ip));
        _tokenHash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
        _allowedHosts = new HashSet<string>(allowedHosts.Select(h => h.Trim().Trim('[', ']')).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);
        _anyHost = _allowedHosts.Contains("*");
    }

    /// <summary>The bound address or name, without brackets.</summary>
    public string BoundHost { get; }

    /// <summary>Bound to every interface (0.0.0.0, [::]), as in the container image.</summary>
    public bool IsWildcard { get; }

    public bool IsLoopback { get; }

    public bool RequiresToken => _tokenHash is not null;

    /// <summary>True when the API is reachable from other machines and nothing authenticates it: worth a warning.</summary>
    public bool IsExposedWithoutToken => !IsLoopback && !RequiresToken;

    /// <summary>
    /// Accepts a missing Host (HTTP/1.0 probes), <c>localhost</c>, loopback IP literals, the bound address and the names of
    /// --control-allowed-hosts, each with any port (Docker maps ports); when bound to a wildcard address, any IP literal
    /// too (an IP literal cannot be rebound, and a container does not know the addresses it is reached by).
    /// </summary>
    public bool IsHostAllowed(string? hostHeader)
    {
        if (string.IsNullOrEmpty(hostHeader) || _anyHost)
        {
            return true;
        }

        var host = HostName(hostHeader);
        if (host is null)
        {
            return false;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.Equals(BoundHost, StringComparison.OrdinalIgnoreCase)
            || _allowedHosts.Contains(host))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && (IPAddress.IsLoopback(ip) || IsWildcard);
    }

    /// <summary>
    /// A state-changing request (anything but GET, HEAD, OPTIONS) from a browser is refused unless it comes from the API's
    /// own origin: <c>Sec-Fetch-Site</c> other than same-origin/none, or an <c>Origin</c> that is not http://{Host}.
    /// Clients that are not browsers send neither header and pass.
    /// </summary>
    public static bool IsCrossSite(string method, string? host, string? origin, string? secFetchSite)
    {
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(secFetchSite) && secFetchSite is not ("same-origin" or "none"))
        {
            return true;
        }

        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }

        return !Uri.TryCreate(origin, UriKind.Absolute, out var o) || o.Scheme != Uri.UriSchemeHttp
            || !Uri.TryCreate("http://" + host, UriKind.Absolute, out var own)
            || !o.Authority.Equals(own.Authority, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when no token is configured or the header is <c>Bearer &lt;token&gt;</c>; compared in constant time.</summary>
    public bool IsAuthorized(string? authorization)
    {
        if (_tokenHash is null)
        {
            return true;
        }

        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison independent of the token's length as well as its content.
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _tokenHash);
    }

    private static string? HostName(string hostHeader)
    {
        if (hostHeader.StartsWith('['))
        {
            var close = hostHeader.IndexOf(']', StringComparison.Ordinal);
            return close > 1 ? hostHeader[1..close] : null;
        }

        var colon = hostHeader.LastIndexOf(':');
        return colon >= 0 ? hostHeader[..colon] : hostHeader;
    }
}
