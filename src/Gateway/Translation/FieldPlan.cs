using System.Text.Json;
using System.Runtime.InteropServices;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// What <see cref="FieldPolicy"/> decided for one Messages body, found in one pass over the already parsed document
/// once the model (and so its generation) is known, and applied while the Bedrock body is written. A body with
/// nothing to decide (the common case: only fields every model takes) costs one walk over the top-level names and the
/// tools' member names, no rewriting and no allocation: it shares <see cref="Empty"/>.
/// </summary>
internal sealed class FieldPlan
{
    private static readonly byte[][] Handled =
    [
        "model"u8.ToArray(), "stream"u8.ToArray(), "anthropic_beta"u8.ToArray(), "max_tokens"u8.ToArray(), "messages"u8.ToArray(),
        "system"u8.ToArray(), "tools"u8.ToArray(), "tool_choice"u8.ToArray(), "thinking"u8.ToArray(),
        "temperature"u8.ToArray(), "top_p"u8.ToArray(), "top_k"u8.ToArray(), "stop_sequences"u8.ToArray(),
    ];

    /// <summary>
    /// The plan of a body with nothing to decide: no field dropped, passed or rewritten (the common case). Its policy,
    /// generation and budget are never read, since nothing is rewritten.
    /// </summary>
    internal static readonly FieldPlan Empty = new(FieldPolicy.Default, 0, 0);

    private HashSet<string>? _passed;

    private FieldPlan(FieldPolicy policy, decimal generation, int maxTokens)
    {
        Policy = policy;
        Generation = generation;
        MaxTokens = maxTokens;
    }

    public FieldPolicy Policy { get; }

    public decimal Generation { get; }

    public int MaxTokens { get; }

    /// <summary>Fields left out, as paths (<c>service_tier</c>, <c>tools[].defer_loading</c>), for the log and the counter.</summary>
    public List<string>? Dropped { get; private set; }

    public bool RewriteTools { get; private set; }

    public bool RewriteThinking { get; private set; }

    public bool RewriteOutputConfig { get; private set; }

    /// <summary>
    /// Decides every field of <paramref name="root"/>; an error when one must be refused. A plan object is made only
    /// once there is a decision to keep; otherwise the answer is <see cref="Empty"/>.
    /// </summary>
    public static FieldPlan Build(JsonElement root, FieldPolicy policy, decimal generation, int maxTokens, out ProxyError? error)
    {
        var decisions = new Decisions(policy, generation, maxTokens);
        error = null;
        foreach (var property in root.EnumerateObject())
        {
            if (JsonFields.IsAbsent(property.Value))
            {
                continue;
            }

            if (property.NameEquals("tools"u8))
            {
                error = decisions.DecideTools(property.Value);
            }
            else if (property.NameEquals("thinking"u8))
            {
                decisions.DecideThinking(property.Value);
            }
            else if (JsonFields.CanonicalName(property, Handled).IsEmpty)
            {
                error = decisions.DecideTopLevel(property.Name, property.Value);
            }

            if (error is not null)
            {
                break;
            }
        }

        return decisions.Result ?? Empty;
    }

    /// <summary>Whether an unhandled top-level field goes to Bedrock as sent.</summary>
    public bool Passes(JsonProperty property) => _passed is { } passed && passed.Contains(property.Name);

    /// <summary>The walk over one body: the policy's answers, and a plan made at the first one worth keeping.</summary>
    private struct Decisions(FieldPolicy policy, decimal generation, int maxTokens)
    {
        private readonly FieldPolicy _policy = policy;
        private readonly decimal _generation = generation;

        public FieldPlan? Result { get; private set; }

        private FieldPlan Plan => Result ??= new FieldPlan(_policy, _generation, maxTokens);

        public ProxyError? DecideTopLevel(string name, JsonElement value)
        {
            var decision = _policy.Decide(name, _generation, out var rule);
            if (decision == FieldAction.Refuse && IsEmpty(value))
            {
                // "mcp_servers": [] asks for nothing Bedrock lacks.
                decision = FieldAction.Drop;
            }

            switch (decision)
            {
                case FieldAction.Refuse:
                    return Refuse(name, rule);
                case FieldAction.Drop when name == "output_config" && value.ValueKind == JsonValueKind.Object:
                    // Below the generation the member rules decide (effort is a hint, a format is relied on).
                    Plan.RewriteOutputConfig = true;
                    foreach (var member in value.EnumerateObject())
                    {
                        var path = "output_config." + member.Name;
                        var action = _policy.Decide(path, _generation, out var memberRule);
                        if (action == FieldAction.Refuse)
                        {
                            return Refuse(path, memberRule);
                        }

                        if (action == FieldAction.Drop)
                        {
                            Plan.Drop(path);
                        }
                    }

                    Plan.Pass(name);
                    return null;
                case FieldAction.Drop:
                    Plan.Drop(name);
                    return null;
                default:
                    Plan.Pass(name);
                    return null;
            }
        }

