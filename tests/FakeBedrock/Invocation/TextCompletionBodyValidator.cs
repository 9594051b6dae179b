using System.Collections.Frozen;
using System.Text.Json;
using static OrleansProxy.Testing.FakeBedrock.Invocation.JsonSchemaText;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>Bedrock's schema for legacy Text Completions bodies, plus Anthropic's prompt-shape rule.</summary>
internal static class TextCompletionBodyValidator
{
    public const string HumanTurn = "\n\nHuman:";
    public const string AssistantTurn = "\n\nAssistant:";

    private static readonly FrozenSet<string> AllowedKeys = new[]
    {
        "prompt", "max_tokens_to_sample", "stop_sequences", "temperature", "top_p", "top_k", "anthropic_version",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] RequiredKeys = ["prompt", "max_tokens_to_sample"];

    /// <summary>Returns schema violations (empty when the schema holds) and sets <paramref name="promptError"/> when the prompt's shape is wrong.</summary>
    public static List<string> Validate(JsonElement root, out InvocationBody? body, out string? promptError)
    {
        body = null;
        promptError = null;
        var violations = CheckObject(root, RequiredKeys, AllowedKeys, CheckValue);

        if (violations.Count > 0)
        {
            return violations;
        }

        var prompt = root.GetProperty("prompt").GetString()!;
        var human = prompt.IndexOf(HumanTurn, StringComparison.Ordinal);
        var firstAssistant = prompt.IndexOf(AssistantTurn, StringComparison.Ordinal);
        if (human < 0 || (firstAssistant >= 0 && firstAssistant < human))
        {
            promptError = "prompt must start with \"\\n\\nHuman:\" turn after an optional system prompt";
            return violations;
        }

        var lastHuman = prompt.LastIndexOf(HumanTurn, StringComparison.Ordinal);
        var answer = prompt.IndexOf(AssistantTurn, lastHuman, StringComparison.Ordinal);
        if (answer < 0)
        {
            promptError = "prompt must end with \"\\n\\nAssistant:\" turn";
            return violations;
        }

        var lastUserText = prompt[(lastHuman + HumanTurn.Length)..answer].Trim();
        body = new InvocationBody(FakeModelApi.TextCompletions, lastUserText, prompt.Length);
        return violations;
    }

    private static string? CheckValue(string key, JsonElement value) => key switch
    {
        "prompt" or "anthropic_version" => ExpectString($"#/{key}", value),
        "max_tokens_to_sample" => ExpectInteger("#/max_tokens_to_sample", value, minimum: 1),
        "stop_sequences" => ExpectArray("#/stop_sequences", value),
        "temperature" or "top_p" => ExpectNumber($"#/{key}", value),
        "top_k" => ExpectInteger("#/top_k", value, minimum: 0),
        _ => null,
    };
}
