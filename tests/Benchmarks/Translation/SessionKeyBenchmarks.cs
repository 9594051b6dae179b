using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OrleansProxy.Gateway.Sessions;
using OrleansProxy.Gateway.Translation;

namespace OrleansProxy.Benchmarks.Translation;

/// <summary>
/// The session key's share of the request parse, on a Claude-Code-shaped body (20 tools, a 40 KB system prompt
/// marked for caching, a 30-turn conversation): the same parse without hints (no key), with Claude Code's session
/// header, and with only the cacheable prefix to hash.
/// </summary>
[MemoryDiagnoser]
public class SessionKeyBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(ClaudeCodeBody());
    private static readonly SessionHints HeaderHints = new("key:0badc0de", "4f9a3a64-6c2e-4b8a-9d0f-0c1e2d3b4a59", null);
    private static readonly SessionHints PrefixHints = new("key:0badc0de", null, null);

    /// <summary>Parse and translate without any session work.</summary>
    [Benchmark(Baseline = true)]
    public RequestParseResult NoKey() => RequestTranslator.Parse(ClientDialect.AnthropicMessages, Body, null, TranslationOptions.Default);

    /// <summary>The key from <c>x-claude-code-session-id</c> (the breakpoints are still scanned for their ttl).</summary>
    [Benchmark]
    public RequestParseResult HeaderKey() => RequestTranslator.Parse(ClientDialect.AnthropicMessages, Body, null, TranslationOptions.Default, HeaderHints);

    /// <summary>The key from the cacheable prefix: 20 tools and the system prompt hashed.</summary>
    [Benchmark]
    public RequestParseResult PrefixKey() => RequestTranslator.Parse(ClientDialect.AnthropicMessages, Body, null, TranslationOptions.Default, PrefixHints);

    private static string ClaudeCodeBody()
    {
        var tools = Enumerable.Range(0, 20).Select(i => new Dictionary<string, object>
        {
            ["name"] = $"tool_{i}",
            ["description"] = new string('d', 600),
            ["input_schema"] = new { type = "object", properties = new { path = new { type = "string" } } },
        }).ToList();
        var messages = Enumerable.Range(0, 59).Select(i => new Dictionary<string, object>
        {
            ["role"] = i % 2 == 0 ? "user" : "assistant",
            ["content"] = i == 58
                ? new object[] { new { type = "text", text = new string('u', 400), cache_control = new { type = "ephemeral" } } }
                : new object[] { new { type = "text", text = new string(i % 2 == 0 ? 'u' : 'a', 400) } },
        });
        return JsonSerializer.Serialize(new
        {
            model = "claude-sonnet-4-5",
            max_tokens = 8192,
            stream = true,
            tools,
            system = new object[]
            {
                new { type = "text", text = "You are Claude Code." },
                new Dictionary<string, object> { ["type"] = "text", ["text"] = new string('s', 40_000), ["cache_control"] = new { type = "ephemeral" } },
            },
            messages,
        });
    }
}
