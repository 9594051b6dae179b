using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansProxy.Usage;
using OrleansProxy.Users;
using static OrleansProxy.Gateway.Tests.Admin.UserAdminClient;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary><c>GET /admin/api/usage</c> as JSON and CSV agrees with the users' own views.</summary>
[Collection(AdminCollection.Name)]
public sealed class UserUsageReportTests(AdminGatewayFixture fixture)
{
    private static readonly string[] Counters =
        ["requests", "inputTokens", "outputTokens", "cacheReadInputTokens", "cacheWrite5mInputTokens", "cacheWrite1hInputTokens", "costUsd"];

    private async Task<List<(string Id, string Token)>> DriveUsageAsync(DateTimeOffset at)
    {
        var users = new List<(string Id, string Token)>();
        for (var i = 0; i < 3; i++)
        {
            var user = await CreateDirectAsync(fixture.Grains, $"usage {i}");
            users.Add(user);
            for (var r = 0; r <= i; r++)
            {
                await UseAsync(fixture.Grains, user.Id, user.Token, "claude-sonnet-4-5", new TokenUsage(100 + r, 20, 1000, 50, 7), at);
            }

            await UseAsync(fixture.Grains, user.Id, user.Token, "claude-3-haiku", new TokenUsage(10, 5 * (i + 1)), at);
        }

        foreach (var (id, _) in users)
        {
            await WaitActiveAsync(fixture.Grains, id, UsagePeriods.Day(at));
        }

        return users;
    }

    [Fact]
    public async Task Usage_JsonAndCsv_AgreeWithTheUsersViews()
    {
        var now = fixture.Clock.GetUtcNow();
        var today = UsagePeriods.Day(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var users = await DriveUsageAsync(now);
        using var admin = fixture.CreateAdminClient();

        var (status, report, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/usage?from={today}&to={today}&groupBy=user,family");
        using var csvResponse = await admin.GetAsync($"/admin/api/usage?from={today}&to={today}&groupBy=user,family&format=csv");
        var csv = await csvResponse.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var lines = csv.Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.Equal(string.Join(',', new[] { "user", "family" }.Concat(Counters)), lines[0]);
        var csvRows = lines[1..^1].Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]), f => f[2..]);
        var jsonRows = report.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => (r.GetProperty("user").GetString()!, r.GetProperty("family").GetString()!));
        Assert.Equal(jsonRows.Keys.Order(), csvRows.Keys.Order());

        foreach (var (id, _) in users)
        {
            var view = (await fixture.Grains.GetGrain<IUserGrain>(id).GetAsync())!;
            var families = view.Periods.Single(p => p.Period == UsagePeriod.Day).ByFamily;
            Assert.Equal(2, families.Count);
            foreach (var (family, usage) in families)
            {
                var expected = new[]
                {
                    usage.Requests.ToString(CultureInfo.InvariantCulture), usage.Tokens.Input.ToString(CultureInfo.InvariantCulture),
                    usage.Tokens.Output.ToString(CultureInfo.InvariantCulture), usage.Tokens.CacheRead.ToString(CultureInfo.InvariantCulture),
                    usage.Tokens.CacheWrite5m.ToString(CultureInfo.InvariantCulture), usage.Tokens.CacheWrite1h.ToString(CultureInfo.InvariantCulture),
                    usage.CostUsd.ToString(CultureInfo.InvariantCulture),
                };
                Assert.Equal(expected, csvRows[(id, family)]);
                var row = jsonRows[(id, family)];
                Assert.Equal(expected, Counters.Select(c => row.GetProperty(c).GetRawText()));
            }
        }

        Assert.True(jsonRows[(users[2].Id, "claude-sonnet-4-5")].GetProperty("costUsd").GetDecimal() > 0, "cache tokens were not priced");
        var totals = report.GetProperty("totals");
        Assert.Equal(jsonRows.Values.Sum(r => r.GetProperty("requests").GetInt64()), totals.GetProperty("requests").GetInt64());
        Assert.Equal(jsonRows.Values.Sum(r => r.GetProperty("costUsd").GetDecimal()), totals.GetProperty("costUsd").GetDecimal());
    }

    [Fact]
    public async Task Usage_GroupByFamilyDay_OneUser_AcceptCsv()
    {
        var now = fixture.Clock.GetUtcNow();
        var today = UsagePeriods.Day(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var users = await DriveUsageAsync(now);
        using var admin = fixture.CreateAdminClient();

        var (_, report, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/usage?groupBy=day,family&user={users[1].Id}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/api/usage?groupBy=&user={users[1].Id}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var csvResponse = await admin.SendAsync(request);
        var (_, everything, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/usage?from={today}&to={today}&groupBy=family");

        Assert.Equal(["family", "day"], report.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(1, report.GetProperty("users").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["claude-3-haiku", "claude-sonnet-4-5"], rows.Select(r => r.GetProperty("family").GetString()));
        Assert.All(rows, r => Assert.Equal(today, r.GetProperty("day").GetString()));
        Assert.False(rows[0].TryGetProperty("user", out _));
        Assert.Equal(2, rows[1].GetProperty("requests").GetInt64());
        Assert.Equal(201 + 10, report.GetProperty("totals").GetProperty("inputTokens").GetInt64());
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csvLines = (await csvResponse.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal(string.Join(',', Counters), csvLines[0]);
        Assert.Equal("3", csvLines[1].Split(',')[0]);
        var families = everything.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("family").GetString()!);
        Assert.True(families["claude-sonnet-4-5"].GetProperty("requests").GetInt64() >= 6);
        Assert.True(everything.GetProperty("users").GetInt32() >= 3);
    }

    [Theory]
    [InlineData("from=2026-01-01&to=2027-03-01")]
    [InlineData("from=2026-12-05&to=2026-12-04")]
    [InlineData("from=12/04/2026")]
    [InlineData("groupBy=user,model")]
    [InlineData("format=xml")]
    [InlineData("user=bob")]
    public async Task Usage_BadParameter_400(string query)
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, _) = await SendAsync(admin, HttpMethod.Get, $"/admin/api/usage?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Usage_DefaultRange_IsTheLast30Days()
    {
        using var admin = fixture.CreateAdminClient();
        var (status, body, _) = await SendAsync(admin, HttpMethod.Get, "/admin/api/usage");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("to").GetString());
        Assert.Equal(today.AddDays(-29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("from").GetString());
        Assert.Equal(["user", "family"], body.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("totals").ValueKind);
    }
}
