using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using OrleansProxy.Bedrock;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Endpoints;
using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Models;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.TokenCounting;

/// <summary>
/// Counts the input tokens of an InvokeModel body with Bedrock's CountTokens, for every front end that needs a count
/// (the Anthropic <c>count_tokens</c> endpoint, the Bedrock front door's <c>/count-tokens</c>).
/// </summary>
/// <remarks>
/// CountTokens is free, so it stays out of the throttle bookkeeping: the pool picks a credential with a
/// <see cref="LeaseKind.CountTokens"/> request (same privacy rule, access and region rules as an invoke, but no
/// in-flight slot and no lease to report), the credential grain signs it without tracking it, and a CountTokens
/// throttle only keeps that credential out of counting for a while (<see cref="IKeyPoolGrain.CountTokensThrottledAsync"/>),
/// never out of real traffic. Throttles, 5xx, access and region errors are retried on another credential. When no
/// credential can count (Bedrock says the model does not support counting, none has access, or all attempts failed)
/// the answer is <see cref="TokenEstimate"/>'s, marked as estimated: counts are advisory, and clients such as Claude
/// Code treat an error here as fatal. Only a body Bedrock refuses for another reason is the client's error.
/// </remarks>
public sealed partial class TokenCounter(
    GrainReferences grains,
    CredentialLeaser leaser,
    UpstreamClient upstream,
    BedrockEndpoints endpoints,
    OutcomeReporter reporter,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ProxyMetrics metrics,
    ILogger<TokenCounter> logger)
{
    private const int MaxAnswerBytes = 64 * 1024;

    private static readonly IReadOnlyDictionary<string, string> SignedHeaders =
        new Dictionary<string, string> { ["content-type"] = "application/json", ["accept"] = "application/json" };

    /// <summary>
    /// Counts <paramref name="invokeBody"/> (a complete InvokeModel body, <c>max_tokens</c> included) for
    /// <paramref name="model"/>. Never throws for upstream or cluster faults; cancellation propagates.
    /// </summary>
    public async Task<TokenCountResult> CountAsync(ResolvedModel model, string clientModelName, byte[] invokeBody, string requestId, CancellationToken cancellationToken)
    {
        var result = await CountUpstreamAsync(model, clientModelName, invokeBody, requestId, cancellationToken);
        if (result.Estimated)
        {
            result = result with { InputTokens = TokenEstimate.Of(invokeBody) };
            LogEstimated(logger, requestId, clientModelName, result.EstimateReason!, result.InputTokens);
        }

        if (result.Error is null)
        {
            metrics.CountTokens(result.Estimated ? "estimated" : "upstream", model.Family);
        }

        return result;
    }

    private async Task<TokenCountResult> CountUpstreamAsync(
        ResolvedModel model, string clientModelName, byte[] invokeBody, string requestId, CancellationToken cancellationToken)
    {
        var envelope = Envelope(invokeBody);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(envelope));
        var settings = options.Value;
        var started = time.GetTimestamp();
        var exclude = new List<string>();
        while (true)
        {
            LeaseAttempt attempt;
            try
            {
                // After a failed attempt nothing is worth waiting for: another free credential is there now or not.
                var maxWait = exclude.Count > 0 ? TimeSpan.Zero : settings.CountTokensMaxWait - time.GetElapsedTime(started);
                attempt = await leaser.AcquireAsync(
                    model.RequestedId, exclude, maxWait > TimeSpan.Zero ? maxWait : TimeSpan.Zero, null, cancellationToken, LeaseKind.CountTokens);
            }
            catch (Exception exception) when (GrainCalls.IsTransient(exception))
            {
                LogClusterUnavailable(logger, requestId, exception.GetType().Name);
                return Estimate("no_credential");
            }

            if (attempt.Lease is not { } lease)
            {
                return attempt.Reason == NoCredentialReason.UnknownModel
                    ? TokenCountResult.Failed(NoCredentialErrors.For(attempt, clientModelName))
                    : Estimate(exclude.Count > 0 ? "upstream_failed" : "no_credential");
            }

            var outcome = await AttemptAsync(model, lease, envelope, sha256, requestId, cancellationToken);
            if (outcome is not null)
            {
                return outcome;
            }

            exclude.Add(lease.CredentialId);
            if (exclude.Count >= settings.MaxAttempts)
            {
                return Estimate("upstream_failed");
            }
        }
    }

    // The count, the client's error, an estimate, or null: try another credential.
    private async Task<TokenCountResult?> AttemptAsync(
        ResolvedModel model, Lease lease, byte[] envelope, string sha256, string requestId, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoints.CountTokensUri(lease.Region, lease.BaseModelId ?? model.Model.Id));
        SignedHeaders signed;
        try
        {
            signed = await GrainCalls.RetryAsync(
                () => grains.Credential(lease.CredentialId).SignAsync(new SigningRequest(lease.LeaseId, "POST", uri.OriginalString, SignedHeaders, sha256)),
                null,
                cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogAttemptFailed(logger, requestId, lease.CredentialId, "SignFailed", 0);
            return null;
        }

        HttpResponseMessage response;
        try
        {
            response = await upstream.SendAsync(uri, signed.Headers, "application/json", envelope, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException)
        {
            var kind = exception is TimeoutException ? "UpstreamTimeout" : "UpstreamConnectionError";
            metrics.UpstreamError(kind);
            LogAttemptFailed(logger, requestId, lease.CredentialId, kind, 0);
            return null;
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (await ReadCountAsync(response, cancellationToken) is { } tokens)
                {
                    return TokenCountResult.Upstream(tokens);
                }

                metrics.UpstreamError("BadCountTokensAnswer");
                LogAttemptFailed(logger, requestId, lease.CredentialId, "BadCountTokensAnswer", (int)response.StatusCode);
                return null;
            }

            var error = await UpstreamErrors.ReadAsync(response, cancellationToken);
            metrics.UpstreamError(error.Type);
            LogAttemptFailed(logger, requestId, lease.CredentialId, error.Type, error.StatusCode);
            if (IsCountingUnsupported(error))
            {
                return Estimate("not_supported");
            }

            switch (error.Outcome)
            {
                case OutcomeKind.Throttled:
                    // CountTokens has its own quota: keep the key out of counting only, never out of real traffic.
                    await grains.Pool.CountTokensThrottledAsync(lease.CredentialId);
                    return null;
                case OutcomeKind.Revoked:
                    // A dead key is dead for every call: its grain must know. No lease was taken, so the report gets an
                    // id of its own, which the grain counts once like any report.
                    await reporter.ReportAsync(lease.CredentialId,
                        new RequestOutcome(Guid.NewGuid(), model.Family, OutcomeKind.Revoked, 0, 0, error.Type, error.Message), requestId);
                    return null;
                case OutcomeKind.AccessDenied:
                    // Not reported: the key may lack bedrock:CountTokens and still invoke, or the region may lack the
                    // model for counting alone. Another key may count it.
                    return null;
                default:
                    return error.RetryElsewhere ? null : TokenCountResult.Failed(BedrockErrorMapping.FromBedrock(error));
            }
        }
    }

    /// <summary>Bedrock's refusals that mean "this model (or this input) cannot be counted", whatever the key.</summary>
    internal static bool IsCountingUnsupported(BedrockError error) =>
        error.Type == "ValidationException"
        && (error.Message.Contains("support counting tokens", StringComparison.OrdinalIgnoreCase)
            || error.Message.Contains("not supported for token counting", StringComparison.OrdinalIgnoreCase));

    private static TokenCountResult Estimate(string reason) => new(0, true, reason);

    /// <summary>CountTokens' request: <c>{"input":{"invokeModel":{"body":"&lt;base64 of the InvokeModel body&gt;"}}}</c>.</summary>
    internal static byte[] Envelope(byte[] invokeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(((invokeBody.Length + 2) / 3 * 4) + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("input"u8);
            writer.WriteStartObject("invokeModel"u8);
            writer.WriteBase64String("body"u8, invokeBody);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task<long?> ReadCountAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        byte[]? body;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            body = await BoundedBody.ReadAsync(stream, response.Content.Headers.ContentLength, MaxAnswerBytes, cancellationToken);
        }
        catch (Exception exception) when (UpstreamErrors.IsConnectionBreak(exception, cancellationToken))
        {
            return null;
        }

        if (body is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("inputTokens"u8, out var tokens)
                && tokens.TryGetInt64(out var count) && count >= 0
                    ? count
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
