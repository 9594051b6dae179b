using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansProxy.Bedrock;
using OrleansProxy.Credentials;
using OrleansProxy.Hosting;
using OrleansProxy.Models;
using OrleansProxy.Signing;

namespace OrleansProxy.Checks;

/// <summary>
/// Makes a credential's check calls from the silo: the logging configuration read and one free access probe per
/// model family. Each call has its own timeout; network failures are transient, never a verdict on the key.
/// </summary>
public sealed class BedrockChecker(
    HttpClient httpClient,
    BedrockEndpoints endpoints,
    IOptions<CredentialPoolOptions> options,
    [FromKeyedServices(ProxyClock.Key)] TimeProvider timeProvider)
{
    /// <summary>The named HttpClient checks use.</summary>
    public const string HttpClientName = "bedrock-checks";

    // max_tokens -1 fails Bedrock's body validation, which runs after authorisation and before any inference,
    // so the probe proves access without billing a token.
    private static readonly byte[] ProbeBody = Encoding.UTF8.GetBytes(
        """{"anthropic_version":"bedrock-2023-05-31","max_tokens":-1,"messages":[{"role":"user","content":"ping"}]}""");

    private static readonly string ProbeBodySha256 = Convert.ToHexStringLower(SHA256.HashData(ProbeBody));

    /// <summary>Reads the account's model invocation logging configuration.</summary>
    public async Task<LoggingCheckResult> CheckLoggingAsync(AwsCredential credential, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoints.LoggingConfigurationUri(credential.Region));
        var (status, errorType, body) = await SendAsync(credential, HttpMethod.Get, uri, null, SigV4RequestSigner.EmptyPayloadSha256, cancellationToken);
        return status == 0
            ? new LoggingCheckResult(CheckVerdict.Transient, LoggingCheck.NotChecked, body)
            : CheckInterpreter.Logging(status, errorType, body);
    }

    /// <summary>Probes whether the credential can call <paramref name="family"/> in its region.</summary>
    public async Task<ProbeResult> ProbeAsync(AwsCredential credential, string family, CancellationToken cancellationToken)
    {
        var model = new ResolvedModel(ModelCatalog.ProbeModel(family), null);
        if (!ModelCatalog.RegionCanServe(model, credential.Region))
        {
            return new ProbeResult(CheckVerdict.Conclusive, FamilyAccess.NotInRegion, "no inference profile covers this region");
        }

        var uri = new Uri(endpoints.InvokeUri(credential.Region, model.UpstreamModelId(credential.Region), stream: false));
        var (status, errorType, body) = await SendAsync(credential, HttpMethod.Post, uri, ProbeBody, ProbeBodySha256, cancellationToken);
        if (status == 400 && body.Contains("inference profile", StringComparison.OrdinalIgnoreCase)
            && Geographies.ProfileFor(model.Model, credential.Region) is { } geography)
        {
            // AWS moved the model to profile-only calls after the catalogue was written: probe its profile.
            uri = new Uri(endpoints.InvokeUri(credential.Region, model.ProfileId(geography), stream: false));
            (status, errorType, body) = await SendAsync(credential, HttpMethod.Post, uri, ProbeBody, ProbeBodySha256, cancellationToken);
        }

        return status == 0
            ? new ProbeResult(CheckVerdict.Transient, FamilyAccess.Unknown, body)
            : CheckInterpreter.Probe(status, errorType, body);
    }

    private async Task<(int Status, string? ErrorType, string Body)> SendAsync(
        AwsCredential credential, HttpMethod method, Uri uri, byte[]? body, string payloadSha256, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CheckRequestTimeout);
        using var request = new HttpRequestMessage(method, uri);
        var signed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["accept"] = "application/json" };
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
            signed["content-type"] = "application/json";
        }

        request.Headers.TryAddWithoutValidation("accept", "application/json");
        foreach (var (name, value) in SigV4RequestSigner.Sign(credential, method.Method, uri, signed, payloadSha256, timeProvider.GetUtcNow()))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            return ((int)response.StatusCode, errorType, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, null, $"no answer within {options.Value.CheckRequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return (0, null, $"network error: {exception.HttpRequestError}");
        }
    }
}
