using System.Text;
using System.Text.Json;
using OrleansProxy.Gateway.Tests.EndToEnd;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>InvokeModel and InvokeModelWithResponseStream through the front door, end to end against the fake Bedrock.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BedrockFrontInvokeTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Invoke_WithBearerKey_AnswersBedrocksBodyAndSendsTheClientsBodyUntouched()
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku), FrontDoor.HaikuBody);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(text);
        Assert.Equal("Fake Bedrock reply to: front door hello", json.RootElement.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.True(json.RootElement.GetProperty("usage").GetProperty("input_tokens").GetInt32() > 0);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-bedrock-input-token-count"));
        var call = Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke);
        Assert.Equal(Haiku, call.ModelId);
        Assert.Equal(200, call.StatusCode);
        Assert.Equal(FrontDoor.HaikuBody, call.Body);
        // Signed by a pooled credential (the fake verified its SigV4), not the client's bearer token.
        Assert.Contains(fixture.Keys, k => k.AccessKeyId == call.AccessKeyId);
    }

    [Fact]
    public async Task Invoke_WithXApiKey_AndAnEncodedColon_IsServed()
    {
        using var client = fixture.CreateClient();

        using var response = await FrontDoor.PostAsync(client, FrontDoor.InvokePath("anthropic.claude-3-haiku-20240307-v1%3A0"), FrontDoor.HaikuBody);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(Haiku, Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke).ModelId);
    }

    [Fact]
    public async Task Invoke_InferenceProfileId_GoesUpstreamAsThatProfile()
    {
        const string profile = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(profile), FrontDoor.HaikuBody);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(profile, Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke).ModelId);
    }

    [Fact]
    public async Task Stream_IsARealEventStream_WithChecksummedChunkFramesCarryingTheModelEvents()
    {
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku, stream: true), FrontDoor.HaikuBody);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        var events = FrontDoor.DecodeFrames(body).Select(FrontDoor.ChunkEvent).ToList();
        Assert.Equal("message_start", events[0].GetProperty("type").GetString());
        Assert.Equal("message_stop", events[^1].GetProperty("type").GetString());
        var text = string.Concat(events.Where(e => e.GetProperty("type").GetString() == "content_block_delta")
            .Select(e => e.GetProperty("delta").GetProperty("text").GetString()));
        Assert.Equal("Fake Bedrock reply to: front door hello", text);
        // Passed through as Bedrock sent it: the last event keeps Bedrock's invocation metrics.
        Assert.True(events[^1].GetProperty("amazon-bedrock-invocationMetrics").GetProperty("outputTokenCount").GetInt32() > 0);
        var call = Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.InvokeStream);
        Assert.Equal(FrontDoor.HaikuBody, call.Body);
    }

    [Fact]
    public async Task MidStreamException_BecomesAnExceptionFrameAfterTheChunks()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).MidStreamException = new FakeMidStreamException("modelStreamErrorException", 2);
        }

        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku, stream: true),
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"one two three four five six"}]}""");
        var frames = FrontDoor.DecodeFrames(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(frames.Count >= 3);
        Assert.All(frames[..^1], f => FrontDoor.ChunkEvent(f));
        var last = frames[^1];
        Assert.Equal("exception", FrontDoor.Header(last, ":message-type"));
        Assert.Equal("modelStreamErrorException", FrontDoor.Header(last, ":exception-type"));
        using var payload = JsonDocument.Parse(last.Payload);
        Assert.False(string.IsNullOrWhiteSpace(payload.RootElement.GetProperty("message").GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PromptLongerThanTheContextWindow_GetsBedrocksOwnValidationException_NotTheAnthropicRewording(bool stream)
    {
        // The fake counts a quarter of the prompt's characters as tokens.
        fixture.Bedrock.ContextWindowTokens = 1000;
        try
        {
            var body = $$"""{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[{"role":"user","content":"{{new string('a', 5000 * 4)}}"}]}""";
            using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku, stream), body);

            var message = await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
            Assert.Equal("Input is too long for requested model.", message);
            Assert.Contains(fixture.Bedrock.Requests, r => r.ErrorType == "ValidationException");
        }
        finally
        {
            fixture.Bedrock.ContextWindowTokens = -1;
        }
    }

    [Fact]
    public async Task MidStreamContextWindowRefusal_ExceptionFrameCarriesBedrocksOwnText()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).MidStreamException = new FakeMidStreamException("validationException", 2);
        }

        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku, stream: true),
            """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"one two three four five six"}]}""");
        var last = FrontDoor.DecodeFrames(await response.Content.ReadAsByteArrayAsync())[^1];

        Assert.Equal("exception", FrontDoor.Header(last, ":message-type"));
        Assert.Equal("validationException", FrontDoor.Header(last, ":exception-type"));
        using var payload = JsonDocument.Parse(last.Payload);
        Assert.Equal("Input is too long for requested model.", payload.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task EveryKeyThrottled_Gets429ThrottlingException()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).ThrottleAlways = true;
        }

        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku), FrontDoor.HaikuBody);

        await FrontDoor.AssertAwsErrorAsync(response, 429, "ThrottlingException");
        Assert.Contains(fixture.Bedrock.Requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task EveryKeyThrottled_StreamGets429BeforeAnyFrame()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).ThrottleAlways = true;
        }

        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku, stream: true), FrontDoor.HaikuBody);

        await FrontDoor.AssertAwsErrorAsync(response, 429, "ThrottlingException");
    }

    [Fact]
    public async Task ModelError_KeepsBedrocksNameAndStatus()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).FailNext(1, FakeFault.ModelError);
        }

        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath(Haiku), FrontDoor.HaikuBody);

        await FrontDoor.AssertAwsErrorAsync(response, 424, "ModelErrorException");
    }

    [Fact]
    public async Task BedrocksOwnValidationError_PassesThroughWithItsMessage()
    {
        // A legacy Text Completions body passes through as sent; Bedrock refuses a prompt without its Human: turn.
        const string body = """{"prompt":"Hello","max_tokens_to_sample":10}""";
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath("anthropic.claude-v2:1"), body);

        var message = await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
        var call = Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke);
        Assert.Equal("ValidationException", call.ErrorType);
        Assert.Equal(body, call.Body);
        Assert.Contains("Human", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaudeCodeShapes_SystemTurnsFolded_UnsupportedBetasAndFieldsDropped_LikeTheMessagesEndpoint()
    {
        // What Claude Code 2.1.332 sends in Bedrock mode: a mid-conversation system turn, metadata, output_config, a
        // first-party-only beta next to one Bedrock takes; output_config (effort) is for Claude 4.5 on, so 3.7 loses it.
        using var response = await FrontDoor.PostAsync(FrontDoor.Client(fixture), FrontDoor.InvokePath("us.anthropic.claude-3-7-sonnet-20250219-v1:0"),
            """{"messages":[{"role":"user","content":"first"},{"role":"system","content":"be brief"}],"max_tokens":20,"metadata":{"user_id":"u"},"output_config":{"effort":"medium"},"anthropic_beta":["token-efficient-tools-2025-02-19","claude-code-20250219"],"anthropic_version":"bedrock-2023-05-31"}""");

        Assert.Equal(200, (int)response.StatusCode);
        var call = Assert.Single(fixture.Bedrock.Requests, r => r.Operation == FakeOperation.Invoke);
        using var sent = JsonDocument.Parse(call.Body);
        Assert.All(sent.RootElement.GetProperty("messages").EnumerateArray(), m => Assert.NotEqual("system", m.GetProperty("role").GetString()));
        Assert.False(sent.RootElement.TryGetProperty("output_config", out _));
        Assert.DoesNotContain("claude-code-20250219", call.Body, StringComparison.Ordinal);
        Assert.Contains("be brief", call.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    public async Task MissingOrWrongKey_Gets403InAwsShape_AndNothingGoesUpstream(string? key)
    {
        using var client = fixture.Factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await FrontDoor.PostAsync(client, FrontDoor.InvokePath(Haiku), FrontDoor.HaikuBody);

        await FrontDoor.AssertAwsErrorAsync(response, 403, "UnrecognizedClientException");
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);
    }
}
