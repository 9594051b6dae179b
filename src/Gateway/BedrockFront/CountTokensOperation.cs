using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
/// The front door's CountTokens (<c>POST /model/{modelId}/count-tokens</c>): Bedrock's envelope is unwrapped, the
/// InvokeModel body inside is validated like an invoke's (the path's model id included, <c>max_tokens</c> optional) and
/// counted by the same <see cref="TokenCounter"/> as <c>/v1/messages/count_tokens</c>: a CountTokens lease (privacy
/// rule, no invoke slot), retried on another credential, a local estimate marked <c>x-proxy-token-count: estimated</c>
/// when no credential can count. Answer <c>{"inputTokens":N}</c>; every failure in AWS's REST-JSON shape.
/// </summary>
internal static class CountTokensOperation
{
    /// <summary>The endpoint name in metrics.</summary>
    public const string EndpointName = "BedrockCountTokens";

    public static async Task HandleAsync(
        HttpContext http, string modelId, TokenCounter counter, GatewayOptions options, TimeProvider time, ProxyMetrics metrics, UserAdmission users)
    {
        var started = time.GetTimestamp();
        var requestId = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        http.Response.Headers["request-id"] = requestId;
        // The AWS SDKs put this one in an answer's (or an error's) $metadata.requestId.
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(options.RequestTimeout);
        var family = "unknown";
        var status = 0;
        try
        {
            var (result, counted, error) = await CountAsync(http, modelId, counter, options, users, requestId, lifetime.Token);
            family = counted ?? family;
            if (result is null && error is null)
            {
                // The caller's user refused it; the refusal is written.
                status = http.Response.StatusCode;
                return;
            }

            if (error is not null)
            {
                status = await WriteErrorAsync(http, error, lifetime.Token);
                return;
            }

            if (result!.Estimated)
            {
                http.Response.Headers[CountTokensEndpoint.EstimateHeader] = "estimated";
            }

            status = StatusCodes.Status200OK;
            var answer = Encoding.UTF8.GetBytes("{\"inputTokens\":" + result.InputTokens.ToString(CultureInfo.InvariantCulture) + "}");
            http.Response.StatusCode = status;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = answer.Length;
            await http.Response.Body.WriteAsync(answer, lifetime.Token);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
        catch (Exception exception) when (GrainCalls.IsTransient(exception) && !http.Response.HasStarted)
        {
            var unavailable = new ProxyError(503, ErrorTypes.Overloaded, "The proxy's cluster is unavailable right now (a user grain did not answer). Retry shortly.");
            status = await WriteErrorAsync(http, unavailable, CancellationToken.None);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !http.Response.HasStarted)
        {
            var timeout = new ProxyError(504, ErrorTypes.Api, $"The request did not finish within {options.RequestTimeout.TotalSeconds:0} s.");
            status = await WriteErrorAsync(http, timeout, CancellationToken.None);
        }
        finally
        {
            metrics.RequestFinished(EndpointName, family, status, time.GetElapsedTime(started));
        }
    }

    // The count and its model's family, or the error to answer with; neither when the caller's user refused (written).
    private static async Task<(TokenCountResult? Count, string? Family, ProxyError? Error)> CountAsync(
        HttpContext http, string modelId, TokenCounter counter, GatewayOptions options, UserAdmission users, string requestId,
        CancellationToken cancellationToken)
    {
        // The path's id first, as an invoke does: a hostile id is refused before the body is even read.
        if (BedrockModelId.Resolve(modelId, options.Aliases, out _) is { } modelError)
        {
            return (null, null, modelError);
        }

        var (envelope, error) = await RequestBodyReader.ReadAsync(http.Request, CountTokensInput.EnvelopeLimit(options.MaxBodyBytes), cancellationToken);
        if (error is not null)
        {
            return (null, null, error);
        }

        if (CountTokensInput.Read(envelope!, out var invokeBody) is { } inputError)
        {
            return (null, null, inputError);
        }

        var parsed = BedrockInvokeRequest.Parse(modelId, false, invokeBody!, http.Request.Headers["anthropic-beta"].ToString(),
            new TranslationOptions { Aliases = options.Aliases, Betas = options.Betas, Fields = options.Fields, TokenCount = true });
        if (parsed.Request is not { } request)
        {
            return (null, null, parsed.Error!);
        }

        // Counting is free: a user's token and family are checked, but no limit counts it.
        if (CallerUser.Of(http) is { } caller && await users.CheckAsync(caller, request.Model.Family, cancellationToken) is { } refused)
        {
            await Gatekeeper.Refuse(http, refused.Error, refused.RetryAfter).ExecuteAsync(http);
            return (null, request.Model.Family, null);
        }

        var count = await counter.CountAsync(request.Model, request.ClientModelName, request.BedrockBody, requestId, cancellationToken);
        return (count, request.Model.Family, count.Error);
    }

    private static async Task<int> WriteErrorAsync(HttpContext http, ProxyError error, CancellationToken cancellationToken)
    {
        await AwsRestJsonErrors.WriteAsync(http.Response, error, cancellationToken);
        return http.Response.StatusCode;
    }
}
