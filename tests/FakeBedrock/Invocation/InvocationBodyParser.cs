using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Models;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>Picks the body dialect for a model and validates it, answering as Bedrock does before any inference runs.</summary>
internal static class InvocationBodyParser
{
    public static InvocationBody? Parse(FakeModel model, ReadOnlyMemory<byte> utf8Body, out AwsError? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Body);
        }
        catch (JsonException)
        {
            error = AwsErrors.Validation("Malformed input request, please reformat your input and try again.");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = AwsErrors.MalformedInput($"#: expected type: JSONObject, found: {JsonSchemaText.TypeName(root)}");
                return null;
            }

            var textCompletions = root.TryGetProperty("prompt", out _) && !root.TryGetProperty("messages", out _);
            if (textCompletions && !model.TextCompletions)
            {
                error = AwsErrors.MessagesApiOnly(model.AnthropicName);
                return null;
            }

            InvocationBody? body;
            string? promptError = null;
            var violations = textCompletions
                ? TextCompletionBodyValidator.Validate(root, out body, out promptError)
                : MessagesBodyValidator.Validate(root, out body);
            if (violations.Count > 0)
            {
                error = AwsErrors.MalformedInput(string.Concat(violations));
                return null;
            }

            if (body is { CacheMarks: > CacheBreakpoints.MaxBreakpoints })
            {
                error = AwsErrors.Validation(
                    $"A maximum of {CacheBreakpoints.MaxBreakpoints} blocks with cache_control may be provided. Found {body.CacheMarks}.");
                return null;
            }

            if (!textCompletions && FakeBetas.FirstUnknown(root) is not null)
            {
                error = AwsErrors.Validation("invalid beta flag");
                return null;
            }

            if (!textCompletions && FakeFields.FirstRefused(model, root) is { } refused)
            {
                error = AwsErrors.Validation(refused);
                return null;
            }

            if (promptError is not null)
            {
                error = AwsErrors.Validation(promptError);
                return null;
            }

            return body;
        }
    }
}
