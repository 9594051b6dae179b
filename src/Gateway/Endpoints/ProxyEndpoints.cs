using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Sessions;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>The client API under <c>/proxy/aws/claude</c>, each route also served without its <c>/v1</c> segment.</summary>
public static class ProxyEndpoints
{
    /// <summary>The API's base path.</summary>
    public const string BasePath = "/proxy/aws/claude";

    /// <summary>Maps Messages, Text Completions, OpenAI Chat Completions and the model list.</summary>
    public static IEndpointRouteBuilder MapProxyApi(this IEndpointRouteBuilder endpoints)
    {
        // One filter instance: AddEndpointFilter<T> would build one (and digest the configured key) per request.
        var api = endpoints.MapGroup(BasePath).AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<Gatekeeper>()).WithTags("Proxy");
        foreach (var prefix in new[] { "/v1", "" })
        {
            Map(api, prefix + "/messages", ClientDialect.AnthropicMessages, "Messages");
            CountTokensEndpoint.Map(api, prefix);
            Map(api, prefix + "/complete", ClientDialect.AnthropicTextCompletions, "Complete");
            Map(api, prefix + "/chat/completions", ClientDialect.OpenAiChat, "ChatCompletions");
            api.MapGet(prefix + "/models", ModelsEndpoint.ListAsync)
                .WithName("Models" + prefix.Replace("/", "", StringComparison.Ordinal))
                .WithSummary("Models the pool can serve now")
                .WithMetadata(new ClientDialectMetadata(ClientDialect.AnthropicMessages));
            api.MapGet(prefix + "/models/{id}", ModelsEndpoint.GetAsync)
                .WithName("Model" + prefix.Replace("/", "", StringComparison.Ordinal))
                .WithSummary("One model the pool can serve now")
                .WithMetadata(new ClientDialectMetadata(ClientDialect.AnthropicMessages));
        }

        return endpoints;
    }

    private static void Map(RouteGroupBuilder api, string pattern, ClientDialect dialect, string name) =>
        api.MapPost(pattern, (HttpContext http, BedrockForwarder forwarder, IOptions<GatewayOptions> options, Gatekeeper caller) =>
                HandleAsync(http, forwarder, options.Value, dialect, name, caller.CallerScope))
            .WithName(name + (pattern.StartsWith("/v1", StringComparison.Ordinal) ? "V1" : ""))
            .WithMetadata(new ClientDialectMetadata(dialect), UserAdmissionMetadata.Instance);

    private static async Task HandleAsync(
        HttpContext http, BedrockForwarder forwarder, GatewayOptions options, ClientDialect dialect, string endpoint, string callerScope)
    {
        var (body, error) = await RequestBodyReader.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (error is null)
        {
            var parsed = RequestTranslator.Parse(dialect, body, http.Request.Headers["anthropic-beta"].ToString(),
                new TranslationOptions { DefaultOpenAiMaxTokens = options.DefaultOpenAiMaxTokens, Aliases = options.Aliases, Betas = options.Betas, Fields = options.Fields },
                SessionHints.From(http, callerScope));
            if (parsed.Request is { } request)
            {
                await forwarder.ForwardAsync(http, request, endpoint);
                return;
            }

            error = parsed.Error!;
        }

        http.Response.StatusCode = error.StatusCode;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(ErrorBodies.For(dialect, error), http.RequestAborted);
    }
}
