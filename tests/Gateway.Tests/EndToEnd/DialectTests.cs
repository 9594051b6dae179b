using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>Legacy Text Completions and OpenAI Chat Completions over raw HTTP, plain and streaming.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DialectTests(GatewayFixture fixture) : IAsyncLifetime
{
    private const string Reply = "Legacy and OpenAI clients get this very reply.";

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        fixture.Bedrock.ReplyText = _ => Reply;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("claude-2.1", "TextCompletions")]
    [InlineData("claude-instant-1.2", "TextCompletions")]
    [InlineData("claude-3-haiku-20240307", "Messages")]
    public async Task Complete_Plain_ReturnsALegacyCompletion(string model, string upstreamApi)
    {
        var (status, body) = await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/complete",
            $$"""{"model":"{{model}}","prompt":"\n\nHuman: Hello there\n\nAssistant:","max_tokens_to_sample":50}""");

        Assert.Equal(200, status);
        Assert.Equal("completion", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(Reply, body.RootElement.GetProperty("completion").GetString().AsSpan().Trim().ToString());
        Assert.Equal(model, body.RootElement.GetProperty("model").GetString());
        var sent = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.Invoke).Body;
        Assert.Equal(upstreamApi == "TextCompletions", sent.Contains("\"prompt\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("claude-v2")]
    [InlineData("claude-3-haiku-20240307")]
    public async Task Complete_Streaming_SendsCompletionEvents(string model)
    {
        var (status, contentType, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/complete",
            $$"""{"model":"{{model}}","prompt":"\n\nHuman: Hi\n\nAssistant:","max_tokens_to_sample":50,"stream":true}""");

        Assert.Equal(200, status);
        Assert.Equal("text/event-stream", contentType);
        var completions = events.Where(e => e.Event == "completion").Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.Equal(Reply, string.Concat(completions.Select(c => c.GetProperty("completion").GetString())).Trim());
        Assert.NotEqual(JsonValueKind.Null, completions[^1].GetProperty("stop_reason").ValueKind);
    }

    [Fact]
    public async Task ChatCompletions_Plain_ReturnsAnOpenAiCompletionWithUsage()
    {
        var (status, body) = await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/chat/completions",
            """{"model":"claude-3-5-sonnet-20240620","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello"}]}""");

        Assert.Equal(200, status);
        var root = body.RootElement;
        Assert.Equal("chat.completion", root.GetProperty("object").GetString());
        Assert.Equal(Reply, root.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal("stop", root.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        var recorded = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.Invoke);
        Assert.Equal(recorded.InputTokens, root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(recorded.OutputTokens, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal("Be brief.", SystemText(JsonDocument.Parse(recorded.Body).RootElement.GetProperty("system")));
    }

    private static string SystemText(JsonElement system) => system.ValueKind == JsonValueKind.String
        ? system.GetString()!
        : string.Concat(system.EnumerateArray().Select(b => b.GetProperty("text").GetString()));

    [Fact]
    public async Task ChatCompletions_Streaming_SendsChunksThenDone()
    {
        var (status, _, events) = await Http.PostSseAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/chat/completions",
            """{"model":"claude-3-haiku-20240307","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Hi"}]}""");

        Assert.Equal(200, status);
        Assert.Equal("[DONE]", events[^1].Data);
        var chunks = events.Where(e => e.Data.StartsWith('{')).Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c.GetProperty("object").GetString()));
        var text = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(choice => choice.GetProperty("delta").TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : ""));
        Assert.Equal(Reply, text);
        var recorded = fixture.Bedrock.Requests.Single(r => r.Operation == FakeOperation.InvokeStream);
        Assert.Equal(recorded.OutputTokens, chunks.Last(c => c.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
            .GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    private async Task<(int Status, JsonElement Root, List<string?> Ids)> ListModelsAsync()
    {
        var response = await fixture.CreateClient().GetAsync("/proxy/aws/claude/v1/models");
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return ((int)response.StatusCode, root, [.. root.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString())]);
    }

    [Fact]
    public async Task Models_ListsServableModelsForBothSdkFamilies()
    {
        // The list comes from the gateway's pool view, which may be up to a second older than the reset's recheck.
        var (status, root, ids) = await ListModelsAsync();
        for (var tries = 0; !ids.Contains("claude-3-haiku-20240307") && tries < 50; tries++)
        {
            await Task.Delay(100);
            (status, root, ids) = await ListModelsAsync();
        }

        Assert.Equal(200, status);
        Assert.Equal("list", root.GetProperty("object").GetString());
        Assert.Contains("anthropic.claude-v2:1", ids);
        Assert.Contains("claude-3-haiku-20240307", ids);
        Assert.DoesNotContain("anthropic.claude-v1", ids);
    }

    [Fact]
    public async Task Usage_IsReportedToTheCredentialGrains()
    {
        var before = (await fixture.Pool.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku").Usage;

        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await Http.PostJsonAsync(fixture.CreateClient(), "/proxy/aws/claude/v1/messages",
                """{"model":"claude-3-haiku-20240307","max_tokens":20,"messages":[{"role":"user","content":"count me"}]}""");
            Assert.Equal(200, status);
        }

        var served = fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke).ToList();
        await fixture.WaitForPoolAsync(s =>
        {
            var usage = s.Families.Single(f => f.Family == "claude-3-haiku").Usage;
            return usage.Requests == before.Requests + 3
                && usage.InputTokens == before.InputTokens + served.Sum(r => r.InputTokens)
                && usage.OutputTokens == before.OutputTokens + served.Sum(r => r.OutputTokens);
        });
    }

    [Fact]
    public async Task Usage_ManyAnswersAtOnce_EachIsCountedOnceAndEveryLeaseEnds()
    {
        // Reports of answers finishing together are batched per credential; none may be lost or counted twice.
        const int Answers = 200;
        var before = (await fixture.Pool.GetSnapshotAsync()).Families.Single(f => f.Family == "claude-3-haiku").Usage;
        var client = fixture.CreateClient();

        using var gate = new SemaphoreSlim(32);
        var statuses = await Task.WhenAll(Enumerable.Range(0, Answers).Select(async n =>
        {
            await gate.WaitAsync();
            try
            {
                var (status, _) = await Http.PostJsonAsync(client, "/proxy/aws/claude/v1/messages",
                    $$"""{"model":"claude-3-haiku-20240307","max_tokens":20,"messages":[{"role":"user","content":"answer {{n}}"}]}""");
                return status;
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.All(statuses, s => Assert.Equal(200, s));
        var served = fixture.Bedrock.Requests.Where(r => r.Operation == FakeOperation.Invoke).ToList();
        Assert.Equal(Answers, served.Count);
        await fixture.WaitForPoolAsync(s =>
        {
            var usage = s.Families.Single(f => f.Family == "claude-3-haiku").Usage;
            return s.InFlight == 0
                && usage.Requests == before.Requests + Answers
                && usage.InputTokens == before.InputTokens + served.Sum(r => r.InputTokens)
                && usage.OutputTokens == before.OutputTokens + served.Sum(r => r.OutputTokens);
        });
    }
}
