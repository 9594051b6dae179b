using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Models;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// Which newer Messages fields the fake's Bedrock takes, by model generation (kept apart from the product's policy on
/// purpose, as <see cref="FakeBetas"/> is): <c>context_management</c> and <c>output_config</c> from Claude 4.5,
/// <c>thinking.type: adaptive</c> and <c>thinking.display</c> from 4.6, tool search (<c>defer_loading</c>, the
/// <c>tool_search_tool_*</c> tools), <c>input_examples</c> and <c>strict</c> from 4.5; Anthropic-hosted server tools
/// (web search and fetch, code execution, MCP toolsets) never.
/// </summary>
internal static class FakeFields
{
    private static readonly string[] HostedToolPrefixes = ["web_search_", "web_fetch_", "code_execution_", "mcp_toolset"];

    /// <summary>Top-level keys beyond the base schema; each is refused as extraneous below its generation.</summary>
    public static readonly (string Key, decimal Generation)[] NewerKeys = [("context_management", 4.5m), ("output_config", 4.5m)];

    /// <summary>Bedrock's ValidationException text for the first field <paramref name="model"/> does not take, or null.</summary>
    public static string? FirstRefused(FakeModel model, JsonElement root)
    {
        var generation = Generation(model.BaseId);
        foreach (var (key, minimum) in NewerKeys)
        {
            if (root.TryGetProperty(key, out _) && generation < minimum)
            {
                return $"#: extraneous key [{key}] is not permitted";
            }
        }

        if (root.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object)
        {
            if (thinking.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "adaptive" && generation < 4.6m)
            {
                return "thinking.type: adaptive thinking is not supported on this model; use 'enabled' with budget_tokens";
            }

            if (thinking.TryGetProperty("display", out _) && generation < 4.6m)
            {
                return "thinking.display: Extra inputs are not permitted";
            }
        }

        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind == JsonValueKind.Object)
                {
                    var toolType = tool.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "custom";
                    if (HostedToolPrefixes.Any(p => toolType.StartsWith(p, StringComparison.Ordinal)))
                    {
                        return $"tools.{index}.type: '{toolType}' is not supported";
                    }

                    if (toolType.StartsWith("tool_search_tool_", StringComparison.Ordinal) && generation < 4.5m)
                    {
                        return $"tools.{index}.type: '{toolType}' is not supported on this model";
                    }

                    foreach (var member in (string[])["defer_loading", "input_examples", "strict"])
                    {
                        if (tool.TryGetProperty(member, out _) && generation < 4.5m)
                        {
                            return $"tools.{index}.{member}: Extra inputs are not permitted";
                        }
                    }
                }

                index++;
            }
        }

        return null;
    }

    /// <summary>Major + minor / 10 from a base id: <c>anthropic.claude-opus-4-5-2025…</c> 4.5, <c>anthropic.claude-3-haiku-…</c> 3.0.</summary>
    public static decimal Generation(string baseId)
    {
        int? major = null;
        foreach (var part in baseId.Split('-', '.', ':'))
        {
            if (part.Length is 0 or > 2 || !part.All(char.IsAsciiDigit))
            {
                continue;
            }

            var number = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            if (major is null)
            {
                major = number;
            }
            else
            {
                return major.Value + (number / 10m);
            }
        }

        return major ?? 0m;
    }
}
