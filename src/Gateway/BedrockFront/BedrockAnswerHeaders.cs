namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>The InvokeModel answer headers a front-door client gets as Bedrock sent them (token counts, latency).</summary>
internal static class BedrockAnswerHeaders
{
    private static readonly string[] Names =
    [
        "x-amzn-bedrock-input-token-count", "x-amzn-bedrock-output-token-count", "x-amzn-bedrock-invocation-latency",
        "x-amzn-bedrock-cache-read-input-token-count", "x-amzn-bedrock-cache-write-input-token-count",
    ];

    /// <summary>Copies the headers Bedrock set on <paramref name="upstream"/> to <paramref name="client"/>.</summary>
    public static void Copy(HttpResponseMessage upstream, HttpResponse client)
    {
        foreach (var name in Names)
        {
            if (upstream.Headers.TryGetValues(name, out var values))
            {
                client.Headers[name] = values.FirstOrDefault();
            }
        }
    }
}
