using System.Net;
using System.Text.Json;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Users;
using static OrleansProxy.Gateway.Tests.Admin.UserAdminClient;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Every user route of the admin API and its errors, against a standalone gateway.</summary>
[Collection(AdminCollection.Name)]
public sealed class UserAdminApiTests(AdminGatewayFixture fixture)
{
    private static string Future => UserTokensTestTime.Future;

    [Fact]
    public async Task Create_Returns201WithTokenAndLocation_TokenWorksAgainstTheGrain()
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, response) = await SendAsync(admin, HttpMethod.Post, "/admin/api/users", $$"""
            {"name":"Ada","expiresAt":"{{Future}}","allowedFamilies":["claude-sonnet-4-5"],
             "limits":{"maxConcurrent":3,"requestsPerMinute":60},
             "quotas":[{"family":"*","period":"day","tokens":100000}],"budgets":[{"period":"month","usd":25}]}
            """);

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body.GetProperty("id").GetString()!;
        var token = body.GetProperty("token").GetString()!;
        Assert.True(UserTokens.IsUserId(id));
        Assert.StartsWith(UserTokens.Prefix, token, StringComparison.Ordinal);
        Assert.Equal($"/admin/api/users/{id}", response.Headers.Location?.OriginalString);
        var user = body.GetProperty("user");
        Assert.Equal(id, user.GetProperty("id").GetString());
        Assert.Equal("Ada", user.GetProperty("name").GetString());
        Assert.Equal(Future, user.GetProperty("expiresAt").GetString());
        Assert.Equal(3, user.GetProperty("limits").GetProperty("maxConcurrent").GetInt32());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("limits").GetProperty("tokensPerMinute").ValueKind);
        Assert.Equal(100000, user.GetProperty("quotas")[0].GetProperty("left").GetInt64());
        Assert.Equal(25m, user.GetProperty("budgets")[0].GetProperty("leftUsd").GetDecimal());
        var self = await fixture.Grains.GetGrain<IUserGrain>(id).GetSelfAsync(UserTokens.Hash(token));
        Assert.Equal("Ada", self?.Spec.Name);
    }

    [Fact]
    public async Task Create_InvalidBody_400ListsEveryProblem()
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, _) = await SendAsync(admin, HttpMethod.Post, "/admin/api/users",
            """{"expiresAt":"2001-01-01T00:00:00Z","limits":{"maxConcurrent":-1},"budgets":[{"period":"year","usd":1}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains("name is required.", problems);
        Assert.StartsWith("4 problems; the first: ", body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Create_UnreadableBody_400(string text)
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, _) = await SendAsync(admin, HttpMethod.Post, "/admin/api/users", text);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_TooLarge_413()
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, _) = await SendAsync(admin, HttpMethod.Post, "/admin/api/users", $$"""{"name":"{{new string('x', 70_000)}}"}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Routes_WithoutAdminKey_401()
    {
        using var client = fixture.CreateClient();
        var (id, _) = await CreateDirectAsync(fixture.Grains, "keyless");
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Post, "/admin/api/users"), (HttpMethod.Get, "/admin/api/users"), (HttpMethod.Get, $"/admin/api/users/{id}"),
                     (HttpMethod.Patch, $"/admin/api/users/{id}"), (HttpMethod.Delete, $"/admin/api/users/{id}"),
                     (HttpMethod.Post, $"/admin/api/users/{id}/disable"), (HttpMethod.Post, $"/admin/api/users/{id}/enable"),
                     (HttpMethod.Post, $"/admin/api/users/{id}/rotate"), (HttpMethod.Get, "/admin/api/usage"),
                 })
        {
            var (status, body, _) = await SendAsync(client, method, path, method == HttpMethod.Get || method == HttpMethod.Delete ? null : """{"name":"x"}""");
            Assert.True(status == HttpStatusCode.Unauthorized, $"{method} {path}: {status}");
            Assert.Equal("authentication_error", body.GetProperty("error").GetProperty("type").GetString());
        }

        Assert.NotNull(await fixture.Grains.GetGrain<IUserGrain>(id).GetAsync());
    }

    [Theory]
    [InlineData("usr_00000000000000ff")]
    [InlineData("not-a-user")]
    [InlineData("usr_00000000000000FF")]
    public async Task Routes_UnknownOrMalformedId_404(string id)
    {
        using var admin = fixture.CreateAdminClient();
        foreach (var (method, path, json) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Get, $"/admin/api/users/{id}", null), (HttpMethod.Patch, $"/admin/api/users/{id}", """{"name":"x"}"""),
                     (HttpMethod.Delete, $"/admin/api/users/{id}", null), (HttpMethod.Post, $"/admin/api/users/{id}/disable", null),
                     (HttpMethod.Post, $"/admin/api/users/{id}/enable", null), (HttpMethod.Post, $"/admin/api/users/{id}/rotate", null),
                     (HttpMethod.Get, $"/admin/api/usage?user={id}", null),
                 })
        {
            var (status, body, _) = await SendAsync(admin, method, path, json);
            var expected = path.Contains("usage", StringComparison.Ordinal) && !UserTokens.IsUserId(id) ? HttpStatusCode.BadRequest : HttpStatusCode.NotFound;
            Assert.True(status == expected, $"{method} {path}: {status}");
            Assert.Equal(expected == HttpStatusCode.NotFound ? "not_found_error" : "invalid_request_error",
                body.GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Get_ReturnsTheView()
    {
        using var admin = fixture.CreateAdminClient();
        var (id, _, _) = await CreateAsync(admin, """{"name":"Get me"}""");

        var (status, body, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users/{id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Get me", body.GetProperty("name").GetString());
        Assert.False(body.TryGetProperty("token", out _));
        Assert.Equal(["day", "week", "month", "total"], body.GetProperty("usage").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Patch_MergesAbsentKeepsNullClears_InvalidIs400()
    {
        using var admin = fixture.CreateAdminClient();
        var (id, _, _) = await CreateAsync(admin, """
            {"name":"Patch me","allowedFamilies":["claude-3-haiku"],"limits":{"maxConcurrent":2,"tokensPerMinute":9000},
             "quotas":[{"family":"claude-3-haiku","period":"week","tokens":10}]}
            """);

        var (status, body, _) = await SendAsync(admin, HttpMethod.Patch, $"/admin/api/users/{id}",
            """{"name":"Patched","limits":{"tokensPerMinute":null,"requestsPerMinute":5},"allowedFamilies":null}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Patched", body.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("allowedFamilies").ValueKind);
        var limits = body.GetProperty("limits");
        Assert.Equal(2, limits.GetProperty("maxConcurrent").GetInt32());
        Assert.Equal(5, limits.GetProperty("requestsPerMinute").GetInt32());
        Assert.Equal(JsonValueKind.Null, limits.GetProperty("tokensPerMinute").ValueKind);
        Assert.Equal(10, body.GetProperty("quotas")[0].GetProperty("tokens").GetInt64());
        var spec = (await fixture.Grains.GetGrain<IUserGrain>(id).GetAsync())!.Spec;
        Assert.Equal(new UserLimits(2, 5, null), spec.Limits);

        var (invalid, error, _) = await SendAsync(admin, HttpMethod.Patch, $"/admin/api/users/{id}", """{"quotas":[{"family":"*"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal(2, error.GetProperty("problems").GetArrayLength());
        Assert.Equal("Patched", (await fixture.Grains.GetGrain<IUserGrain>(id).GetAsync())!.Spec.Name);
    }

    [Fact]
    public async Task DisableEnable_WithReason_TokenRefusedThenAdmitted()
    {
        using var admin = fixture.CreateAdminClient();
        var (id, token, _) = await CreateAsync(admin, """{"name":"Disable me"}""");
        var grain = fixture.Grains.GetGrain<IUserGrain>(id);

        var (status, body, _) = await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/disable", """{"reason":"left the team"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("disabled").GetBoolean());
        Assert.Equal("left the team", body.GetProperty("disabledReason").GetString());
        Assert.Equal(RefusalKind.Disabled, (await grain.AdmitAsync(AdmissionRequest.Check(UserTokens.Hash(token), null))).Refusal);

        var (_, withoutReason, _) = await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/disable");
        Assert.Equal("disabled by an operator", withoutReason.GetProperty("disabledReason").GetString());
        var (bad, _, _) = await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/disable", """{"reason":5}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad);

        var (enabled, after, _) = await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/enable");
        Assert.Equal(HttpStatusCode.OK, enabled);
        Assert.False(after.GetProperty("disabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("disabledReason").ValueKind);
        Assert.True((await grain.AdmitAsync(AdmissionRequest.Check(UserTokens.Hash(token), null))).IsAdmitted);
    }

    [Fact]
    public async Task Rotate_NewTokenWorks_OldTokenRefused()
    {
        using var admin = fixture.CreateAdminClient();
        var (id, token, _) = await CreateAsync(admin, """{"name":"Rotate me"}""");

        var (status, body, _) = await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/rotate");

        Assert.Equal(HttpStatusCode.OK, status);
        var fresh = body.GetProperty("token").GetString()!;
        Assert.NotEqual(token, fresh);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.NotEqual(JsonValueKind.Null, body.GetProperty("user").GetProperty("tokenRotated").ValueKind);
        var grain = fixture.Grains.GetGrain<IUserGrain>(id);
        Assert.Equal(RefusalKind.UnknownToken, (await grain.AdmitAsync(AdmissionRequest.Check(UserTokens.Hash(token), null))).Refusal);
        Assert.True((await grain.AdmitAsync(AdmissionRequest.Check(UserTokens.Hash(fresh), null))).IsAdmitted);
    }

    [Fact]
    public async Task Delete_204ThenGone()
    {
        using var admin = fixture.CreateAdminClient();
        var (id, _, _) = await CreateAsync(admin, """{"name":"Delete me"}""");

        var (status, _, _) = await SendAsync(admin, HttpMethod.Delete, $"/admin/api/users/{id}");
        var (again, _, _) = await SendAsync(admin, HttpMethod.Delete, $"/admin/api/users/{id}");
        var (get, _, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users/{id}");
        var (list, page, _) = await SendAsync(admin, HttpMethod.Get, "/admin/api/users?search=Delete%20me");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.NotFound, again);
        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Equal(HttpStatusCode.OK, list);
        Assert.DoesNotContain(page.GetProperty("users").EnumerateArray(), u => u.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task List_FiltersBySearchAndDisabled_RowsCarryViews()
    {
        using var admin = fixture.CreateAdminClient();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var (a, _, _) = await CreateAsync(admin, $$$"""{"name":"list {{{tag}}} a","limits":{"requestsPerMinute":7}}""");
        var (b, _, _) = await CreateAsync(admin, $$"""{"name":"list {{tag}} b"}""");
        await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{b}/disable");

        var (_, all, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?search={tag.ToUpperInvariant()}");
        var (_, disabled, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?search={tag}&disabled=true");
        var (_, enabled, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?search={tag}&disabled=false");

        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), all.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(1, disabled.GetProperty("total").GetInt32());
        Assert.Equal(1, enabled.GetProperty("total").GetInt32());
        Assert.Equal(b, Assert.Single(disabled.GetProperty("users").EnumerateArray()).GetProperty("id").GetString());
        var row = Assert.Single(enabled.GetProperty("users").EnumerateArray());
        Assert.Equal(7, row.GetProperty("limits").GetProperty("requestsPerMinute").GetInt32());
        Assert.True(row.GetProperty("usage").TryGetProperty("month", out _));
    }

    [Fact]
    public async Task List_PagesOfAFilteredList_AllReportTheFilteredTotal()
    {
        using var admin = fixture.CreateAdminClient();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(admin, $$"""{"name":"page {{tag}} {{i}}"}""")).Id);
        }

        var (_, first, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?search={tag}&limit=2");
        var (_, second, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?search={tag}&limit=2&after={first.GetProperty("next").GetString()}");
        var (_, everyone, _) = await SendAsync(admin, HttpMethod.Get, "/admin/api/users?limit=1");

        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(ids.Order(StringComparer.Ordinal),
            first.GetProperty("users").EnumerateArray().Concat(second.GetProperty("users").EnumerateArray()).Select(u => u.GetProperty("id").GetString()));
        // Without filters the total is every user, more than this test's three when other tests created users.
        Assert.True(everyone.GetProperty("total").GetInt32() >= 3);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=501")]
    [InlineData("limit=ten")]
    [InlineData("disabled=maybe")]
    public async Task List_BadParameter_400(string query)
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/users?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Changes_AreAuditedByUserId()
    {
        using var admin = fixture.CreateAdminClient();
        var (id, _, _) = await CreateAsync(admin, """{"name":"Audit me"}""");
        await SendAsync(admin, HttpMethod.Patch, $"/admin/api/users/{id}", """{"name":"Audited"}""");
        await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/disable");
        await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/enable");
        await SendAsync(admin, HttpMethod.Post, $"/admin/api/users/{id}/rotate");
        await SendAsync(admin, HttpMethod.Delete, $"/admin/api/users/{id}");

        var actions = fixture.Logs.Records
            .Where(r => r.EventId.Id == OrleansProxy.Gateway.Admin.AdminAudit.UserChangeEventId && r.Value("UserId") == id)
            .Select(r => r.Value("Action"));
        Assert.Equal(["CreateUser", "UpdateUser", "DisableUser", "EnableUser", "RotateUser", "DeleteUser"], actions);
    }
}

/// <summary>Timestamps the user tests use.</summary>
internal static class UserTokensTestTime
{
    /// <summary>An expiry well after any test run.</summary>
    public const string Future = "2099-01-01T00:00:00Z";
}