        public ProxyError? DecideTools(JsonElement tools)
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind == JsonValueKind.Object)
                {
                    var type = tool.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                    if (_policy.ToolType(type) is { } typeRule)
                    {
                        var action = typeRule.For(_generation);
                        if (action == FieldAction.Refuse)
                        {
                            return Refuse($"tools.{index}.type", typeRule, type);
                        }

                        if (action == FieldAction.Drop)
                        {
                            Plan.Drop("tool:" + type);
                            Plan.RewriteTools = true;
                            index++;
                            continue;
                        }
                    }

                    foreach (var member in tool.EnumerateObject())
                    {
                        if (member.Name is "name" or "description" or "input_schema" or "type" or "cache_control")
                        {
                            continue;
                        }

                        var path = "tools[]." + member.Name;
                        if (_policy.Knows(path) && _policy.Decide(path, _generation, out var rule) != FieldAction.Pass)
                        {
                            if (rule!.For(_generation) == FieldAction.Refuse)
                            {
                                return Refuse($"tools.{index}.{member.Name}", rule);
                            }

                            Plan.Drop(path);
                            Plan.RewriteTools = true;
                        }
                    }
                }

                index++;
            }

            return null;
        }

        public void DecideThinking(JsonElement thinking)
        {
            if (thinking.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (thinking.TryGetProperty("type"u8, out var type) && type.ValueEquals("adaptive"u8) && _generation < AdaptiveThinking)
            {
                Plan.RewriteThinking = true;
                Plan.Drop("thinking.type=adaptive");
            }

            if (thinking.TryGetProperty("display"u8, out _) && _policy.Decide("thinking.display", _generation, out _) != FieldAction.Pass)
            {
                Plan.RewriteThinking = true;
                Plan.Drop("thinking.display");
            }
        }
    }

    /// <summary>The first generation that thinks adaptively; older ones get a budget instead.</summary>
    public const decimal AdaptiveThinking = 4.6m;

    /// <summary>The budget an adaptive request becomes on an older model: half of max_tokens, 1 024 to 16 384.</summary>
    public int AdaptiveBudget => Math.Clamp(MaxTokens / 2, MinimumThinkingBudget, 16_384);

    /// <summary>Bedrock's smallest thinking budget; a max_tokens too small for it means no thinking.</summary>
    public const int MinimumThinkingBudget = 1024;

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().MoveNext(),
        JsonValueKind.String => value.GetString()!.Length == 0,
        _ => false,
    };

    private void Drop(string path) => (Dropped ??= []).Add(path);

    private void Pass(string name) => (_passed ??= new(StringComparer.Ordinal)).Add(name);

    private static ProxyError Refuse(string path, FieldRule? rule, string? value = null) => ProxyError.InvalidRequest(
        $"{path}: {(value is null ? "" : value + ": ")}not supported through this proxy's AWS Bedrock upstream ({rule?.Reason ?? "refused by policy"})");

    /// <summary>Writes the tools, without the dropped tool types and members.</summary>
    public void WriteTools(Utf8JsonWriter writer, JsonElement tools)
    {
        writer.WriteStartArray();
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind != JsonValueKind.Object)
            {
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(tool), skipInputValidation: true);
                continue;
            }

            var type = tool.TryGetProperty("type"u8, out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (Policy.ToolType(type) is { } typeRule && typeRule.For(Generation) == FieldAction.Drop)
            {
                continue;
            }

            writer.WriteStartObject();
            foreach (var member in tool.EnumerateObject())
            {
                var path = "tools[]." + member.Name;
                if (Policy.Knows(path) && Policy.Decide(path, Generation, out _) != FieldAction.Pass)
                {
                    continue;
                }

                member.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes <c>thinking</c> for a model older than adaptive thinking or display control: <c>adaptive</c> becomes
    /// <c>enabled</c> with <see cref="AdaptiveBudget"/> (the closest form it takes), <c>display</c> is left out. False
    /// when nothing is left to write (max_tokens below the smallest budget: no thinking).
    /// </summary>
    public bool WriteThinking(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement thinking)
    {
        var adaptive = thinking.TryGetProperty("type"u8, out var type) && type.ValueEquals("adaptive"u8) && Generation < AdaptiveThinking;
        if (adaptive && MaxTokens <= MinimumThinkingBudget)
        {
            return false;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var member in thinking.EnumerateObject())
        {
            if (member.NameEquals("display"u8) && Policy.Decide("thinking.display", Generation, out _) != FieldAction.Pass)
            {
                continue;
            }

            if (adaptive && member.NameEquals("type"u8))
            {
                writer.WriteString("type"u8, "enabled"u8);
                writer.WriteNumber("budget_tokens"u8, Math.Min(AdaptiveBudget, MaxTokens - 1));
                continue;
            }

            if (adaptive && member.NameEquals("budget_tokens"u8))
            {
                continue;
            }

            member.WriteTo(writer);
        }

        writer.WriteEndObject();
        return true;
    }

    /// <summary>Writes <c>output_config</c> with only its forwarded members (omitted when none is left).</summary>
    public void WriteOutputConfig(Utf8JsonWriter writer, string name, JsonElement config)
    {
        var kept = config.EnumerateObject().Where(m => Policy.Decide("output_config." + m.Name, Generation, out _) == FieldAction.Pass).ToList();
        if (kept.Count == 0)
        {
            return;
        }

        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var member in kept)
        {
            member.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
