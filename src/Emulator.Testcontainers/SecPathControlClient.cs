using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emulator.Testcontainers;

/// <summary>Client of the emulator's control API (the HTTP endpoint the host serves next to the SSH ports).</summary>
public sealed class SecPathControlClient : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    /// <summary>Creates a client for the control API at <paramref name="baseAddress" /> (for example http://127.0.0.1:8022/).</summary>
    public SecPathControlClient(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
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

    /// <summary>One device from GET /api/devices, by name.</summary>
    public async Task<SecPathDeviceInfo> GetDeviceAsync(string deviceName, CancellationToken cancellationToken = default)
    {
        var devices = await GetDevicesAsync(cancellationToken).ConfigureAwait(false);
        return devices.FirstOrDefault(d => string.Equals(d.Name, deviceName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException(
                $"The control API lists no device '{deviceName}' (it has: {string.Join(", ", devices.Select(d => d.Name))}).");
    }

    /// <summary>GET /api/devices/{name}/config/running: what <c>display current-configuration</c> shows.</summary>
    public Task<string> GetRunningConfigurationAsync(string deviceName, CancellationToken cancellationToken = default) =>
        GetTextAsync($"api/devices/{Uri.EscapeDataString(deviceName)}/config/running", cancellationToken);

    /// <summary>GET /api/devices/{name}/config/saved: the saved startup configuration (empty when never saved).</summary>
    public Task<string> GetSavedConfigurationAsync(string deviceName, CancellationToken cancellationToken = default) =>
        GetTextAsync($"api/devices/{Uri.EscapeDataString(deviceName)}/config/saved", cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return string.Empty;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A device as the control API lists it.</summary>
public sealed record SecPathDeviceInfo
{
    /// <summary>Device name (unique in the host).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Model / profile name, such as <c>F1000-E</c>.</summary>
    public string? Model { get; init; }

    /// <summary>SSH port inside the container.</summary>
    public int? SshPort { get; init; }

    /// <summary>The device's host keys (public parts).</summary>
    public IReadOnlyList<SecPathHostKey> HostKeys { get; init; } = [];

    /// <summary>Fields this client does not model, kept for diagnostics.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A host key's public part: algorithm (<c>ssh-ed25519</c>, <c>rsa-sha2-256</c>...), key blob and fingerprint.</summary>
public sealed record SecPathHostKey
{
    /// <summary>Key type as written in known_hosts, such as <c>ssh-rsa</c> or <c>ecdsa-sha2-nistp256</c>.</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>Base64 public key blob (the second field of a known_hosts line).</summary>
    public string PublicKey { get; init; } = string.Empty;

    /// <summary>SHA-256 fingerprint as OpenSSH prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public string Fingerprint { get; init; } = string.Empty;
}
