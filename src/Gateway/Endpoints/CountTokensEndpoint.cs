using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.TokenCounting;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Gateway.Users;

namespace OrleansProxy.Gateway.Endpoints;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: a Messages body validated as <c>/v1/messages</c> validates it (no
/// <c>max_tokens</c> needed), counted by <see cref="TokenCounter"/>, answered <c>{"input_tokens":N}</c>. A local
/// estimate carries <c>x-proxy-token-count: estimated</c>.
/// </summary>
public static class CountTokensEndpoint
{
    /// <summary>The header that marks a local estimate.</summary>
    public const string EstimateHeader = "x-proxy-token-count";

    private const string EndpointName = "CountTokens";

    /// <summary>Maps the route under <paramref name="prefix"/> (<c>/v1</c> or none).</summary>
    public static void Map(RouteGroupBuilder api, string prefix) =>
        api.MapPost(prefix + "/messages/count_tokens", HandleAsync)
            .WithName(EndpointName + (prefix.Length > 0 ? "V1" : ""))
            .WithSummary("Counts a Messages request's input tokens")
            .WithMetadata(new ClientDialectMetadata(ClientDialect.AnthropicMessages), UserAdmissionMetadata.Instance);

    private static async Task HandleAsync(
        HttpContext http, TokenCounter counter, IOptions<GatewayOptions> gatewayOptions, TimeProvider time, ProxyMetrics metrics, UserAdmission users)
    {
        var options = gatewayOptions.Value;
        var started = time.GetTimestamp();
        var requestId = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        http.Response.Headers["request-id"] = requestId;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(options.RequestTimeout);
        var family = "unknown";
        var status = 0;
        try
        {
            var (body, error) = await RequestBodyReader.ReadAsync(http.Request, options.MaxBodyBytes, lifetime.Token);
            TokenCountResult? result = null;
            if (error is null)
            {
                var parsed = RequestTranslator.Parse(ClientDialect.AnthropicMessages, body, http.Request.Headers["anthropic-beta"].ToString(),
                    new TranslationOptions { Aliases = options.Aliases, Betas = options.Betas, Fields = options.Fields, TokenCount = true });
                if (parsed.Request is { } request)
                {
                    family = request.Model.Family;
                    // Counting is free: a user's token and family are checked, but no limit counts it.
                    if (CallerUser.Of(http) is { } caller && await users.CheckAsync(caller, family, lifetime.Token) is { } refused)
                    {
                        status = refused.Error.StatusCode;
                        await Gatekeeper.Refuse(http, refused.Error, refused.RetryAfter).ExecuteAsync(http);
                        return;
                    }

                    result = await counter.CountAsync(request.Model, request.ClientModelName, request.BedrockBody, requestId, lifetime.Token);
                    error = result.Error;
                }
                else
                {
                    error = parsed.Error!;
                }
            }

            if (error is not null)
            {
                status = error.StatusCode;
                await WriteAsync(http, status, ErrorBodies.For(ClientDialect.AnthropicMessages, error), lifetime.Token);
                return;
            }

            if (result!.Estimated)
            {
                http.Response.Headers[EstimateHeader] = "estimated";
            }

            status = StatusCodes.Status200OK;
            await WriteAsync(http, status, Answer(result.InputTokens), lifetime.Token);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
        catch (Exception exception) when (GrainCalls.IsTransient(exception) && !http.Response.HasStarted)
        {
            status = 503;
            var unavailable = new ProxyError(503, ErrorTypes.Overloaded, "The proxy's cluster is unavailable right now (a user grain did not answer). Retry shortly.");
            await WriteAsync(http, status, ErrorBodies.For(ClientDialect.AnthropicMessages, unavailable), CancellationToken.None);
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested && !http.Response.HasStarted)
        {
            status = 504;
            var timeout = new ProxyError(504, ErrorTypes.Api, $"The request did not finish within {options.RequestTimeout.TotalSeconds:0} s.");
            await WriteAsync(http, status, ErrorBodies.For(ClientDialect.AnthropicMessages, timeout), CancellationToken.None);
        }
        finally
        {
            metrics.RequestFinished(EndpointName, family, status, time.GetElapsedTime(started));
        }
    }

    private static byte[] Answer(long inputTokens) =>
        System.Text.Encoding.UTF8.GetBytes("{\"input_tokens\":" + inputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");

    private static async Task WriteAsync(HttpContext http, int status, byte[] body, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, cancellationToken);
    }
}
