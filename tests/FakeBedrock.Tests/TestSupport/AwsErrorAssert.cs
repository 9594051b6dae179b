using System.Net;
using System.Text.Json;

namespace OrleansProxy.Testing.FakeBedrock.Tests.TestSupport;

/// <summary>Asserts an answer is the AWS error a real SDK would parse: status, <c>x-amzn-ErrorType</c> and message.</summary>
internal static class AwsErrorAssert
{
    public static async Task<string> IsAsync(HttpResponseMessage response, HttpStatusCode status, string errorType, string? message = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {errorType}, got {(int)response.StatusCode}: {body}");
        var header = Assert.Single(response.Headers.GetValues("x-amzn-ErrorType"));
        Assert.Equal(errorType, header.Split(':')[0]);
        Assert.EndsWith("/", header, StringComparison.Ordinal);
        Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        var text = JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;
        if (message is not null)
        {
            Assert.Equal(message, text);
        }

        return text;
    }
}
