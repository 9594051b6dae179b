using System.Text.Json;
using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>The top-level fields of an OpenAI chat request, type-checked as they are read.</summary>
internal sealed class OpenAiChatFields
{
    public string? Model { get; private set; }

    public JsonElement? Messages { get; private set; }

    public int? MaxTokens { get; private set; }

    public JsonElement? Temperature { get; private set; }

    public JsonElement? TopP { get; private set; }

    public JsonElement? Stop { get; private set; }

    public bool Stream { get; private set; }

    public bool IncludeUsage { get; private set; }

    public JsonElement? Tools { get; private set; }

    public JsonElement? ToolChoice { get; private set; }

    public bool ParallelToolCalls { get; private set; } = true;

    private bool _sawMaxCompletionTokens;

    /// <summary>Reads one property; returns the 400 for a bad value.</summary>
    public ProxyError? Read(JsonProperty property)
    {
        var value = property.Value;
        if (property.NameEquals("model"u8))
        {
            var error = JsonFields.String(value, "model", out var model);
            Model = model;
            return error;
        }

        if (property.NameEquals("messages"u8))
        {
            Messages = value;
            return null;
        }

        return JsonFields.IsAbsent(value) ? null : ReadOptional(property.Name, value);
    }

    private ProxyError? ReadOptional(string name, JsonElement value)
    {
        int number;
        ProxyError? error;
        switch (name)
        {
            case "max_completion_tokens":
                _sawMaxCompletionTokens = true;
                error = JsonFields.Integer(value, name, 1, out number);
                MaxTokens = number;
                return error;
            case "max_tokens":
                error = JsonFields.Integer(value, name, 1, out number);
                // max_completion_tokens supersedes the deprecated max_tokens when both are sent.
                MaxTokens = _sawMaxCompletionTokens ? MaxTokens : number;
                return error;
            case "temperature":
                Temperature = value;
                return JsonFields.Number(value, name)
                    ?? (value.GetDouble() is < 0 or > 2 ? FieldErrors.Invalid(name, "Input should be between 0 and 2") : null);
            case "top_p":
                TopP = value;
                return JsonFields.Number(value, name);
            case "stop":
                Stop = value;
                return value.ValueKind == JsonValueKind.String ? null : JsonFields.StringList(value, name);
            case "stream":
                error = JsonFields.Boolean(value, name, out var stream);
                Stream = stream;
                return error;
            case "stream_options":
                return ReadStreamOptions(value);
            case "n":
                error = JsonFields.Integer(value, name, 1, out number);
                return error ?? (number > 1 ? FieldErrors.Invalid(name, "only n=1 is supported: Claude returns one choice per request") : null);
            case "tools":
                Tools = value;
                return OpenAiTools.ValidateTools(value);
            case "tool_choice":
                ToolChoice = value;
                return OpenAiTools.ValidateChoice(value);
            case "parallel_tool_calls":
                error = JsonFields.Boolean(value, name, out var parallel);
                ParallelToolCalls = parallel;
                return error;
            default:
                return null;
        }
    }

    private ProxyError? ReadStreamOptions(JsonElement value)
    {
        if (JsonFields.Object(value, "stream_options") is { } error)
        {
            return error;
        }

        if (!value.TryGetProperty("include_usage"u8, out var include) || JsonFields.IsAbsent(include))
        {
            return null;
        }

        var includeError = JsonFields.Boolean(include, "stream_options.include_usage", out var flag);
        IncludeUsage = flag;
        return includeError;
    }
}
