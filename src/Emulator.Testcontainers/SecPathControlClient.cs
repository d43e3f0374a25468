using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Testcontainers;

/// <summary>Client of the emulator's control API (the HTTP endpoint the host serves next to the SSH ports).</summary>
public sealed class SecPathControlClient : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly HttpClient _http;

    /// <summary>Creates a client for the control API at <paramref name="baseAddress" /> (for example http://127.0.0.1:8022/).</summary>
    public SecPathControlClient(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>True when GET /healthz answers 200: every device of the host listens.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>GET /api/devices.</summary>
    public async Task<IReadOnlyList<SecPathDeviceInfo>> GetDevicesAsync(CancellationToken cancellationToken = default)
    {
        var devices = await _http.GetFromJsonAsync<List<SecPathDeviceInfo>>(new Uri("api/devices", UriKind.Relative), JsonOptions, cancellationToken)
            .ConfigureAwait(false);
        return devices ?? [];
    }

    /// <summary>GET /api/devices/{name}.</summary>
    public async Task<SecPathDeviceInfo> GetDeviceAsync(string deviceName, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(DevicePath(deviceName, string.Empty), cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<SecPathDeviceInfo>(JsonOptions, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The control API returned no description of device '{deviceName}'.");
    }

    /// <summary>GET /api/known_hosts: known_hosts lines of every device, as the host sees its listeners
    /// (creates host keys that do not exist yet). Each line ends with <c># device-name</c>.</summary>
    public Task<string> GetKnownHostsAsync(CancellationToken cancellationToken = default) =>
        GetTextAsync(new Uri("api/known_hosts", UriKind.Relative), allowNotFound: false, cancellationToken);

    /// <summary>The host keys of one device, from <see cref="GetKnownHostsAsync" />.</summary>
    public async Task<IReadOnlyList<SecPathHostKey>> GetHostKeysAsync(string deviceName, CancellationToken cancellationToken = default)
    {
        var text = await GetKnownHostsAsync(cancellationToken).ConfigureAwait(false);
        return SecPathKnownHosts.Parse(text).Where(k => k.Device == deviceName).Select(k => k.Key).ToList();
    }

    /// <summary>GET /api/devices/{name}/config/running: what <c>display current-configuration</c> shows.</summary>
    public Task<string> GetRunningConfigurationAsync(string deviceName, CancellationToken cancellationToken = default) =>
        GetTextAsync(DevicePath(deviceName, "/config/running"), allowNotFound: false, cancellationToken);

    /// <summary>GET /api/devices/{name}/config/saved: the saved startup configuration; empty when never saved.</summary>
    public Task<string> GetSavedConfigurationAsync(string deviceName, CancellationToken cancellationToken = default) =>
        GetTextAsync(DevicePath(deviceName, "/config/saved"), allowNotFound: true, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static Uri DevicePath(string deviceName, string suffix) =>
        new("api/devices/" + Uri.EscapeDataString(deviceName) + suffix, UriKind.Relative);

    private async Task<string> GetTextAsync(Uri path, bool allowNotFound, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return string.Empty;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    // The API explains errors in the body ({"error": "..."}); keep that in the exception.
    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}",
                null,
                response.StatusCode);
        }
    }
}

/// <summary>A device as the control API describes it.</summary>
public sealed record SecPathDeviceInfo
{
    /// <summary>Device name (unique in the host).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Profile name, such as <c>F1000-E</c>.</summary>
    public string Profile { get; init; } = string.Empty;

    /// <summary>Model as the device names itself, such as <c>SecPath F1000-E</c>.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Comware generation the device runs (<c>"V5"</c> or <c>"V7"</c> in the API).</summary>
    public SecPathDialect Dialect { get; init; }

    /// <summary>SSH listen address inside the host (the container).</summary>
    public string Address { get; init; } = string.Empty;

    /// <summary>SSH port inside the host (the container).</summary>
    public int Port { get; init; }

    /// <summary>Listener state, <c>listening</c> when healthy.</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>Why the device is not listening, if it is not.</summary>
    public string? Error { get; init; }

    /// <summary>Fingerprints of the host keys created so far (keys are created on first use).</summary>
    public IReadOnlyList<SecPathKeyFingerprint> Fingerprints { get; init; } = [];

    /// <summary>Open SSH connections.</summary>
    public int Connections { get; init; }

    /// <summary>Fields this client does not model, kept for diagnostics.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A host key fingerprint as the device list shows it.</summary>
/// <param name="Type">Key type, such as <c>ssh-rsa</c>.</param>
/// <param name="Bits">Key size.</param>
/// <param name="Fingerprint">SHA-256 fingerprint as OpenSSH prints it (<c>SHA256:</c> and unpadded base64).</param>
public sealed record SecPathKeyFingerprint(string Type, int Bits, string Fingerprint);
