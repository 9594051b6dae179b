using System.Globalization;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.EventStream;
using OrleansProxy.Testing.FakeBedrock.Invocation;
using OrleansProxy.Testing.FakeBedrock.Models;
using OrleansProxy.Testing.FakeBedrock.Recording;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>
/// <c>POST /model/{modelId}/invoke</c> and <c>…/invoke-with-response-stream</c>. Checks run in
/// Bedrock's order: model id, region, access, body (all before inference, which is what lets a
/// <c>max_tokens: -1</c> probe prove access for free), then throttling and faults, then the answer.
/// </summary>
internal static class InvokeEndpoint
{
    public static async Task HandleAsync(BedrockCall call)
    {
        var account = call.Account;
        var modelId = call.Route.ModelId!;
        var model = ModelResolver.Resolve(call.State.Models, modelId, account.Region, out var error);
        if (model is null)
        {
            await call.FailAsync(error!);
            return;
        }

        if (account.ModelsNotInRegion.Matches(model.BaseId, modelId))
        {
            await call.FailAsync(AwsErrors.ModelNotInRegion());
            return;
        }

        if (account.DeniedModels.Matches(model.BaseId, modelId))
        {
            await call.FailAsync(AwsErrors.ModelAccessDenied());
            return;
        }

        var body = InvocationBodyParser.Parse(model, call.Body, out error);
        if (body is null)
        {
            await call.FailAsync(error!);
            return;
        }

        if (body.InputTokens > call.State.ContextWindowTokens)
        {
            await call.FailAsync(AwsErrors.InputTooLong());
            return;
        }

        if (account.TryTakeThrottle())
        {
            await call.FailAsync(AwsErrors.Throttling(account.ThrottleMessage));
            return;
        }

        if (account.TryTakeFault() is { } fault)
        {
            await call.FailAsync(AwsErrors.Fault(fault));
            return;
        }

        var streaming = call.Route.Operation == FakeOperation.InvokeStream;
        var reply = call.State.ReplyText(new ModelRequestContext(
            account.AccessKeyId, account.Region, modelId, model.BaseId, body.Api, streaming, body.LastUserText, call.BodyText));
        // After throttles and faults: a refused request neither reads nor writes the cache. A key with configured cache
        // counts (FakeAccount.CacheUsage) reports those instead of its prompt cache's.
        var configured = body.Api == FakeModelApi.Messages ? account.CacheUsage : null;
        var cache = configured is not null
            ? (ReadTokens: configured.ReadTokens, WriteTokens: configured.WriteTokens)
            : call.State.PromptCache.Apply(account, model.BaseId, body.CachePoints) is var applied
                ? (applied.ReadTokens, applied.WriteTokens) : default;
        var answer = new InvocationAnswer(
            model, body.Api, reply,
            configured is not null ? body.InputTokens : Math.Max(0, body.InputTokens - cache.ReadTokens - cache.WriteTokens),
            ReplyChunks.CountWords(reply))
        {
            ReportsCache = configured is not null || body.CachePoints.Count > 0,
            CacheReadTokens = cache.ReadTokens,
            CacheWriteTokens = cache.WriteTokens,
        };
        call.Trace.InputTokens = answer.InputTokens;
        call.Trace.OutputTokens = answer.OutputTokens;
        call.Trace.CacheReadTokens = answer.CacheReadTokens;
        call.Trace.CacheWriteTokens = answer.CacheWriteTokens;
        account.CountSuccessfulInvocation();
        var cut = account.TryTakeCut();

        if (streaming)
        {
            await StreamReplyWriter.WriteAsync(call, answer, cut);
            return;
        }

        var headers = call.Http.Response.Headers;
        headers["x-amzn-bedrock-input-token-count"] = answer.InputTokens.ToString(CultureInfo.InvariantCulture);
        headers["x-amzn-bedrock-output-token-count"] = answer.OutputTokens.ToString(CultureInfo.InvariantCulture);
        headers["x-amzn-bedrock-invocation-latency"] = call.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture);
        if (answer.ReportsCache)
        {
            headers["x-amzn-bedrock-cache-read-input-token-count"] = answer.CacheReadTokens.ToString(CultureInfo.InvariantCulture);
            headers["x-amzn-bedrock-cache-write-input-token-count"] = answer.CacheWriteTokens.ToString(CultureInfo.InvariantCulture);
        }

        var json = answer.Api == FakeModelApi.Messages
            ? MessagesJson.Message(MessagesJson.NewMessageId(), model.AnthropicName, reply, answer.Usage)
            : TextCompletionJson.Completion(reply);
        await call.OkJsonAsync(json, cut);
    }
}
