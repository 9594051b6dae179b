using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;
using OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Control;

/// <summary>The unsigned <c>/_fake/</c> control API, exercised on an in-process server (the standalone process serves the same).</summary>
public sealed class ControlApiTests : FakeBedrockTest, IDisposable
{
    private readonly HttpClient _control = new();

    public void Dispose() => _control.Dispose();

    [Fact]
    public async Task PatchCredential_ThrottleNext_NextInvocationThrottled()
    {
        using var patch = await PatchAsync(UsKey, """{"throttleNext":1}""");
        using var throttled = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());
        using var served = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        await AwsErrorAssert.IsAsync(throttled, (HttpStatusCode)429, "ThrottlingException");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task PatchCredential_EveryKnob_AppliedAndShown()
    {
        const string patch = """
            {"account":"111122223333","logging":"enabled","revoked":false,"throttleNext":2,"throttleAlways":false,
             "throttleMessage":"TooManyTokens","throttleControlPlane":true,"failNext":3,"fault":"ModelError",
             "deniedModels":["anthropic.claude-3"],"modelsNotInRegion":["anthropic.claude-3-opus-20240229-v1:0"],
             "latencyMs":250,"streamChunkDelayMs":5,"streamChunks":4,
             "midStreamException":{"exceptionType":"modelStreamErrorException","afterChunks":1},"cutNext":2,
             "cacheUsage":{"readTokens":900,"writeTokens":100}}
            """;

        using var response = await PatchAsync(UsKey, patch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = Server.Credential(UsKey);
        Assert.Equal("111122223333", account.Account);
        Assert.Equal(FakeLoggingMode.Enabled, account.Logging);
        Assert.Equal(2, account.PendingThrottles);
        Assert.Equal(FakeThrottleMessage.TooManyTokens, account.ThrottleMessage);
        Assert.True(account.ThrottleControlPlane);
        Assert.Equal(["anthropic.claude-3"], account.DeniedModels);
        Assert.Equal(["anthropic.claude-3-opus-20240229-v1:0"], account.ModelsNotInRegion);
        Assert.Equal(TimeSpan.FromMilliseconds(250), account.Latency);
        Assert.Equal(TimeSpan.FromMilliseconds(5), account.StreamChunkDelay);
        Assert.Equal(4, account.StreamChunks);
        Assert.Equal(new FakeMidStreamException("modelStreamErrorException", 1), account.MidStreamException);
        Assert.Equal(2, account.PendingCuts);
        Assert.Equal(new FakeCacheUsage(900, 100), account.CacheUsage);
        var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Enabled", view.GetProperty("logging").GetString());
        Assert.Equal(250, view.GetProperty("latencyMs").GetDouble());
        Assert.Equal(2, view.GetProperty("pendingCuts").GetInt32());
        Assert.Equal("modelStreamErrorException", view.GetProperty("midStreamException").GetProperty("exceptionType").GetString());
        Assert.False(view.TryGetProperty("secretAccessKey", out _));
        Assert.DoesNotContain(UsSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchCredential_FailNext_FaultsQueued()
    {
        using (await PatchAsync(UsKey, """{"failNext":1,"fault":"serviceUnavailable"}"""))
        using (var failed = await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()))
        {
            await AwsErrorAssert.IsAsync(failed, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException");
        }
    }

    [Fact]
    public async Task PatchCredential_ResetWithKnobs_ResetFirstThenKnobsApplied()
    {
        Server.Credential(UsKey).ThrottleAlways = true;

        using var response = await PatchAsync(UsKey, """{"logging":"NoPermission","reset":true}""");

        Assert.False(Server.Credential(UsKey).ThrottleAlways);
        Assert.Equal(FakeLoggingMode.NoPermission, Server.Credential(UsKey).Logging);
    }

    [Fact]
    public async Task PatchCredential_NullClearsAKnob()
    {
        Server.Credential(UsKey).MidStreamException = new FakeMidStreamException("throttlingException", 0);
        Server.Credential(UsKey).StreamChunks = 2;

        using var response = await PatchAsync(UsKey, """{"midStreamException":null,"streamChunks":null}""");

        Assert.Null(Server.Credential(UsKey).MidStreamException);
        Assert.Null(Server.Credential(UsKey).StreamChunks);
    }

    [Theory]
    [InlineData("""{"revoked":true,"thottleNext":1}""", "'thottleNext': unknown key")]
    [InlineData("""{"revoked":true,"logging":"sometimes"}""", "'logging': expected one of NeverConfigured, ConfiguredTextOff, Enabled, NoPermission")]
    [InlineData("""{"revoked":true,"failNext":1}""", "'failNext': needs 'fault'")]
    public async Task PatchCredential_BadPatch_RefusedAndNothingApplied(string patch, string error)
    {
        using var response = await PatchAsync(UsKey, patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.False(Server.Credential(UsKey).Revoked);
    }

    [Fact]
    public async Task PatchCredential_UnknownKeyWithoutSecret_NotFound()
    {
        using var response = await PatchAsync("AKIANOBODY", """{"revoked":true}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task PatchCredential_NewKeyWithSecretAndRegion_AddedAndUsable()
    {
        using var added = await PatchAsync("AKIANEWKEY", """{"secretAccessKey":"new-secret","region":"ap-northeast-1","account":"999"}""");
        using var invoke = await Client("AKIANEWKEY", "new-secret", "ap-northeast-1")
            .InvokeAsync("jp.anthropic.claude-haiku-4-5-20251001-v1%3A0", Bodies.Messages());

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal("999", Server.Credential("AKIANEWKEY").Account);
        Assert.Equal(HttpStatusCode.OK, invoke.StatusCode);
    }

    [Fact]
    public async Task GetCredential_KnownKey_CurrentBehaviour()
    {
        Server.Credential(EuKey).Revoked = true;

        var view = await _control.GetFromJsonAsync<JsonElement>(Url($"/_fake/credentials/{EuKey}"));

        Assert.Equal(EuKey, view.GetProperty("accessKeyId").GetString());
        Assert.Equal("eu-west-1", view.GetProperty("region").GetString());
        Assert.True(view.GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task Requests_AfterTraffic_ListedThenCleared()
    {
        using (await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages("listed")))
        {
        }

        var listed = await _control.GetFromJsonAsync<JsonElement>(Url("/_fake/requests"));
        using var cleared = await _control.DeleteAsync(Url("/_fake/requests"));
        var after = await _control.GetFromJsonAsync<JsonElement>(Url("/_fake/requests"));

        var request = Assert.Single(listed.EnumerateArray().ToList());
        Assert.Equal(UsKey, request.GetProperty("accessKeyId").GetString());
        Assert.Equal("Invoke", request.GetProperty("operation").GetString());
        Assert.Equal(Bodies.Claude3Haiku, request.GetProperty("modelId").GetString());
        Assert.Equal(200, request.GetProperty("statusCode").GetInt32());
        Assert.Equal(Bodies.Messages("listed"), request.GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(after.EnumerateArray());
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task Stats_AfterTraffic_CountsPerKeyAndOpenRequests()
    {
        using (await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Messages()))
        using (await Us().InvokeAsync(Bodies.Claude3HaikuInPath, Bodies.Probe()))
        {
        }

        var stats = await _control.GetFromJsonAsync<JsonElement>(Url("/_fake/stats"));

        Assert.Equal(0, stats.GetProperty("openRequests").GetInt32());
        var us = stats.GetProperty("credentials").EnumerateArray().Single(c => c.GetProperty("accessKeyId").GetString() == UsKey);
        Assert.Equal(2, us.GetProperty("requestCount").GetInt64());
        Assert.Equal(1, us.GetProperty("successfulInvocations").GetInt64());
    }

    [Fact]
    public async Task Idle_NothingOpen_NoContent()
    {
        using var response = await _control.GetAsync(Url("/_fake/idle?timeoutMs=1000"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task ControlCalls_AreNotBedrockRequests()
    {
        using (await PatchAsync(UsKey, """{"revoked":false}"""))
        using (await _control.GetAsync(Url("/_fake/stats")))
        {
        }

        Assert.Empty(Server.Requests);
        Assert.Equal(0, Server.Credential(UsKey).RequestCount);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/_fake/nothing-here")]
    [InlineData("GET", "/model/anthropic.claude-v2/invoke")]
    [InlineData("POST", "/model//invoke")]
    [InlineData("POST", "/model/anthropic.claude-v2/converse")]
    public async Task UnknownPath_UnknownOperationAndRecorded(string method, string path)
    {
        using var response = await _control.SendAsync(new HttpRequestMessage(new HttpMethod(method), Url(path)));

        await AwsErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "UnknownOperationException");
        Assert.Equal(FakeOperation.Unknown, Assert.Single(Server.Requests).Operation);
    }

    private Task<HttpResponseMessage> PatchAsync(string accessKeyId, string json) =>
        _control.PostAsync(Url($"/_fake/credentials/{accessKeyId}"), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    private Uri Url(string path) => new(Server.BaseUri, path);
}
