using OrleansProxy.Bedrock;
using OrleansProxy.Gateway.Forwarding;

namespace OrleansProxy.Gateway.Tests.Forwarding;

public sealed class InvokeUrisTests
{
    private readonly InvokeUris _uris = new(new BedrockEndpoints(null, null));

    [Fact]
    public void For_BuildsTheEncodedInvokeUrlOnceAndReusesIt()
    {
        var first = _uris.For("us-east-1", "anthropic.claude-3-haiku-20240307-v1:0", stream: false);
        var again = _uris.For("us-east-1", "anthropic.claude-3-haiku-20240307-v1:0", stream: false);

        Assert.Equal("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke", first.OriginalString);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke", first.PathAndQuery);
        Assert.Same(first, again);
    }

    [Fact]
    public void For_KeepsRegionsModelsAndStreamingApart()
    {
        var plain = _uris.For("us-east-1", "anthropic.claude-v2", stream: false);
        var stream = _uris.For("us-east-1", "anthropic.claude-v2", stream: true);
        var west = _uris.For("us-west-2", "anthropic.claude-v2", stream: false);

        Assert.EndsWith("/model/anthropic.claude-v2/invoke-with-response-stream", stream.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("https://bedrock-runtime.us-west-2.amazonaws.com/", west.OriginalString, StringComparison.Ordinal);
        Assert.NotEqual(plain, stream);
        Assert.NotEqual(plain, west);
    }

    [Fact]
    public void For_PastTheCapStillAnswersButKeepsNoMore()
    {
        for (var i = 0; i < InvokeUris.MaxCached; i++)
        {
            _uris.For("us-east-1", $"model-{i}", stream: false);
        }

        var extra = _uris.For("us-east-1", "model-extra", stream: false);
        var extraAgain = _uris.For("us-east-1", "model-extra", stream: false);

        Assert.Equal(extra, extraAgain);
        Assert.NotSame(extra, extraAgain);
        Assert.Same(_uris.For("us-east-1", "model-0", stream: false), _uris.For("us-east-1", "model-0", stream: false));
    }
}
