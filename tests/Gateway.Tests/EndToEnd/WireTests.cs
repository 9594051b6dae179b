using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Gateway.Tests.EndToEnd;

/// <summary>
/// What SDKs and hostile clients meet on a real socket: framing faults are the client's 400, unknown routes and wrong
/// methods under the API prefix answer in the endpoint's error JSON, HEAD probes answer 200, and Bedrock's context
/// window refusal reaches the client in Anthropic's wording.
/// </summary>
[Collection(KestrelGatewayCollection.Name)]
public sealed class WireTests(KestrelGatewayFixture fixture) : IAsyncLifetime
{
    private const string Messages = "/proxy/aws/claude/v1/messages";
    private const string Body = """{"model":"claude-3-haiku-20240307","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync()
    {
        fixture.Bedrock.ContextWindowTokens = -1;
        return Task.CompletedTask;
    }

    public static TheoryData<string, string> MalformedChunks => new()
    {
        { "bad chunk size", "zz\r\n" + Body + "\r\n0\r\n\r\n" },
        { "chunk longer than announced", "5\r\n" + Body + "\r\n0\r\n\r\n" },
        { "missing chunk terminator", "10\r\n0123456789abcdefXX" },
        { "negative chunk size", "-1\r\nabc\r\n0\r\n\r\n" },
        { "overflowing chunk size", "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(MalformedChunks))]
    public async Task MalformedChunkedBody_Is400InAnthropicShape_AndNeverReachesBedrock(string name, string chunkedBody)
    {
        var (status, body) = await RawAsync(
            $"POST {Messages} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: {GatewayFixture.ProxyKey}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody, closeSend: false);

        Assert.True(status == 400, $"{name}: {status} {body}");
        AssertAnthropicError(body, "invalid_request_error");
        AssertNothingReachedBedrock();
    }

    [Fact]
    public async Task HostileRequests_NeverGetA5xx_AndApiRouteErrorsAreJson()
    {
        var random = new Random(20261204);
        string[] methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO"];
        string[] paths =
        [
            Messages, "/proxy/aws/claude/messages", "/proxy/aws/claude/v1/complete", "/proxy/aws/claude/v1/chat/completions",
            "/proxy/aws/claude/v1/models", "/proxy/aws/claude/v1/messages/../../admin", "/proxy/aws/claude//v1/messages",
            "/proxy/aws/claude/v1/%00", "/proxy/aws/claude/v1/messages%2F..", "/proxy/aws/claude/" + new string('a', 3000),
        ];
        var failures = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var method = methods[random.Next(methods.Length)];
            var path = paths[random.Next(paths.Length)];
            var payload = Mutate(random, Body);
            var chunked = random.Next(2) == 0;
            var framing = chunked
                ? "Transfer-Encoding: chunked\r\n\r\n" + Chunks(random, payload)
                : $"Content-Length: {Encoding.UTF8.GetByteCount(payload)}\r\n\r\n" + payload;
            var (status, body) = await RawAsync(
                $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: {GatewayFixture.ProxyKey}\r\nContent-Type: application/json\r\n" + framing,
                closeSend: false);
            if (status >= 500 || (status is 404 or 405 && method != "HEAD" && path.StartsWith("/proxy/", StringComparison.Ordinal) && !body.StartsWith('{')))
            {
                failures.Add($"{method} {path[..Math.Min(path.Length, 60)]} chunked={chunked}: {status} {body}");
            }
        }

        Assert.Empty(failures);
    }

    private static string Mutate(Random random, string json)
    {
        var chars = json.ToCharArray();
        for (var i = random.Next(4); i > 0; i--)
        {
            chars[random.Next(chars.Length)] = "{}[]\":,x0\u00e9"[random.Next(10)];
        }

        return new string(chars);
    }

    private static string Chunks(Random random, string payload)
    {
        var text = new StringBuilder();
        var bytes = Encoding.UTF8.GetBytes(payload);
        for (var offset = 0; offset < bytes.Length;)
        {
            var size = Math.Min(bytes.Length - offset, 1 + random.Next(40));
            var sizeText = random.Next(8) switch
            {
                0 => "g" + size.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                1 => (size + random.Next(1, 5)).ToString("x", System.Globalization.CultureInfo.InvariantCulture),
                2 => size.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ";ext=1",
                _ => size.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            };
            text.Append(sizeText).Append("\r\n").Append(Encoding.UTF8.GetString(bytes, offset, size)).Append("\r\n");
            offset += size;
        }

        return text.Append("0\r\n\r\n").ToString();
    }

    [Fact]
    public async Task BodyShorterThanContentLength_WhileTheClientWaits_Is408AfterKestrelsBodyRateGrace()
    {
        // A client that closes its side instead is gone: Kestrel drops the connection and there is no one to answer.
        var (status, body) = await RawAsync(
            $"POST {Messages} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: {GatewayFixture.ProxyKey}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {Body.Length + 50}\r\n\r\n" + Body, closeSend: false);

        Assert.Equal(408, status);
        AssertAnthropicError(body, "invalid_request_error");
        AssertNothingReachedBedrock();
    }

    [Theory]
    [InlineData("GET", Messages, 405, "invalid_request_error")]
    [InlineData("PUT", "/proxy/aws/claude/messages", 405, "invalid_request_error")]
    [InlineData("DELETE", "/proxy/aws/claude/v1/complete", 405, "invalid_request_error")]
    [InlineData("POST", "/proxy/aws/claude/v1/nothing-here", 404, "not_found_error")]
    [InlineData("GET", "/proxy/aws/claude/v2/messages", 404, "not_found_error")]
    [InlineData("POST", "/proxy/aws/claude", 405, "invalid_request_error")]
    public async Task UnknownRouteOrMethod_UnderTheApi_AnswersAnthropicErrorJson(string method, string path, int status, string type)
    {
        using var client = fixture.CreateSocketClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = Http.Json(Body);
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        AssertAnthropicError(await response.Content.ReadAsStringAsync(), type);
        if (status == 405)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
            Assert.DoesNotContain(method, response.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task WrongMethod_OnTheOpenAiRoute_AnswersOpenAiErrorJson()
    {
        using var client = fixture.CreateSocketClient();
        using var response = await client.GetAsync("/proxy/aws/claude/v1/chat/completions");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Contains("GET", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_OutsideTheApi_StaysAnEmpty404()
    {
        using var client = fixture.CreateSocketClient();
        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/proxy/aws/claude")]
    [InlineData("/proxy/aws/claude/v1")]
    public async Task Head_OnTheRootAndTheApiRoot_Is200WithoutAKey(string path)
    {
        using var client = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PromptLongerThanTheContextWindow_IsPromptTooLong400(bool stream)
    {
        // The fake counts a quarter of the prompt's characters as tokens.
        fixture.Bedrock.ContextWindowTokens = 1000;
        var prompt = new string('a', 5000 * 4);
        using var client = fixture.CreateSocketClient();
        using var response = await client.PostAsync(Messages, Http.Json(
            $$"""{"model":"claude-3-haiku-20240307","max_tokens":10,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{prompt}}"}]}"""));
        fixture.Bedrock.ContextWindowTokens = -1;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = AssertAnthropicError(await response.Content.ReadAsStringAsync(), "invalid_request_error");
        Assert.Equal("prompt is too long: Input is too long for requested model.", error.GetProperty("message").GetString());
    }

    private static JsonElement AssertAnthropicError(string body, string type)
    {
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("error", json.GetProperty("type").GetString());
        var error = json.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        return error;
    }

    private void AssertNothingReachedBedrock() =>
        Assert.DoesNotContain(fixture.Bedrock.Requests, r => r.Operation is FakeOperation.Invoke or FakeOperation.InvokeStream);

    /// <summary>
    /// Sends raw bytes on a fresh connection (asking the server to close it after answering, optionally half-closing),
    /// reads to the end and parses the first answer; bounded by a 15 s timeout.
    /// </summary>
    private async Task<(int Status, string Body)> RawAsync(string request, bool closeSend)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, fixture.BaseAddress!.Port), timeout.Token);
        var headerEnd = request.IndexOf("\r\n", StringComparison.Ordinal);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.Insert(headerEnd + 2, "Connection: close\r\n")), SocketFlags.None, timeout.Token);
        if (closeSend)
        {
            socket.Shutdown(SocketShutdown.Send);
        }

        var answer = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (SocketException) when (answer.Length > 0)
        {
            // A reset after the answer (the server closed with our unread bytes pending): the answer is what counts.
        }

        return Parse(answer.ToArray());
    }

    private static (int, string) Parse(byte[] bytes)
    {
        var separator = "\r\n\r\n"u8;
        var headerEnd = bytes.AsSpan().IndexOf(separator);
        Assert.True(headerEnd > 0, "no HTTP answer: " + Encoding.UTF8.GetString(bytes));
        var head = Encoding.ASCII.GetString(bytes, 0, headerEnd);
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = bytes.AsSpan(headerEnd + 4);
        var lines = head.Split("\r\n");
        if (lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } lengthLine)
        {
            var length = int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return (status, Encoding.UTF8.GetString(body[..Math.Min(length, body.Length)]));
        }

        if (!lines.Any(l => l.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            return (status, Encoding.UTF8.GetString(body));
        }

        var decoded = new MemoryStream();
        while (true)
        {
            var line = body.IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..line]).Split(';')[0], 16);
            if (size == 0)
            {
                return (status, Encoding.UTF8.GetString(decoded.ToArray()));
            }

            decoded.Write(body.Slice(line + 2, size));
            body = body[(line + 2 + size + 2)..];
        }
    }
}
