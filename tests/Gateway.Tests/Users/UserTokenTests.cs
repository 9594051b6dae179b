using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Tests.Users;

/// <summary>User tokens end to end: served, counted, and every refusal in each endpoint dialect's own shape.</summary>
[Collection(UsersGatewayCollection.Name)]
public sealed class UserTokenTests(UsersGatewayFixture fixture)
{
    private const string Haiku = "claude-3-haiku";

    public enum Dialect
    {
        Anthropic,
        OpenAi,
        Bedrock,
    }

    private sealed record Answer(HttpStatusCode Status, string? Type, string Message, HttpResponseHeaders Headers, string Body);

    private async Task<Answer> SendAsync(Dialect dialect, string? token, string model = "claude-3-haiku-20240307", bool bearer = false)
    {
        using var client = fixture.Factory.CreateClient();
        if (token is not null)
        {
            if (bearer || dialect == Dialect.Bedrock)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            else
            {
                client.DefaultRequestHeaders.Add("x-api-key", token);
            }
        }

        var (path, body) = dialect switch
        {
            Dialect.Anthropic => ("/proxy/aws/claude/v1/messages",
                $$"""{"model":"{{model}}","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"""),
            Dialect.OpenAi => ("/proxy/aws/claude/v1/chat/completions",
                $$"""{"model":"{{model}}","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"""),
            _ => ($"/proxy/aws/bedrock/model/{(model == "claude-3-haiku-20240307" ? "anthropic.claude-3-haiku-20240307-v1:0" : "anthropic." + model + "-v1:0")}/invoke",
                """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}"""),
        };
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
        {
            return new Answer(response.StatusCode, null, "", response.Headers, text);
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        return dialect switch
        {
            Dialect.Anthropic => new Answer(response.StatusCode, root.GetProperty("error").GetProperty("type").GetString(),
                root.GetProperty("error").GetProperty("message").GetString()!, response.Headers, text),
            Dialect.OpenAi => new Answer(response.StatusCode, root.GetProperty("error").GetProperty("type").GetString(),
                root.GetProperty("error").GetProperty("message").GetString()!, response.Headers, text),
            _ => new Answer(response.StatusCode, response.Headers.GetValues("x-amzn-ErrorType").Single().Split(':')[0],
                root.GetProperty("message").GetString()!, response.Headers, text),
        };
    }

    private static void AssertRefused(Answer answer, Dialect dialect, string anthropicType, int status, string bedrockType, int bedrockStatus)
    {
        if (dialect == Dialect.Bedrock)
        {
            Assert.Equal(bedrockStatus, (int)answer.Status);
            Assert.Equal(bedrockType, answer.Type);
        }
        else
        {
            Assert.Equal(status, (int)answer.Status);
            Assert.Equal(anthropicType, answer.Type);
        }
    }

    private static async Task<UserView> EventuallyAsync(IUserGrain user, Func<UserView, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var view = (await user.GetAsync())!;
            if (condition(view) || DateTime.UtcNow > deadline)
            {
                return view;
            }

            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData(Dialect.Anthropic)]
    [InlineData(Dialect.OpenAi)]
    [InlineData(Dialect.Bedrock)]
    public async Task ValidToken_IsServed_AndItsRealUsageCounted(Dialect dialect)
    {
        var (_, token, user) = await fixture.CreateUserAsync();

        var answer = await SendAsync(dialect, token);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var view = await EventuallyAsync(user, v => v.Periods[0].ByFamily.ContainsKey(Haiku));
        var usage = view.Periods.Single(p => p.Period == UsagePeriod.Day).ByFamily[Haiku];
        Assert.Equal(1, usage.Requests);
        using var json = JsonDocument.Parse(answer.Body);
        var reported = dialect == Dialect.OpenAi
            ? json.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt64()
            : json.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt64() + json.RootElement.GetProperty("usage").GetProperty("output_tokens").GetInt64();
        Assert.Equal(reported, usage.AllTokens);
        Assert.True(usage.CostUsd > 0);
        Assert.Equal(0, view.InFlight);
    }

    [Fact]
    public async Task BearerToken_IsAcceptedLikeXApiKey()
    {
        var (_, token, _) = await fixture.CreateUserAsync();

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, token, bearer: true)).Status);
    }

    [Theory]
    [InlineData(Dialect.Anthropic)]
    [InlineData(Dialect.OpenAi)]
    [InlineData(Dialect.Bedrock)]
    public async Task MissingAndUnknownTokens_Are401(Dialect dialect)
    {
        var missing = await SendAsync(dialect, null);
        var unknown = await SendAsync(dialect, UserTokens.Generate());
        var proxyKeyShaped = await SendAsync(dialect, "test-proxy-key-7f3a9c");

        foreach (var answer in new[] { missing, unknown, proxyKeyShaped })
        {
            AssertRefused(answer, dialect, "authentication_error", 401, "UnrecognizedClientException", 403);
        }

        Assert.Contains("Missing user token", missing.Message, StringComparison.Ordinal);
        Assert.Equal("Invalid user token.", unknown.Message);
    }

    [Theory]
    [InlineData(Dialect.Anthropic)]
    [InlineData(Dialect.OpenAi)]
    [InlineData(Dialect.Bedrock)]
    public async Task DisabledAndExpiredUsers_Are401_SayingWhy(Dialect dialect)
    {
        var (_, disabledToken, disabled) = await fixture.CreateUserAsync();
        await disabled.SetDisabledAsync(true, "left the project");
        var expiry = fixture.Clock.GetUtcNow().AddMinutes(1);
        var (_, expiredToken, _) = await fixture.CreateUserAsync(expiresAt: expiry);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        var refusedDisabled = await SendAsync(dialect, disabledToken);
        var refusedExpired = await SendAsync(dialect, expiredToken);

        AssertRefused(refusedDisabled, dialect, "authentication_error", 401, "UnrecognizedClientException", 403);
        AssertRefused(refusedExpired, dialect, "authentication_error", 401, "UnrecognizedClientException", 403);
        Assert.Equal("This user token is disabled: left the project", refusedDisabled.Message);
        Assert.Equal($"This user token expired at {expiry.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}.", refusedExpired.Message);
    }

    [Theory]
    [InlineData(Dialect.Anthropic)]
    [InlineData(Dialect.OpenAi)]
    [InlineData(Dialect.Bedrock)]
    public async Task FamilyNotAllowed_Is403(Dialect dialect)
    {
        var (_, token, _) = await fixture.CreateUserAsync(families: ["claude-3-5-sonnet"]);

        var answer = await SendAsync(dialect, token);

        AssertRefused(answer, dialect, "permission_error", 403, "AccessDeniedException", 403);
        Assert.Equal("This user may not use claude-3-haiku models (allowed: claude-3-5-sonnet).", answer.Message);
    }

    [Theory]
    [InlineData(Dialect.Anthropic)]
    [InlineData(Dialect.OpenAi)]
    [InlineData(Dialect.Bedrock)]
    public async Task RequestsPerMinute_Is429WithRetryAfter(Dialect dialect)
    {
        var (_, token, _) = await fixture.CreateUserAsync(new UserLimits(RequestsPerMinute: 1));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(dialect, token)).Status);

        var answer = await SendAsync(dialect, token);

        AssertRefused(answer, dialect, "rate_limit_error", 429, "ThrottlingException", 429);
        var retryAfter = int.Parse(answer.Headers.GetValues("retry-after").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("limit of 1 requests per minute is reached", answer.Message, StringComparison.Ordinal);
        Assert.False(answer.Headers.Contains("x-should-retry"));
    }

    [Theory]
    [InlineData(Dialect.Anthropic)]
    [InlineData(Dialect.OpenAi)]
    [InlineData(Dialect.Bedrock)]
    public async Task SpentDailyQuota_Is429_NamingItsReset_AndNotToBeRetried(Dialect dialect)
    {
        var (_, token, user) = await fixture.CreateUserAsync(quotas: [new TokenQuota(Haiku, UsagePeriod.Day, 1)]);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(dialect, token)).Status);
        await EventuallyAsync(user, v => v.Quotas[0].Left == 0);

        var answer = await SendAsync(dialect, token);

        AssertRefused(answer, dialect, "rate_limit_error", 429, "ThrottlingException", 429);
        var reset = UsagePeriods.ResetsAt(UsagePeriod.Day, fixture.Clock.GetUtcNow())!.Value;
        Assert.Contains($"day quota of 1 tokens for claude-3-haiku is spent", answer.Message, StringComparison.Ordinal);
        Assert.Contains($"it resets at {reset.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", answer.Message, StringComparison.Ordinal);
        Assert.Equal("false", answer.Headers.GetValues("x-should-retry").Single());
    }

    [Fact]
    public async Task MaxConcurrent_WaitsInTheQueue_ThenAnswers429()
    {
        var (_, token, user) = await fixture.CreateUserAsync(new UserLimits(MaxConcurrent: 1));
        var held = Guid.NewGuid();
        Assert.True((await user.AdmitAsync(new AdmissionRequest(UserTokens.Hash(token), Haiku, held, 10, TimeSpan.FromMinutes(5)))).IsAdmitted);

        var started = DateTime.UtcNow;
        var refused = await SendAsync(Dialect.Anthropic, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("maxConcurrent", refused.Message, StringComparison.Ordinal);
        // The fixture's queue wait is 2 s.
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.9));

        // A request that is waiting gets in as soon as the slot is given back.
        var waiting = SendAsync(Dialect.Anthropic, token);
        var queue = fixture.Factory.Services.GetRequiredService<RequestQueue>();
        await PollAsync(() => queue.Waiting == 1);
        await user.ReleaseAsync([new SlotRelease(held, Haiku, default, fixture.Clock.GetUtcNow())]);
        Assert.Equal(HttpStatusCode.OK, (await waiting).Status);
        Assert.Equal(0, (await EventuallyAsync(user, v => v.InFlight == 0)).InFlight);
    }

    [Fact]
    public async Task EndOfARequest_RidesOnTheUsersNextAdmission_ElseGoesAloneAfterTheCarryWindow()
    {
        var (_, token, user) = await fixture.CreateUserAsync(new UserLimits(MaxConcurrent: 1));
        var options = fixture.Factory.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var carry = options.UserReleaseCarry;
        // A long window makes the order deterministic: the first end is still held when the second request comes.
        options.UserReleaseCarry = TimeSpan.FromSeconds(3);
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, token)).Status);
            // Held by the gateway, the first request's end has not reached the grain: its one slot still looks taken.
            await Task.Delay(200);
            Assert.Equal(1, (await user.GetAsync())!.InFlight);

            // The second request's admission carries it: admitted at once, not after the queue wait (2 s) or the window.
            var started = DateTime.UtcNow;
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, token)).Status);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5));
            var counted = (await user.GetAsync())!.Periods.Single(p => p.Period == UsagePeriod.Day).ByFamily[Haiku].Requests;
            Assert.Equal(1, counted);
        }
        finally
        {
            options.UserReleaseCarry = carry;
        }

        // Nothing carries the second end: it goes alone once its window is over, counted, its slot freed.
        var view = await EventuallyAsync(user, v => v.InFlight == 0 && v.Periods.Single(p => p.Period == UsagePeriod.Day).ByFamily[Haiku].Requests == 2);
        Assert.Equal(0, view.InFlight);
        Assert.Equal(2, view.Periods.Single(p => p.Period == UsagePeriod.Day).ByFamily[Haiku].Requests);
    }

    [Fact]
    public async Task MaxConcurrent_WhenTheQueueIsFull_Answers429AtOnce()
    {
        var (_, token, user) = await fixture.CreateUserAsync(new UserLimits(MaxConcurrent: 1));
        Assert.True((await user.AdmitAsync(new AdmissionRequest(UserTokens.Hash(token), Haiku, Guid.NewGuid(), 10, TimeSpan.FromMinutes(5)))).IsAdmitted);
        var queue = fixture.Factory.Services.GetRequiredService<RequestQueue>();
        var length = fixture.Factory.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxQueueLength;
        var others = new List<RequestQueue.QueueWait>();
        try
        {
            // Requests waiting for credentials fill the queue a user's waits count against.
            while (queue.Waiting < length)
            {
                others.Add(queue.TryJoin(QueueReason.Credential, 0, null) ?? throw new InvalidOperationException("queue full early"));
            }

            var started = DateTime.UtcNow;
            foreach (var dialect in Enum.GetValues<Dialect>())
            {
                var refused = await SendAsync(dialect, token);
                AssertRefused(refused, dialect, "rate_limit_error", 429, "ThrottlingException", 429);
                Assert.Contains("maxConcurrent", refused.Message, StringComparison.Ordinal);
                Assert.Contains("queue is full", refused.Message, StringComparison.Ordinal);
            }

            // Well under the fixture's 2 s queue wait, for all three.
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1.5));
        }
        finally
        {
            others.ForEach(wait => wait.Dispose());
        }

        Assert.Equal(0, queue.Waiting);
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task RotateAndDelete_HoldAtOnce()
    {
        var (_, token, user) = await fixture.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, token)).Status);
        var rotated = UserTokens.Generate();

        await user.RotateAsync(UserTokens.Hash(rotated));

        // The gateway may still map the old hash to the user for up to a second: the user grain refuses it anyway.
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Dialect.Anthropic, token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, rotated)).Status);
        await user.DeleteAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Dialect.Anthropic, rotated)).Status);
    }

    [Fact]
    public async Task CountTokensAndModels_CheckTheToken_ButCountAgainstNoLimit()
    {
        var (_, token, user) = await fixture.CreateUserAsync(new UserLimits(RequestsPerMinute: 1, MaxConcurrent: 1));
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", token);

        for (var i = 0; i < 10; i++)
        {
            using var count = await client.PostAsync("/proxy/aws/claude/v1/messages/count_tokens", new StringContent(
                """{"model":"claude-3-haiku-20240307","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        }

        using (var models = await client.GetAsync("/proxy/aws/claude/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, token)).Status);
        await user.SetDisabledAsync(true, null);
        using var refused = await client.GetAsync("/proxy/aws/claude/v1/models");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var refusedCount = await client.PostAsync("/proxy/aws/claude/v1/messages/count_tokens", new StringContent(
            """{"model":"claude-3-haiku-20240307","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refusedCount.StatusCode);
    }

    [Fact]
    public async Task FrontDoorCountTokens_ChecksTheToken_ButCountsAgainstNoLimit()
    {
        var (_, token, user) = await fixture.CreateUserAsync(new UserLimits(RequestsPerMinute: 1, MaxConcurrent: 1));
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", token);
        var envelope = "{\"input\":{\"invokeModel\":{\"body\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"hi"}]}""")) + "\"}}}";
        const string path = "/proxy/aws/bedrock/model/anthropic.claude-3-haiku-20240307-v1:0/count-tokens";

        for (var i = 0; i < 5; i++)
        {
            using var count = await client.PostAsync(path, new StringContent(envelope, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        }

        await user.SetDisabledAsync(true, null);
        using var refused = await client.PostAsync(path, new StringContent(envelope, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True(refused.Headers.Contains("x-amzn-ErrorType"));
    }

    [Fact]
    public async Task Tokens_NeverAppearInLogsMetricsOrErrors()
    {
        var (id, token, user) = await fixture.CreateUserAsync(new UserLimits(RequestsPerMinute: 1));
        var bodies = new List<string>();
        bodies.Add((await SendAsync(Dialect.Anthropic, token)).Body);
        bodies.Add((await SendAsync(Dialect.Anthropic, token)).Body);
        bodies.Add((await SendAsync(Dialect.OpenAi, token)).Body);
        bodies.Add((await SendAsync(Dialect.Bedrock, token)).Body);
        await user.SetDisabledAsync(true, "scan");
        bodies.Add((await SendAsync(Dialect.Anthropic, token)).Body);
        var unknown = UserTokens.Generate();
        bodies.Add((await SendAsync(Dialect.Anthropic, unknown)).Body);
        using var client = fixture.Factory.CreateClient();
        var metrics = await client.GetStringAsync("/metrics");
        // Per-user series exist, labelled by the user's id.
        Assert.Contains($"user=\"{id}\"", metrics, StringComparison.Ordinal);

        foreach (var secret in new[] { token, unknown, token[UserTokens.Prefix.Length..], UserTokens.Hash(token) })
        {
            Assert.DoesNotContain(fixture.Logs.Records, r => r.AllText().Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Me_TellsTheCallerItsOwnLimitsUsageAndResets_AndNothingElse()
    {
        var (id, token, user) = await fixture.CreateUserAsync(
            new UserLimits(RequestsPerMinute: 100), quotas: [new TokenQuota(Haiku, UsagePeriod.Day, 1_000_000)]);
        var (otherId, _, _) = await fixture.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Dialect.Anthropic, token)).Status);
        await EventuallyAsync(user, v => v.Quotas[0].Used > 0);
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", token);

        using var response = await client.GetAsync("/proxy/aws/claude/v1/me");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(id, root.GetProperty("id").GetString());
        Assert.Equal(100, root.GetProperty("limits").GetProperty("requestsPerMinute").GetInt32());
        var quota = root.GetProperty("quotas")[0];
        Assert.True(quota.GetProperty("used").GetInt64() > 0);
        Assert.Equal(1_000_000 - quota.GetProperty("used").GetInt64(), quota.GetProperty("left").GetInt64());
        var reset = UsagePeriods.ResetsAt(UsagePeriod.Day, fixture.Clock.GetUtcNow())!.Value;
        Assert.Equal(reset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), quota.GetProperty("resetsAt").GetString());
        Assert.DoesNotContain(otherId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(UserTokens.Hash(token), text, StringComparison.Ordinal);
    }
}
