using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Invocation;
using OrleansProxy.Testing.FakeBedrock.Models;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>
/// <c>POST /model/{modelId}/count-tokens</c> with <c>{"input":{"invokeModel":{"body":"&lt;base64&gt;"}}}</c>, answered
/// <c>{"inputTokens":N}</c>. The decoded body is validated exactly as InvokeModel validates it (so a body the proxy
/// would be refused for is refused here too), and N is the input token count an invocation of it would report.
/// Bedrock counts by base model id only: inference profile ids, and models it has no counting for, get its
/// "doesn't support counting tokens" ValidationException. Throttles and faults come from the key's CountTokens knobs,
/// never from its invocation ones (the call is free and has its own quota).
/// </summary>
internal static class CountTokensEndpoint
{
    public static async Task HandleAsync(BedrockCall call)
    {
        var account = call.Account;
        var modelId = call.Route.ModelId!;
        var (geography, baseId) = Geography.Split(modelId);
        var model = call.State.Models.Find(baseId);
        if (model is null)
        {
            await call.FailAsync(AwsErrors.InvalidModelIdentifier());
            return;
        }

        if (model.Retired)
        {
            await call.FailAsync(AwsErrors.EndOfLife());
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

        if (geography is not null || !model.CountsTokens)
        {
            await call.FailAsync(AwsErrors.CountTokensNotSupported());
            return;
        }

        var invokeBody = ReadInvokeBody(call.Body, out var error);
        if (invokeBody is null)
        {
            await call.FailAsync(error!);
            return;
        }

        var body = InvocationBodyParser.Parse(model, invokeBody, out error);
        if (body is null)
        {
            await call.FailAsync(error!);
            return;
        }

        if (account.TryTakeCountTokensThrottle())
        {
            await call.FailAsync(AwsErrors.Throttling(account.ThrottleMessage));
            return;
        }

        if (account.TryTakeCountTokensFault() is { } fault)
        {
            await call.FailAsync(AwsErrors.Fault(fault));
            return;
        }

        call.Trace.InputTokens = body.InputTokens;
        account.CountCountTokensCall();
        await call.OkJsonAsync(ModelEventJson.Write(w => w.WriteNumber("inputTokens", body.InputTokens)));
    }

    /// <summary>The base64-decoded <c>input.invokeModel.body</c>, or the error Bedrock gives for the envelope.</summary>
    internal static byte[]? ReadInvokeBody(ReadOnlyMemory<byte> utf8, out AwsError? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException)
        {
            error = AwsErrors.Validation("Malformed input request, please reformat your input and try again.");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            {
                error = AwsErrors.CountTokensInput("Value null at 'input' failed to satisfy constraint: Member must not be null");
                return null;
            }

            var members = input.EnumerateObject().Count(p => p.Value.ValueKind != JsonValueKind.Null);
            if (members != 1)
            {
                // A union takes exactly one member.
                error = AwsErrors.CountTokensInput("Value at 'input' failed to satisfy constraint: Member must have exactly one member set");
                return null;
            }

            if (!input.TryGetProperty("invokeModel", out var invokeModel) || invokeModel.ValueKind != JsonValueKind.Object)
            {
                // The other member, converse, takes Converse shapes: this fake serves only the InvokeModel form.
                error = AwsErrors.Validation("This fake Bedrock counts only input.invokeModel bodies.");
                return null;
            }

            if (!invokeModel.TryGetProperty("body", out var encoded) || encoded.ValueKind != JsonValueKind.String)
            {
                error = AwsErrors.CountTokensInput("Value null at 'input.invokeModel.body' failed to satisfy constraint: Member must not be null");
                return null;
            }

            if (!encoded.TryGetBytesFromBase64(out var decoded))
            {
                error = AwsErrors.Validation("Malformed input request, please reformat your input and try again.");
                return null;
            }

            return decoded;
        }
    }
}
