using System.Text;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Tests.Translation;

/// <summary>Shorthands for driving <see cref="RequestTranslator"/> from JSON text.</summary>
internal static class Requests
{
    public static RequestParseResult Parse(
        ClientDialect dialect, string json, string? betaHeader = null, TranslationOptions? options = null) =>
        RequestTranslator.Parse(dialect, Encoding.UTF8.GetBytes(json), betaHeader, options ?? TranslationOptions.Default);

    public static TranslatedRequest Ok(ClientDialect dialect, string json, string? betaHeader = null, TranslationOptions? options = null)
    {
        var result = Parse(dialect, json, betaHeader, options);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Request;
    }

    public static ProxyError Fails(ClientDialect dialect, string json, TranslationOptions? options = null)
    {
        var result = Parse(dialect, json, null, options);
        Assert.False(result.IsSuccess, "expected the request to be refused");
        return result.Error;
    }

    public static string Body(TranslatedRequest request) => Encoding.UTF8.GetString(request.BedrockBody);
}
