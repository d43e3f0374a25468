using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Emulator.Device.State;
using Emulator.Device.Wiring;
using Serilog.Core;
using Serilog.Events;

namespace Emulator.Host.Tests;

/// <summary>The control API's request checks, end to end over HTTP (docs/control-api.md).</summary>
public sealed class ControlApiSafetyTests : IDisposable
{
    private readonly string _dir = TestHosts.NewStateDir();

    public void Dispose() => TestHosts.Delete(_dir);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, string Error)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        var error = response.IsSuccessStatusCode ? "" : JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!;
        return (response.StatusCode, error);
    }

    [Fact]
    public async Task A_rebinding_host_name_is_refused_and_loopback_names_with_any_port_pass()
    {
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(_dir));
        using var http = TestHosts.Client(app);

        using var evil = new HttpRequestMessage(HttpMethod.Get, "/api/devices");
        evil.Headers.Host = "rebind.evil.example:8022";
        var (status, error) = await SendAsync(http, evil);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, status);
        Assert.Contains("rebind.evil.example", error, StringComparison.Ordinal);

        foreach (var host in new[] { "localhost:49153", "127.0.0.1:8121", $"127.0.0.1:{app.ControlAddress!.Port}" })
        {
            using var ok = new HttpRequestMessage(HttpMethod.Get, "/api/devices");
            ok.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, ok)).Status);
        }
    }

    [Fact]
    public async Task A_cross_site_browser_post_is_refused_and_a_same_origin_one_passes()
    {
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(_dir));
        using var http = TestHosts.Client(app);
        var own = app.ControlAddress!.GetLeftPart(UriPartial.Authority);

        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/devices/fw1/reset");
        foreign.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, foreign)).Status);

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/api/devices/fw1/reset");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, crossSite)).Status);

        using var sameOrigin = new HttpRequestMessage(HttpMethod.Post, "/api/devices/fw1/reset");
        sameOrigin.Headers.Add("Origin", own);
        sameOrigin.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, sameOrigin)).Status);
    }

    [Fact]
    public async Task A_token_is_required_everywhere_but_healthz()
    {
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(_dir) with { ControlToken = "lab-token-1" });
        using var http = TestHosts.Client(app);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", Ct)).StatusCode);
        using (var none = await http.GetAsync("/api/devices", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        }

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/devices/fw1/reset");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "lab-token-2");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, wrong)).Status);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lab-token-1");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/devices", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/devices/fw1/reset", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Bodies_over_one_mebibyte_are_refused()
    {
        await using var app = await TestHosts.StartAsync(TestHosts.Settings(_dir));
        using var http = TestHosts.Client(app);
        using var big = new HttpRequestMessage(HttpMethod.Post, "/api/devices/fw1/reset") { Content = new ByteArrayContent(new byte[(1 << 20) + 1]) };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(http, big)).Status);

        using var small = new HttpRequestMessage(HttpMethod.Post, "/api/devices/fw1/reset") { Content = new ByteArrayContent(new byte[1024]) };
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, small)).Status);
    }

    [Fact]
    public async Task Binding_to_every_interface_without_a_token_logs_a_warning()
    {
        Assert.Contains("--control-token", await WarningsAsync(null), StringComparison.Ordinal);
        Assert.DoesNotContain("control API", await WarningsAsync("t0ken"), StringComparison.Ordinal);
    }

    private async Task<string> WarningsAsync(string? token)
    {
        // Created, never started: the warning is logged before anything binds.
        var sink = new WarningSink();
        var settings = TestHosts.Settings(Path.Combine(_dir, "w")) with { Control = new Uri("http://0.0.0.0:0"), ControlToken = token };
        await using var app = EmulatorApp.Create(settings, TestHosts.Catalog, ComwareEngine.Factory, SshHostKeyCodec.Instance, TimeProvider.System, c => c.WriteTo.Sink(sink));
        return sink.Text;
    }
}
