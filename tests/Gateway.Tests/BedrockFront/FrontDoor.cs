using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.EventStreams;
using Amazon.Runtime.EventStreams.Internal;
using OrleansProxy.Gateway.Tests.EndToEnd;

namespace OrleansProxy.Gateway.Tests.BedrockFront;

/// <summary>Raw HTTP against the Bedrock front door, as an AWS SDK with a bearer token sends it.</summary>
internal static class FrontDoor
{
    public const string Base = "/proxy/aws/bedrock";

    public const string HaikuBody =
        """{"anthropic_version":"bedrock-2023-05-31","max_tokens":20,"messages":[{"role":"user","content":"front door hello"}]}""";

    /// <summary>A client that sends the proxy key as AWS_BEARER_TOKEN_BEDROCK does: <c>Authorization: Bearer</c>.</summary>
    public static HttpClient Client(GatewayFixture fixture)
    {
        var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GatewayFixture.ProxyKey);
        return client;
    }

    public static string InvokePath(string modelId, bool stream = false) =>
        $"{Base}/model/{modelId}/{(stream ? "invoke-with-response-stream" : "invoke")}";

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Asserts AWS's REST-JSON error shape and returns its message.</summary>
    public static async Task<string> AssertAwsErrorAsync(HttpResponseMessage response, int status, string errorType)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(errorType, Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        var property = Assert.Single(json.RootElement.EnumerateObject());
        Assert.Equal("message", property.Name);
        var message = property.Value.GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    /// <summary>
    /// Decodes an event-stream body with AWSSDK.Core's decoder, which checks the prelude and message CRCs of every
    /// frame (a bad one throws); fails if bytes are left over.
    /// </summary>
    public static List<EventStreamMessage> DecodeFrames(byte[] body)
    {
        var frames = new List<EventStreamMessage>();
        using var decoder = new EventStreamDecoder();
        decoder.MessageReceived += (_, args) => frames.Add(args.Message);
        decoder.ProcessData(body, 0, body.Length);
        Assert.Equal(body.Length, frames.Sum(f => 16 + f.Payload.Length + f.Headers.Values.Sum(h => h.GetWireSize())));
        return frames;
    }

    public static string Header(EventStreamMessage frame, string name) => frame.Headers[name].AsString();

    /// <summary>The model event a chunk frame carries: its payload is exactly <c>{"bytes":"&lt;base64&gt;"}</c>.</summary>
    public static JsonElement ChunkEvent(EventStreamMessage frame)
    {
        Assert.Equal("event", Header(frame, ":message-type"));
        Assert.Equal("chunk", Header(frame, ":event-type"));
        Assert.Equal("application/json", Header(frame, ":content-type"));
        using var payload = JsonDocument.Parse(frame.Payload);
        var bytes = Convert.FromBase64String(Assert.Single(payload.RootElement.EnumerateObject(), p => p.Name == "bytes").Value.GetString()!);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }
}
