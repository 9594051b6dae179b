using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Hosting;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>
/// Serves every Bedrock path: records the request, checks its SigV4 signature, then hands it to
/// the operation's endpoint. Kept free of routing and reflection because benchmarks run through it.
/// </summary>
internal sealed class BedrockRequestHandler(FakeBedrockState state)
{
    public async Task HandleAsync(HttpContext context)
    {
        var startedTimestamp = state.Time.GetTimestamp();
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var requestId = Guid.NewGuid().ToString();
        var trace = state.Recorder.Begin(requestId, request.Method, rawTarget, state.Time.GetUtcNow());
        trace.HeaderNames = [.. request.Headers.Keys.Select(name => name.ToLowerInvariant()).Order(StringComparer.Ordinal)];
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var aborted = context.RequestAborted;
        try
        {
            var body = await RequestBody.ReadAsync(request, aborted);
            var bodyText = Encoding.UTF8.GetString(body);
            trace.Body = bodyText;
            var route = BedrockRoute.Parse(request.Method, rawTarget);
            trace.Operation = route.Operation;
            trace.ModelId = route.ModelId;
            if (route.Operation == FakeOperation.Unknown)
            {
                await BedrockCall.FailAsync(context, trace, AwsErrors.UnknownOperation());
                return;
            }

            var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
            var auth = state.Verifier.Verify(request.Method, rawTarget, request.Headers, payloadHash);
            var account = auth.AccessKeyId is null ? null : state.Credentials.Find(auth.AccessKeyId);
            trace.AccessKeyId = account?.AccessKeyId;
            trace.Region = auth.ScopeRegion;
            account?.CountRequest();
            if (!auth.IsValid || account is null)
            {
                await BedrockCall.FailAsync(context, trace, auth.Error ?? AwsErrors.UnrecognizedClient());
                return;
            }

            if (account.Latency > TimeSpan.Zero)
            {
                await Task.Delay(account.Latency, state.Time, aborted);
            }

            var call = new BedrockCall(context, state, trace, account, route, body, bodyText, startedTimestamp);
            await (route.Operation switch
            {
                FakeOperation.GetLoggingConfiguration => LoggingEndpoint.HandleAsync(call),
                FakeOperation.ListFoundationModels or FakeOperation.GetFoundationModel
                    or FakeOperation.ListInferenceProfiles or FakeOperation.GetInferenceProfile => ModelListingEndpoint.HandleAsync(call, rawTarget),
                FakeOperation.CountTokens => CountTokensEndpoint.HandleAsync(call),
                _ => InvokeEndpoint.HandleAsync(call),
            });
        }
        catch (Exception exception) when (aborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // The caller went away: stop writing, and let the record say so.
            trace.ClientAborted = true;
        }
        finally
        {
            state.Recorder.End(trace, state.Time.GetUtcNow());
        }
    }
}
