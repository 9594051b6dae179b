using System.Net.Http.Headers;
using System.Text;
using OrleansProxy.LoadTest.Signing;

namespace OrleansProxy.LoadTest.Requests;

/// <summary>
/// InvokeModel calls with a Bedrock Messages body, to the fake itself (signed here, per request), to the YARP
/// pass-through (unsigned: it signs) or to the gateway's Bedrock front door (<paramref name="pathPrefix"/>
/// <c>/proxy/aws/bedrock</c>, the proxy key as <paramref name="bearerToken"/>, as AWS_BEARER_TOKEN_BEDROCK sends it).
/// </summary>
internal sealed class BedrockRequestProfile(Uri baseUri, BedrockSigner? signer, string pathPrefix = "", string? bearerToken = null) : RequestProfile
{
    public const string ModelPath = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"anthropic_version":"bedrock-2023-05-31","max_tokens":16,"messages":[{"role":"user","content":"Hello, how are you today?"}]}""");

    private readonly Uri _invoke = new(baseUri, pathPrefix + ModelPath + "invoke");
    private readonly Uri _stream = new(baseUri, pathPrefix + ModelPath + "invoke-with-response-stream");

    public override HttpRequestMessage Create(bool stream)
    {
        var accept = stream ? "application/vnd.amazon.eventstream" : "application/json";
        var request = new HttpRequestMessage(HttpMethod.Post, stream ? _stream : _invoke)
        {
            Content = new ByteArrayContent(Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("accept", accept);
        if (bearerToken is not null)
        {
            request.Headers.TryAddWithoutValidation("authorization", "Bearer " + bearerToken);
        }

        if (signer is not null)
        {
            foreach (var (name, value) in signer.Sign(request.RequestUri!, accept, BedrockSigner.Sha256(Body)))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public override bool IsGoodAnswer(bool stream, HttpResponseMessage response, ReadOnlySpan<byte> body) =>
        response.StatusCode == System.Net.HttpStatusCode.OK && (stream
            // Event-stream frames carry their header names in clear; an exception frame would name its type.
            ? response.Content.Headers.ContentType?.MediaType == "application/vnd.amazon.eventstream"
              && body.IndexOf(":event-type"u8) >= 0 && body.IndexOf(":exception-type"u8) < 0
            : body.IndexOf("\"stop_reason\""u8) >= 0);
}
