using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansProxy.Bedrock;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Translation;
using OrleansProxy.Gateway.Users;
using OrleansProxy.Gateway.Auth;
using OrleansProxy.Pool;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Carries one client request to Bedrock: lease the best credential, have its grain sign, send, and answer in
/// the client's dialect. Throttling, access, revocation and server errors that happen before any answer byte
/// reached the client are reported to the credential and retried on another one, a bounded number of times.
/// </summary>
public sealed partial class BedrockForwarder(
    GrainReferences grains,
    CredentialLeaser leaser,
    UpstreamClient upstream,
    InvokeUris invokeUris,
    UpstreamStreamer streamer,
    OutcomeReporter reporter,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ProxyMetrics metrics,
    PriceTable prices,
    UserAdmission users,
    ILogger<BedrockForwarder> logger)
{
    private const int MaxThrottleRetries = 20;

    // The headers signed besides the SigV4 ones, per kind of answer (shared: a SigningRequest is immutable).
    private static readonly IReadOnlyDictionary<string, string> JsonAnswerHeaders =
        new Dictionary<string, string> { ["content-type"] = "application/json", ["accept"] = "application/json" };

    private static readonly IReadOnlyDictionary<string, string> StreamAnswerHeaders =
        new Dictionary<string, string> { ["content-type"] = "application/json", ["accept"] = "application/vnd.amazon.eventstream" };

    /// <summary>Forwards <paramref name="request"/> and writes the answer (or an error) to the client.</summary>
    public async Task ForwardAsync(HttpContext http, TranslatedRequest request, string endpoint)
    {
        var started = time.GetTimestamp();
        var requestId = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        http.Response.Headers["request-id"] = requestId;
        if (request.DroppedBetas is { } dropped)
        {
            foreach (var flag in dropped)
            {
                metrics.BetaDropped(flag, request.Model.Family);
                LogBetaDropped(logger, requestId, BetaRule.IsFlag(flag) ? flag : "(malformed)", request.Model.Family);
            }
        }

        if (request.DroppedFields is { } droppedFields)
        {
            foreach (var field in droppedFields)
            {
                metrics.FieldDropped(field, request.Model.Family);
                LogFieldDropped(logger, requestId, field.Length <= 64 ? field : field[..64] + "…", request.Model.Family);
            }
        }
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        lifetime.CancelAfter(options.Value.RequestTimeout);
        var cancellationToken = lifetime.Token;
        var client = new ClientResponse(http, request.Dialect, request.Stream);
        var bodySha256 = Convert.ToHexStringLower(SHA256.HashData(request.BedrockBody));
        var leaseModelId = request.Model.RequestedId;
        var exclude = new List<string>();
        var session = request.Session?.ToLease();
        var status = 0;
        var attempts = 0;
        UserSlot? slot = null;
        try
        {
            if (CallerUser.Of(http) is { } caller)
            {
                // Before any credential is leased: a refused user costs the pool nothing. Its wait shares the queue budget.
                var (admitted, refusal, retryAfter) = await users.AdmitAsync(caller, request.Model.Family, request.MaxTokens, requestId,
                    options.Value.MaxQueueWait, client.CanHeartbeat ? client.HeartbeatAsync : null, cancellationToken);
                if (admitted is null)
                {
                    LogUserRefused(logger, requestId, caller.UserId, refusal!.StatusCode);
                    await client.WriteErrorAsync(refusal, retryAfter, cancellationToken);
                    status = refusal.StatusCode;
                    return;
                }

                slot = admitted;
            }

            AttemptResult? last = null;
            int failures = 0, throttles = 0;
            while (true)
            {
                attempts++;
                // One queue budget per client request, however many credentials it goes through.
                var maxWait = options.Value.MaxQueueWait - time.GetElapsedTime(started);
                var lease = await leaser.AcquireAsync(leaseModelId, exclude, maxWait > TimeSpan.Zero ? maxWait : TimeSpan.Zero,
                    client.CanHeartbeat ? client.HeartbeatAsync : null, cancellationToken, session: session);
                if (lease.Lease is null)
                {
                    // After a failed attempt, the upstream's own error says more than "nothing left to try".
                    var error = last?.Error ?? NoCredentialErrors.For(lease, request.ClientModelName);
                    LogNoCredential(logger, requestId, request.ClientModelName, lease.Reason, (long)lease.Waited.TotalMilliseconds);
                    await client.WriteErrorAsync(error, NoCredentialErrors.RetryAfter(error, lease), cancellationToken);
                    status = error.StatusCode;
                    return;
                }

                var ctx = new AttemptContext(http, client, request, requestId, bodySha256, lease.Lease, started, endpoint);
                last = await AttemptAsync(ctx, cancellationToken);
                if (last.Value.Done)
                {
                    slot?.End(last.Value.Tokens);
                    status = last.Value.Status;
                    return;
                }

                LogAttemptFailed(logger, requestId, attempts, lease.Lease.CredentialId, last.Value.Error!.Type, last.Value.Status);
                if (!last.Value.Retry)
                {
                    break;
                }

                if (last.Value.Throttled)
                {
                    // A throttled key is locked out by the pool and comes back after its lockout: not excluded, and
                    // bounded by the queue budget (and a hard cap) rather than by MaxAttempts.
                    if (++throttles > MaxThrottleRetries)
                    {
                        break;
                    }
                }
                else
                {
                    exclude.Add(lease.Lease.CredentialId);
                    if (++failures >= options.Value.MaxAttempts)
                    {
                        break;
                    }
                }

                metrics.Retried(last.Value.Error.Type);
            }

            var final = last!.Value.Error!;
            await client.WriteErrorAsync(final, final.StatusCode == 429 ? TimeSpan.FromSeconds(1) : null, cancellationToken);
            status = final.StatusCode;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            status = 499;
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            status = 504;
            await TryWriteErrorAsync(client, new ProxyError(504, ErrorTypes.Api,
                $"The request did not finish within {options.Value.RequestTimeout.TotalSeconds:0} s."));
        }
        catch (Exception exception) when (GrainCalls.IsTransient(exception))
        {
            status = 503;
            LogClusterUnavailable(logger, requestId, exception.GetType().Name);
            await TryWriteErrorAsync(client, new ProxyError(503, ErrorTypes.Overloaded,
                "The proxy's cluster is unavailable right now (its key pool did not answer). Retry shortly."));
        }
        finally
        {
            if (slot is not null)
            {
                // Ends the slot (with no tokens unless the answer came) however the request ended.
                await slot.DisposeAsync();
            }

            var elapsed = time.GetElapsedTime(started);
            metrics.RequestFinished(endpoint, request.Model.Family, status, elapsed);
            LogRequestFinished(logger, requestId, endpoint, request.ClientModelName, status, attempts, (long)elapsed.TotalMilliseconds);
        }
    }

    private async Task<AttemptResult> AttemptAsync(AttemptContext ctx, CancellationToken cancellationToken)
    {
        var lease = ctx.Lease;
        var credential = grains.Credential(lease.CredentialId);
        // The pool routes from Bedrock's listing of the credential's region; a pool from before it sends no id.
        var uri = invokeUris.For(lease.Region, lease.UpstreamModelId ?? ctx.Request.Model.UpstreamModelId(lease.Region), ctx.Request.Stream);
        var signedHeaders = ctx.Request.Stream ? StreamAnswerHeaders : JsonAnswerHeaders;
        SignedHeaders signed;
        try
        {
            signed = await GrainCalls.RetryAsync(
                () => credential.SignAsync(new SigningRequest(lease.LeaseId, "POST", uri.OriginalString, signedHeaders, ctx.BodySha256)),
                (e, n) => LogGrainRetry(logger, ctx.RequestId, "sign", n, e.GetType().Name),
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The grain could not sign (its secret is missing on that silo, or it was retired meanwhile).
            LogSignFailed(logger, ctx.RequestId, lease.CredentialId, exception.GetType().Name);
            return AttemptResult.RetryWith(new ProxyError(503, ErrorTypes.Api, "The chosen AWS credential could not sign the request."));
        }

        await using var renewal = LeaseRenewal.Start(
            grains.Pool, lease.LeaseId, options.Value.LeaseRenewInterval, time);
        HttpResponseMessage response;
        try
        {
            response = await upstream.SendAsync(uri, signed.Headers, signedHeaders["accept"], ctx.Request.BedrockBody, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            var kind = exception is TimeoutException ? "UpstreamTimeout" : "UpstreamConnectionError";
            metrics.UpstreamError(kind);
            await ReportAsync(ctx, OutcomeKind.UpstreamError, default, kind, exception.Message);
            return AttemptResult.RetryWith(new ProxyError(exception is TimeoutException ? 504 : 502, ErrorTypes.Api,
                exception is TimeoutException ? "Bedrock did not answer in time." : "Could not reach Bedrock."));
        }
        catch (OperationCanceledException)
        {
            await ReportAsync(ctx, OutcomeKind.Cancelled, default, null, null);
            throw;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var error = await UpstreamErrors.ReadAsync(response, cancellationToken);
                metrics.UpstreamError(error.Type);
                await ReportAsync(ctx, error.Outcome, default, error.Type, error.Message);
                var mapped = BedrockErrorMapping.FromBedrock(error);
                return error.RetryElsewhere
                    ? AttemptResult.RetryWith(mapped, error.Outcome == OutcomeKind.Throttled)
                    : AttemptResult.Fail(mapped);
            }

            var outcome = ctx.Request.Stream
                ? await streamer.StreamAsync(ctx, response, cancellationToken)
                : await WriteWholeAnswerAsync(ctx, response, cancellationToken);
            if (outcome.Error is { } streamError && outcome.Retry)
            {
                // An exception frame before any event reached the client: nothing was said yet, so retry.
                metrics.UpstreamError(streamError.Type);
                await ReportAsync(ctx, streamError.Outcome, outcome.Tokens, streamError.Type, streamError.Message);
                return AttemptResult.RetryWith(BedrockErrorMapping.FromBedrock(streamError), streamError.Outcome == OutcomeKind.Throttled);
            }

            var family = ctx.Request.Model.Family;
            metrics.Tokens(family, outcome.Tokens, prices.Cost(family, outcome.Tokens));
            if (!ctx.Http.RequestAborted.IsCancellationRequested)
            {
                await ctx.Http.Response.CompleteAsync();
            }

            var kind = outcome.Error?.Outcome ?? (outcome.ClientGone ? OutcomeKind.Cancelled : OutcomeKind.Success);
            // The answer is complete: nothing waits on this report, so it must not hold the connection.
            reporter.ReportInBackground(lease.CredentialId,
                Outcome(ctx, kind, outcome.Tokens, outcome.Error?.Type, outcome.Error?.Message), ctx.RequestId);
            return AttemptResult.Answered(outcome.ClientGone ? 499 : ctx.Http.Response.StatusCode, outcome.Tokens);
        }
    }

    private async Task<StreamOutcome> WriteWholeAnswerAsync(AttemptContext ctx, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[]? body;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            body = await BoundedBody.ReadAsync(stream, response.Content.Headers.ContentLength, options.Value.MaxAnswerBytes, cancellationToken);
        }
        catch (Exception exception) when (UpstreamErrors.IsConnectionBreak(exception, cancellationToken))
        {
            // The connection broke mid-answer (EndOfStreamException included): nothing reached the client, so another
            // credential may answer. Not the key's fault.
            return new StreamOutcome(default, UpstreamErrors.ConnectionBroke, Retry: true, ClientGone: false);
        }

        if (body is null)
        {
            var limit = options.Value.MaxAnswerBytes;
            var error = new BedrockError(502, "AnswerTooLarge", $"Bedrock's answer exceeded the proxy's limit of {limit / (1024 * 1024)} MiB.");
            await ctx.Client.WriteErrorAsync(new ProxyError(502, ErrorTypes.Api, error.Message), null, cancellationToken);
            return new StreamOutcome(default, error, Retry: false, ClientGone: false);
        }

        var translated = ResponseTranslator.Translate(ctx.Request, body, ctx.RequestId, time.GetUtcNow());
        // Bedrock's headers are its billed counts and win over the body's usage (legacy answers have only them).
        var fromBody = translated.Tokens;
        var cacheRead = HeaderCount(response, "x-amzn-bedrock-cache-read-input-token-count") ?? fromBody.CacheRead;
        var cacheWrite = HeaderCount(response, "x-amzn-bedrock-cache-write-input-token-count") ?? fromBody.CacheWrite;
        var cacheWrite1h = Math.Min(fromBody.CacheWrite1h, cacheWrite);
        var tokens = new TokenUsage(
            HeaderCount(response, "x-amzn-bedrock-input-token-count") ?? fromBody.Input,
            HeaderCount(response, "x-amzn-bedrock-output-token-count") ?? fromBody.Output,
            cacheRead,
            cacheWrite - cacheWrite1h,
            cacheWrite1h);
        metrics.FirstByte(ctx.Endpoint, ctx.Request.Model.Family, time.GetElapsedTime(ctx.Started));
        if (ctx.Request.Dialect == ClientDialect.BedrockInvoke)
        {
            BedrockFront.BedrockAnswerHeaders.Copy(response, ctx.Http.Response);
        }

        await ctx.Client.WriteJsonAsync(StatusCodes.Status200OK, translated.Body, cancellationToken);
        return new StreamOutcome(tokens, null, Retry: false, ClientGone: false);
    }

    private static long? HeaderCount(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && long.TryParse(values.FirstOrDefault(), out var count) && count >= 0 ? count : null;

    private Task ReportAsync(AttemptContext ctx, OutcomeKind kind, TokenUsage tokens, string? errorType, string? message) =>
        reporter.ReportAsync(ctx.Lease.CredentialId, Outcome(ctx, kind, tokens, errorType, message), ctx.RequestId);

    private static RequestOutcome Outcome(AttemptContext ctx, OutcomeKind kind, TokenUsage tokens, string? errorType, string? message) =>
        new(ctx.Lease.LeaseId, ctx.Request.Model.Family, kind, tokens.Input, tokens.Output, errorType, message,
            CacheReadTokens: tokens.CacheRead, CacheWrite5mTokens: tokens.CacheWrite5m, CacheWrite1hTokens: tokens.CacheWrite1h);

    private static async Task TryWriteErrorAsync(ClientResponse client, ProxyError error)
    {
        try
        {
            await client.WriteErrorAsync(error, null, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The client is gone; nothing left to tell it.
        }
    }
}
