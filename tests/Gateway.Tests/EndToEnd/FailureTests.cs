using System.Diagnostics;
using System.Text.Json;
using OrleansProxy.Credentials;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>Throttling, revocation, logging and faults: the client still gets the best answer there is.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FailureTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Haiku = Http.HaikuMessages;

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<(int Status, JsonDocument Body)> PostAsync(string body = Haiku) =>
        Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages", body);

    private static string ErrorType(JsonDocument body) => body.RootElement.GetProperty("error").GetProperty("type").GetString()!;

    [Fact]
    public async Task ThrottledKeys_ClientStillGets200FromAnother()
    {
        var healthy = fixture.Keys[1];
        fixture.Bedrock.Credential(fixture.Keys[0].AccessKeyId).ThrottleAlways = true;
        fixture.Bedrock.Credential(fixture.Keys[2].AccessKeyId).ThrottleAlways = true;

        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await PostAsync();
            Assert.Equal(200, status);
        }

        // Least-recently-used selection guarantees a throttled key is tried at least once.
        Assert.Contains(fixture.Bedrock.Requests, r => r.StatusCode == 429);
        Assert.All(fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200),
            r => Assert.Equal(healthy.AccessKeyId, r.AccessKeyId));
        Assert.Equal(3, fixture.Bedrock.Requests.Count(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200));
    }

    [Fact]
    public async Task EveryKeyThrottled_ClientWaitsThenGets429()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).ThrottleAlways = true;
        }

        var stopwatch = Stopwatch.StartNew();
        var (status, body) = await PostAsync();

        Assert.Equal(429, status);
        Assert.Equal("rate_limit_error", ErrorType(body));
        // MaxQueueWait is 2 s: the request waited for a lockout to end before giving up.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.5), $"answered after {stopwatch.Elapsed}");
        Assert.All(fixture.Keys, k => Assert.Contains(fixture.Bedrock.Requests, r => r.AccessKeyId == k.AccessKeyId && r.StatusCode == 429));
    }

    [Fact]
    public async Task EveryKeyThrottled_RetryAfterSaysWhenTheSoonestLockoutEnds()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).ThrottleAlways = true;
        }

        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages",
            Http.Json(Haiku));

        // Every key is locked out now (2 s or longer: the backoff doubles per throttle in a row), and the proxy's clock
        // stands still in these tests, so the soonest end is exactly what the pool told the gateway.
        var snapshots = await Task.WhenAll(fixture.Keys.Select(k => fixture.Grains.GetGrain<ICredentialGrain>(k.Id).GetSnapshotAsync()));
        var soonest = snapshots.Min(s => s.Families.Single(f => f.Family == "claude-3-haiku").LockedUntil!.Value) - fixture.Clock.GetUtcNow();
        Assert.Equal(429, (int)response.StatusCode);
        Assert.True(soonest >= TimeSpan.FromSeconds(2), $"soonest lockout end in {soonest}");
        // A client that honours it comes back when a key is free again, not into the same lockout.
        Assert.Equal(TimeSpan.FromSeconds(Math.Ceiling(soonest.TotalSeconds)), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task RevokedKeyMidRun_IsNeverUsedAgain()
    {
        var revoked = fixture.Keys[0];
        fixture.Bedrock.Credential(revoked.AccessKeyId).Revoked = true;

        for (var i = 0; i < 9; i++)
        {
            var (status, _) = await PostAsync();
            Assert.Equal(200, status);
        }

        Assert.True(fixture.Bedrock.Requests.Count(r => r.AccessKeyId == revoked.AccessKeyId) <= 1);
        var snapshot = await fixture.Grains.GetGrain<ICredentialGrain>(revoked.Id).GetSnapshotAsync();
        Assert.Equal(CredentialStatus.Revoked, snapshot.Status);
    }

    [Fact]
    public async Task EveryKeyRevoked_503SaysSo_AndTellsSdksNotToRetry()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).Revoked = true;
            await fixture.RecheckAsync(key);
        }

        await fixture.WaitForPoolAsync(s => s.ByStatus.GetValueOrDefault(CredentialStatus.Revoked) == fixture.Keys.Count);
        using var response = await fixture.CreateClient().PostAsync("/proxy/aws/claude/v1/messages",
            Http.Json(Haiku));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("api_error", ErrorType(body));
        Assert.Contains("revoked", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("false", Assert.Single(response.Headers.GetValues("x-should-retry")));
        Assert.Null(response.Headers.RetryAfter);
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200);
    }

    [Fact]
    public async Task LoggingEnabledKey_IsNeverUsed()
    {
        var logged = fixture.Keys[2];
        fixture.Bedrock.Credential(logged.AccessKeyId).Logging = FakeLoggingMode.Enabled;
        await fixture.RecheckAsync(logged);

        for (var i = 0; i < 9; i++)
        {
            var (status, _) = await PostAsync();
            Assert.Equal(200, status);
        }

        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.AccessKeyId == logged.AccessKeyId && r.Operation != FakeOperation.GetLoggingConfiguration);
    }

    [Fact]
    public async Task ServerErrorBeforeAnyByte_IsRetriedOnAnotherKey()
    {
        var healthy = fixture.Keys[1];
        fixture.Bedrock.Credential(fixture.Keys[0].AccessKeyId).FailNext(10, FakeFault.ServiceUnavailable);
        fixture.Bedrock.Credential(fixture.Keys[2].AccessKeyId).FailNext(10, FakeFault.InternalServer);

        for (var i = 0; i < 2; i++)
        {
            var (status, _) = await PostAsync();
            Assert.Equal(200, status);
        }

        Assert.Contains(fixture.Bedrock.Requests, r => r.StatusCode is 500 or 503);
        Assert.All(fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke && r.StatusCode == 200),
            r => Assert.Equal(healthy.AccessKeyId, r.AccessKeyId));
    }

    [Fact]
    public async Task ServerErrorsOnEveryAttempt_AnswerWithTheUpstreamError()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).FailNext(5, FakeFault.ServiceUnavailable);
        }

        var (status, body) = await PostAsync();

        Assert.Equal(529, status);
        Assert.Equal("overloaded_error", ErrorType(body));
        Assert.Equal(3, fixture.Bedrock.Requests.Count(r => r.StatusCode == 503));
    }

    [Fact]
    public async Task ConnectionCutMidAnswer_IsRetriedOnAnotherKey_AndNothingStaysInFlight()
    {
        var healthy = fixture.Keys[1];
        fixture.Bedrock.Credential(fixture.Keys[0].AccessKeyId).CutNext(10);
        fixture.Bedrock.Credential(fixture.Keys[2].AccessKeyId).CutNext(10);

        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await PostAsync();
            Assert.Equal(200, status);
            Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        }

        Assert.Contains(fixture.Bedrock.Requests, r => r.ErrorType == "ConnectionCut");
        Assert.All(fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke && r.ErrorType is null),
            r => Assert.Equal(healthy.AccessKeyId, r.AccessKeyId));
        await fixture.WaitForPoolAsync(s => s.InFlight == 0);
    }

    [Fact]
    public async Task ConnectionCutOnEveryAttempt_Answers502()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).CutNext(5);
        }

        var (status, body) = await PostAsync();

        Assert.Equal(502, status);
        Assert.Equal("api_error", ErrorType(body));
        Assert.Contains("connection to Bedrock broke", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, fixture.Bedrock.Requests.Count(r => r.ErrorType == "ConnectionCut"));
        await fixture.WaitForPoolAsync(s => s.InFlight == 0);
    }

    [Fact]
    public async Task AnswerOverTheLimit_Answers502WithoutRetry()
    {
        var original = fixture.Bedrock.ReplyText;
        fixture.Bedrock.ReplyText = _ => string.Join(' ', Enumerable.Repeat("word", (int)GatewayFixture.MaxAnswerBytes / 4));
        try
        {
            var (status, body) = await PostAsync();

            Assert.Equal(502, status);
            Assert.Equal("api_error", ErrorType(body));
            Assert.Contains("exceeded the proxy's limit", body.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke);
            await fixture.WaitForPoolAsync(s => s.InFlight == 0);
        }
        finally
        {
            fixture.Bedrock.ReplyText = original;
        }
    }

    [Fact]
    public async Task ModelError_IsNotRetried_AndNotBlamedOnTheKey()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).FailNext(1, FakeFault.ModelError);
        }

        var (status, body) = await PostAsync();

        Assert.Equal(500, status);
        Assert.Equal("api_error", ErrorType(body));
        Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke);
    }

    [Fact]
    public async Task UpstreamValidationError_PassesThroughAs400WithBedrocksMessage()
    {
        var (status, body) = await PostAsync("""{"model":"claude-3-haiku-20240307","max_tokens":20,"messages":[{"role":"assistant","content":"hi"}],"temperature":0.5,"top_k":-3}""");

        Assert.Equal(400, status);
        Assert.Equal("invalid_request_error", ErrorType(body));
    }

    [Fact]
    public async Task MidStreamException_BecomesAnSseErrorEvent()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).MidStreamException = new FakeMidStreamException("modelStreamErrorException", 2);
        }

        var (status, _, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-3-haiku-20240307","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"one two three four five six"}]}""");

        Assert.Equal(200, status);
        Assert.Contains(events, e => e.Event == "content_block_delta");
        var error = events.Single(e => e.Event == "error");
        Assert.Equal("error", JsonDocument.Parse(error.Data).RootElement.GetProperty("type").GetString());
        Assert.Equal("error", events[^1].Event);
    }

    [Fact]
    public async Task MidStreamContextWindowRefusal_SseErrorUsesAnthropicsWording()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).MidStreamException = new FakeMidStreamException("validationException", 2);
        }

        var (status, _, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-3-haiku-20240307","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"one two three four five six"}]}""");

        Assert.Equal(200, status);
        var error = JsonDocument.Parse(events.Single(e => e.Event == "error").Data).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("prompt is too long: Input is too long for requested model.", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ConnectionCutMidStream_AfterEvents_EndsWithAnSseErrorEvent()
    {
        foreach (var key in fixture.Keys)
        {
            var account = fixture.Bedrock.Credential(key.AccessKeyId);
            account.StreamChunks = 4;
            account.CutNext(1);
        }

        var (status, _, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
            """{"model":"claude-3-haiku-20240307","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"one two three four"}]}""");

        Assert.Equal(200, status);
        Assert.Equal("message_start", events[0].Event);
        Assert.Contains(events, e => e.Event == "content_block_delta");
        Assert.DoesNotContain(events, e => e.Event == "message_stop");
        Assert.Equal("error", events[^1].Event);
        Assert.Contains("connection to Bedrock broke", events[^1].Data, StringComparison.Ordinal);
        Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.InvokeStream);
        await fixture.WaitForPoolAsync(s => s.InFlight == 0);
    }

    [Fact]
    public async Task ClientDisconnectMidStream_EndsTheUpstreamRequestAndReleasesTheLease()
    {
        foreach (var key in fixture.Keys)
        {
            var account = fixture.Bedrock.Credential(key.AccessKeyId);
            account.StreamChunks = 50;
            account.StreamChunkDelay = TimeSpan.FromSeconds(1);
        }

        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages")
        {
            Content = Http.Json("""{"model":"claude-3-haiku-20240307","max_tokens":200,"stream":true,"messages":[{"role":"user","content":"a long story please"}]}"""),
        };
        using var abort = new CancellationTokenSource();
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abort.Token);
        var stream = await response.Content.ReadAsStreamAsync(abort.Token);
        var buffer = new byte[256];
        Assert.True(await stream.ReadAsync(buffer, abort.Token) > 0);
        await fixture.WaitForPoolAsync(s => s.InFlight == 1);

        await abort.CancelAsync();
        response.Dispose();

        await fixture.Bedrock.WaitForNoOpenRequestsAsync(TimeSpan.FromSeconds(10));
        Assert.True(fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.InvokeStream).ClientAborted);
        await fixture.WaitForPoolAsync(s => s.InFlight == 0);
    }
}
