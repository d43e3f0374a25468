namespace Emulator.Host.Tests;

public class ControlAccessPolicyTests
{
    private static ControlAccessPolicy Policy(string control, string? token = null, params string[] allowed) => new(new Uri(control), token, allowed);

    [Theory]
    [InlineData("127.0.0.1:8022", true)]
    [InlineData("127.0.0.1:49153", true)] // a Docker-mapped port
    [InlineData("localhost:8022", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("[::1]:8022", true)]
    [InlineData("127.0.0.2", true)]
    [InlineData("", true)] // HTTP/1.0 probes send none
    [InlineData("evil.example:8022", false)]
    [InlineData("localhost.evil.example", false)]
    [InlineData("192.168.1.10:8022", false)]
    [InlineData("[::1", false)]
    public void Loopback_bind_accepts_loopback_names_only(string host, bool allowed) =>
        Assert.Equal(allowed, Policy("http://127.0.0.1:8022").IsHostAllowed(host));

    [Theory]
    [InlineData("192.168.1.10:8022", true)] // an IP literal cannot be rebound
    [InlineData("[fd00::5]:8022", true)]
    [InlineData("localhost:8121", true)]
    [InlineData("fw1:8022", false)]
    [InlineData("evil.example", false)]
    public void Wildcard_bind_also_accepts_any_ip_literal(string host, bool allowed) =>
        Assert.Equal(allowed, Policy("http://0.0.0.0:8022").IsHostAllowed(host));

    [Fact]
    public void Allowed_hosts_add_names_and_star_allows_any()
    {
        var policy = Policy("http://0.0.0.0:8022", null, "fw1", "lab.example");
        Assert.True(policy.IsHostAllowed("fw1:8022"));
        Assert.True(policy.IsHostAllowed("LAB.example"));
        Assert.False(policy.IsHostAllowed("fw2:8022"));
        Assert.True(Policy("http://127.0.0.1:8022", null, "*").IsHostAllowed("anything.example"));
    }

    [Fact]
    public void A_bound_name_or_address_is_accepted_with_any_port()
    {
        Assert.True(Policy("http://10.1.2.3:8022").IsHostAllowed("10.1.2.3:9000"));
        Assert.False(Policy("http://10.1.2.3:8022").IsHostAllowed("10.1.2.4:8022"));
        Assert.True(Policy("http://[fd00::1]:8022").IsHostAllowed("[fd00::1]:8022"));
    }

    [Theory]
    [InlineData("POST", "127.0.0.1:8022", "http://evil.example", "", true)]
    [InlineData("POST", "127.0.0.1:8022", "null", "", true)]
    [InlineData("POST", "127.0.0.1:8022", "http://127.0.0.1:9999", "", true)]
    [InlineData("POST", "127.0.0.1:8022", "https://127.0.0.1:8022", "", true)]
    [InlineData("POST", "127.0.0.1:8022", "", "cross-site", true)]
    [InlineData("POST", "127.0.0.1:8022", "", "same-site", true)]
    [InlineData("DELETE", "127.0.0.1:8022", "http://evil.example", "", true)]
    [InlineData("POST", "127.0.0.1:8022", "http://127.0.0.1:8022", "same-origin", false)]
    [InlineData("POST", "localhost:8022", "http://LOCALHOST:8022", "", false)]
    [InlineData("POST", "127.0.0.1:8022", "", "none", false)]
    [InlineData("POST", "127.0.0.1:8022", "", "", false)] // curl, HttpClient, Python requests
    [InlineData("GET", "127.0.0.1:8022", "http://evil.example", "cross-site", false)] // reads are kept from the page by CORS
    public void Cross_site_state_changes_are_recognised(string method, string host, string origin, string fetchSite, bool crossSite) =>
        Assert.Equal(crossSite, ControlAccessPolicy.IsCrossSite(method, host, origin, fetchSite));

    [Fact]
    public void The_token_is_compared_whole_and_only_as_a_bearer_token()
    {
        var policy = Policy("http://127.0.0.1:8022", "s3cret-token");
        Assert.True(policy.RequiresToken);
        Assert.True(policy.IsAuthorized("Bearer s3cret-token"));
        Assert.True(policy.IsAuthorized("bearer s3cret-token"));
        Assert.False(policy.IsAuthorized("Bearer s3cret-toke"));
        Assert.False(policy.IsAuthorized("Bearer s3cret-token2"));
        Assert.False(policy.IsAuthorized("Basic czNjcmV0LXRva2Vu"));
        Assert.False(policy.IsAuthorized("s3cret-token"));
        Assert.False(policy.IsAuthorized(null));
        Assert.True(Policy("http://127.0.0.1:8022").IsAuthorized(null));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8022", null, false)]
    [InlineData("http://localhost:8022", null, false)]
    [InlineData("http://[::1]:8022", null, false)]
    [InlineData("http://0.0.0.0:8022", null, true)]
    [InlineData("http://192.168.1.5:8022", null, true)]
    [InlineData("http://0.0.0.0:8022", "t", false)]
    public void Exposure_without_a_token_is_recognised(string control, string? token, bool exposed) =>
        Assert.Equal(exposed, Policy(control, token).IsExposedWithoutToken);
}
