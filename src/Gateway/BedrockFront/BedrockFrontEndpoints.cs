using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.TokenCounting;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Gateway.Users;

namespace OrleansProxy.Gateway.BedrockFront;

/// <summary>
/// The Bedrock-native front door under <c>/proxy/aws/bedrock</c>, for clients that speak Bedrock's own API (Claude
/// Code in Bedrock mode, boto3, the AWS SDKs, Anthropic's Bedrock SDKs) with the proxy key as their bearer token.
/// Invocations go through the same pool, retries, queue, accounting and metrics as the Anthropic endpoints.
/// </summary>
public static class BedrockFrontEndpoints
{
    /// <summary>The front door's base path (a client's <c>ANTHROPIC_BEDROCK_BASE_URL</c> / <c>endpoint_url</c>).</summary>
    public const string BasePath = "/proxy/aws/bedrock";

    /// <summary>Maps InvokeModel, InvokeModelWithResponseStream, CountTokens, the model listings and the unknown-operation answer.</summary>
    public static IEndpointRouteBuilder MapBedrockFrontApi(this IEndpointRouteBuilder endpoints)
    {
        // The same key filter as /proxy/aws/claude (x-api-key or Authorization: Bearer); its errors come out in this
        // group's dialect. One instance: AddEndpointFilter<T> would build one per request.
        var api = endpoints.MapGroup(BasePath)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<Gatekeeper>())
            .WithMetadata(new ClientDialectMetadata(ClientDialect.BedrockInvoke))
            .WithTags("Bedrock");
        api.MapPost("/model/{modelId}/invoke", (HttpContext http, string modelId, BedrockForwarder forwarder, IOptions<GatewayOptions> options) =>
                InvokeAsync(http, modelId, false, forwarder, options.Value))
            .WithName("BedrockInvokeModel").WithSummary("InvokeModel").WithMetadata(UserAdmissionMetadata.Instance);
        api.MapPost("/model/{modelId}/invoke-with-response-stream", (HttpContext http, string modelId, BedrockForwarder forwarder, IOptions<GatewayOptions> options) =>
                InvokeAsync(http, modelId, true, forwarder, options.Value))
            .WithName("BedrockInvokeModelWithResponseStream").WithSummary("InvokeModelWithResponseStream").WithMetadata(UserAdmissionMetadata.Instance);
        // The count checks the caller's user (token and family) itself once the model is known, as count_tokens does.
        api.MapPost("/model/{modelId}/count-tokens",
                (HttpContext http, string modelId, TokenCounter counter, IOptions<GatewayOptions> options, TimeProvider time, ProxyMetrics metrics, UserAdmission users) =>
                    CountTokensOperation.HandleAsync(http, modelId, counter, options.Value, time, metrics, users))
            .WithName("BedrockCountTokens").WithSummary("CountTokens").WithMetadata(UserAdmissionMetadata.Instance);
        api.MapGet("/inference-profiles", ModelListingEndpoints.ListInferenceProfilesAsync)
            .WithName("BedrockListInferenceProfiles").WithSummary("ListInferenceProfiles");
        api.MapGet("/inference-profiles/{inferenceProfileIdentifier}", ModelListingEndpoints.GetInferenceProfileAsync)
            .WithName("BedrockGetInferenceProfile").WithSummary("GetInferenceProfile");
        api.MapGet("/foundation-models", ModelListingEndpoints.ListFoundationModelsAsync)
            .WithName("BedrockListFoundationModels").WithSummary("ListFoundationModels");
        api.MapGet("/foundation-models/{modelIdentifier}", ModelListingEndpoints.GetFoundationModelAsync)
            .WithName("BedrockGetFoundationModel").WithSummary("GetFoundationModel");
        // Anything else under the prefix (another operation, a wrong method, a path with extra segments) gets AWS's
        // answer for an operation the service does not have, rather than an empty 404/405.
        api.Map("/{**path}", UnknownOperationAsync).WithName("BedrockUnknownOperation");
        return endpoints;
    }

    private static async Task InvokeAsync(HttpContext http, string modelId, bool stream, BedrockForwarder forwarder, GatewayOptions options)
    {
        var (body, error) = await RequestBodyReader.ReadAsync(http.Request, options.MaxBodyBytes, http.RequestAborted);
        if (error is null)
        {
            var parsed = BedrockInvokeRequest.Parse(modelId, stream, body!, http.Request.Headers["anthropic-beta"].ToString(),
                new TranslationOptions { Aliases = options.Aliases, Betas = options.Betas, Fields = options.Fields });
            if (parsed.Request is { } request)
            {
                await forwarder.ForwardAsync(http, request, stream ? "BedrockInvokeStream" : "BedrockInvoke");
                return;
            }

            error = parsed.Error!;
        }

        await AwsRestJsonErrors.WriteAsync(http.Response, error, http.RequestAborted);
    }

    private static async Task UnknownOperationAsync(HttpContext http)
    {
        var body = AwsRestJsonErrors.Body(new ProxyError(404, ErrorTypes.NotFound,
            $"The proxy's Bedrock front door has no operation {http.Request.Method} {UpstreamMessage.Sanitize(http.Request.Path.Value)}."));
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        http.Response.Headers[AwsRestJsonErrors.ErrorTypeHeader] = "UnknownOperationException";
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
