using System.Net.Http.Headers;
using System.Text;

namespace OrleansProxy.LoadTest.Requests;

/// <summary>Anthropic Messages calls to a gateway's <c>/proxy/aws/claude/v1/messages</c> with <c>x-api-key</c>.</summary>
internal sealed class AnthropicRequestProfile(Uri baseUri, string? apiKey) : RequestProfile
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"model":"claude-3-haiku-20240307","max_tokens":16,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""");

    private static readonly byte[] StreamingBody = Encoding.UTF8.GetBytes(
        """{"model":"claude-3-haiku-20240307","max_tokens":16,"stream":true,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""");

    private readonly Uri _messages = new(baseUri, "/proxy/aws/claude/v1/messages");

    /// <summary>The gateway's address (row e calls the same gateway's Bedrock front door).</summary>
    public Uri BaseUri => baseUri;

    public override HttpRequestMessage Create(bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = new ByteArrayContent(stream ? StreamingBody : Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", apiKey);
        }

        return request;
    }

    public override bool IsGoodAnswer(bool stream, HttpResponseMessage response, ReadOnlySpan<byte> body) =>
        response.StatusCode == System.Net.HttpStatusCode.OK && (stream
            ? body.IndexOf("event: message_stop"u8) >= 0 && body.IndexOf("event: error"u8) < 0
            : body.IndexOf("\"type\":\"message\""u8) >= 0);
}
