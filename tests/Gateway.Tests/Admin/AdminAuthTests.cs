using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>The admin key guards every admin route: 401 when missing or wrong, either header form accepted.</summary>
[Collection(AdminCollection.Name)]
public sealed class AdminAuthTests(AdminGatewayFixture fixture)
{
    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "/admin/api/summary" },
        { "GET", "/admin/api/credentials" },
        { "GET", "/admin/api/credentials/0123456789ab" },
        { "POST", "/admin/api/credentials" },
        { "DELETE", "/admin/api/credentials/0123456789ab" },
        { "POST", "/admin/api/credentials/0123456789ab/disable" },
        { "POST", "/admin/api/credentials/0123456789ab/enable" },
        { "POST", "/admin/api/credentials/0123456789ab/recheck" },
        { "POST", "/admin/api/session" },
        { "GET", "/admin/orleans/" },
    };

    [Fact]
    public async Task AdminScheme_IsNotTheDefault_SoProxiedCallsNeverRunItsHandler()
    {
        // The admin routes name their scheme in their policy; as the default it would run on every proxied call.
        var schemes = fixture.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync(OrleansProxy.Gateway.Admin.AdminAuthentication.Scheme));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task MissingOrWrongKey_Answers401(string method, string path)
    {
        using var client = fixture.CreateClient();
        var attempts = new Action<HttpRequestHeaders>[]
        {
            _ => { },
            h => h.Add("x-admin-key", "wrong-admin-key-0000000000"),
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-admin-key-0000000000"),
            h => h.Add("x-admin-key", AdminGatewayFixture.TestAdminKey + "x"),
            h => h.Add("x-api-key", AdminGatewayFixture.ProxyKey),
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", AdminGatewayFixture.ProxyKey),
        };

        foreach (var attempt in attempts)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            attempt(request.Headers);
            using var response = await client.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("authentication_error", body.GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task TheKey_IsAcceptedAsHeaderOrBearer()
    {
        using var client = fixture.CreateClient();
        using var header = new HttpRequestMessage(HttpMethod.Get, "/admin/api/summary") { Headers = { { "x-admin-key", AdminGatewayFixture.TestAdminKey } } };
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/admin/api/summary")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminGatewayFixture.TestAdminKey) },
        };

        using var byHeader = await client.SendAsync(header);
        using var byBearer = await client.SendAsync(bearer);

        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byBearer.StatusCode);
    }

    [Fact]
    public async Task SessionCookie_OpensTheOrleansDashboard_ButNotTheApi()
    {
        using var admin = fixture.CreateAdminClient();
        using var session = await admin.PostAsync("/admin/api/session", null);
        var cookie = session.Headers.GetValues("Set-Cookie").Single();
        var pair = cookie.Split(';')[0];
        using var client = fixture.CreateClient();

        using var dashboard = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/orleans/") { Headers = { { "Cookie", pair } } });
        using var api = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/api/summary") { Headers = { { "Cookie", pair } } });
        using var forged = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/orleans/")
        {
            Headers = { { "Cookie", pair[..^4] + "0000" } },
        });

        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(AdminGatewayFixture.TestAdminKey, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Orleans Dashboard", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task DashboardPage_IsServedWithoutTheKey_AndCarriesNoData()
    {
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/admin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src 'sha256-", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("sessionStorage", html, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", html, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Keys[0].Id, html, StringComparison.Ordinal);
    }
}

/// <summary>Without ADMIN_KEY the admin endpoints are disabled (403 with a clear error), never open.</summary>
[Collection(NoAdminKeyCollection.Name)]
public sealed class AdminDisabledTests(NoAdminKeyGatewayFixture fixture)
{
    [Theory]
    [MemberData(nameof(AdminAuthTests.Routes), MemberType = typeof(AdminAuthTests))]
    public async Task NoAdminKey_EveryAdminRouteAnswers403Disabled(string method, string path)
    {
        using var client = fixture.CreateClient();
        foreach (var key in new[] { null, "", AdminGatewayFixture.TestAdminKey })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (key is not null)
            {
                request.Headers.Add("x-admin-key", key);
            }

            using var response = await client.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("admin_disabled", body.GetProperty("error").GetProperty("type").GetString());
            Assert.Contains("ADMIN_KEY", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoAdminKey_TheProxyStillWorks()
    {
        using var client = fixture.CreateProxyClient();

        using var response = await client.PostAsync("/proxy/aws/claude/v1/messages", new StringContent(
            """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
