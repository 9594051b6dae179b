using System.Text.Json;
using OrleansProxy.Gateway.Tests.EndToEnd;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>The control-plane listings Bedrock clients read first, answered from the pool's servable models.</summary>
[Collection(GatewayCollection.Name)]
public sealed class BedrockFrontListingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task ListInferenceProfiles_PagedOnNextToken_ListsEveryServableProfileOnce()
    {
        var expected = (await fixture.Pool.GetModelsAsync()).SelectMany(m => m.ProfileIds).ToList();
        using var client = FrontDoor.Client(fixture);
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var path = $"{FrontDoor.Base}/inference-profiles?type=SYSTEM_DEFINED&maxResults=3" + (token is null ? "" : "&nextToken=" + Uri.EscapeDataString(token));
            using var json = JsonDocument.Parse(await client.GetStringAsync(path));
            var summaries = json.RootElement.GetProperty("inferenceProfileSummaries").EnumerateArray().ToList();
            Assert.True(summaries.Count <= 3);
            foreach (var summary in summaries)
            {
                var id = summary.GetProperty("inferenceProfileId").GetString()!;
                ids.Add(id);
                Assert.Equal("ACTIVE", summary.GetProperty("status").GetString());
                Assert.Equal("SYSTEM_DEFINED", summary.GetProperty("type").GetString());
                Assert.EndsWith(":inference-profile/" + id, summary.GetProperty("inferenceProfileArn").GetString(), StringComparison.Ordinal);
                Assert.False(string.IsNullOrEmpty(summary.GetProperty("inferenceProfileName").GetString()));
                var modelArn = Assert.Single(summary.GetProperty("models").EnumerateArray()).GetProperty("modelArn").GetString()!;
                // Clients resolve a profile's model from the last segment of its model ARN.
                Assert.Equal(id[(id.IndexOf('.', StringComparison.Ordinal) + 1)..], modelArn[(modelArn.LastIndexOf('/') + 1)..]);
            }

            token = json.RootElement.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Contains("us.anthropic.claude-3-haiku-20240307-v1:0", ids);
        Assert.Equal(expected, ids);
        Assert.True(pages > 1);
    }

    [Fact]
    public async Task ListInferenceProfiles_ApplicationType_IsEmpty()
    {
        using var json = JsonDocument.Parse(await FrontDoor.Client(fixture).GetStringAsync($"{FrontDoor.Base}/inference-profiles?type=APPLICATION"));

        Assert.Empty(json.RootElement.GetProperty("inferenceProfileSummaries").EnumerateArray());
    }

    [Theory]
    [InlineData("/inference-profiles?type=CUSTOM")]
    [InlineData("/inference-profiles?maxResults=0")]
    [InlineData("/inference-profiles?maxResults=1001")]
    [InlineData("/inference-profiles?nextToken=garbage")]
    [InlineData("/foundation-models?byInferenceType=SOMETIMES")]
    [InlineData("/foundation-models?byOutputModality=SMELL")]
    public async Task BadListingQuery_Gets400ValidationException(string path)
    {
        using var response = await FrontDoor.Client(fixture).GetAsync(FrontDoor.Base + path);

        await FrontDoor.AssertAwsErrorAsync(response, 400, "ValidationException");
    }

    [Theory]
    [InlineData("us.anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("arn:aws:bedrock:us-east-1:000000000000:inference-profile%2Fus.anthropic.claude-3-haiku-20240307-v1:0")]
    public async Task GetInferenceProfile_ByIdOrArn(string identifier)
    {
        using var json = JsonDocument.Parse(await FrontDoor.Client(fixture).GetStringAsync($"{FrontDoor.Base}/inference-profiles/{identifier}"));

        Assert.Equal("us.anthropic.claude-3-haiku-20240307-v1:0", json.RootElement.GetProperty("inferenceProfileId").GetString());
    }

    [Fact]
    public async Task GetInferenceProfile_Unknown_Gets404ResourceNotFound()
    {
        using var response = await FrontDoor.Client(fixture).GetAsync($"{FrontDoor.Base}/inference-profiles/us.anthropic.claude-9-mega");

        await FrontDoor.AssertAwsErrorAsync(response, 404, "ResourceNotFoundException");
    }

    [Fact]
    public async Task ListFoundationModels_ListsServableModelsWithTheirInferenceTypes_AndFilters()
    {
        using var client = FrontDoor.Client(fixture);
        var servable = await fixture.Pool.GetModelsAsync();

        using var all = JsonDocument.Parse(await client.GetStringAsync($"{FrontDoor.Base}/foundation-models?byProvider=anthropic"));
        using var onDemand = JsonDocument.Parse(await client.GetStringAsync($"{FrontDoor.Base}/foundation-models?byInferenceType=ON_DEMAND"));
        using var meta = JsonDocument.Parse(await client.GetStringAsync($"{FrontDoor.Base}/foundation-models?byProvider=Meta"));

        var summaries = all.RootElement.GetProperty("modelSummaries").EnumerateArray().ToList();
        Assert.Equal(servable.Select(m => m.BaseId), summaries.Select(s => s.GetProperty("modelId").GetString()));
        var haiku = summaries.Single(s => s.GetProperty("modelId").GetString() == "anthropic.claude-3-haiku-20240307-v1:0");
        Assert.Equal("ON_DEMAND", Assert.Single(haiku.GetProperty("inferenceTypesSupported").EnumerateArray()).GetString());
        Assert.Equal("Anthropic", haiku.GetProperty("providerName").GetString());
        Assert.Equal("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", haiku.GetProperty("modelArn").GetString());
        Assert.Equal(servable.Where(m => m.OnDemand).Select(m => m.BaseId),
            onDemand.RootElement.GetProperty("modelSummaries").EnumerateArray().Select(s => s.GetProperty("modelId").GetString()));
        Assert.Empty(meta.RootElement.GetProperty("modelSummaries").EnumerateArray());
    }

    [Theory]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0")]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model%2Fanthropic.claude-3-haiku-20240307-v1:0")]
    public async Task GetFoundationModel_ByIdOrArn(string identifier)
    {
        using var json = JsonDocument.Parse(await FrontDoor.Client(fixture).GetStringAsync($"{FrontDoor.Base}/foundation-models/{identifier}"));

        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", json.RootElement.GetProperty("modelDetails").GetProperty("modelId").GetString());
    }

    [Fact]
    public async Task GetFoundationModel_Unknown_Gets404ResourceNotFound()
    {
        using var response = await FrontDoor.Client(fixture).GetAsync($"{FrontDoor.Base}/foundation-models/anthropic.claude-9-mega");

        await FrontDoor.AssertAwsErrorAsync(response, 404, "ResourceNotFoundException");
    }
}
