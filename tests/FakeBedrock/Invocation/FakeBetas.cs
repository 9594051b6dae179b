using System.Collections.Frozen;
using System.Text.Json;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// The <c>anthropic_beta</c> flags the fake's Bedrock knows; any other one fails the call with Bedrock's
/// "invalid beta flag", as first-party-only flags (<c>claude-code-…</c>, <c>oauth-…</c>) do on AWS. Kept apart from
/// the product's allow-list on purpose: a test sees the product drop what this fake would refuse.
/// </summary>
internal static class FakeBetas
{
    private static readonly FrozenSet<string> Known = new[]
    {
        "computer-use-2024-10-22", "computer-use-2025-01-24", "computer-use-2025-11-24", "token-efficient-tools-2025-02-19",
        "output-128k-2025-02-19", "fine-grained-tool-streaming-2025-05-14", "interleaved-thinking-2025-05-14",
        "dev-full-thinking-2025-05-14", "context-1m-2025-08-07", "context-management-2025-06-27", "effort-2025-11-24",
        "tool-search-tool-2025-10-19", "tool-examples-2025-10-29", "compact-2026-01-12",
        "mid-conversation-output-config-2026-07-01", "mid-conversation-tool-changes-2026-07-01",
        "thinking-binding-controls-2026-08-01", "thinking-display-updates-2026-08-18", "dangerous-tool-use-2026-09-03",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The first flag in the body's <c>anthropic_beta</c> that Bedrock does not know, or null.</summary>
    public static string? FirstUnknown(JsonElement root)
    {
        if (!root.TryGetProperty("anthropic_beta", out var betas) || betas.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var beta in betas.EnumerateArray())
        {
            if (beta.ValueKind != JsonValueKind.String || !Known.Contains(beta.GetString()!))
            {
                return beta.ToString();
            }
        }

        return null;
    }
}
