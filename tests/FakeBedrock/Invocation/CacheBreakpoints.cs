using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>
/// Reads a Messages body's prompt-cache points the way Anthropic's cache keys them: the prefix runs through
/// <c>tools</c>, <c>system</c> and <c>messages</c> in that order up to each marked block, and the marks themselves
/// are not part of it (a block marked in one turn and unmarked in the next is the same prefix).
/// </summary>
internal static class CacheBreakpoints
{
    /// <summary>Anthropic's limit on <c>cache_control</c> blocks per request.</summary>
    public const int MaxBreakpoints = 4;

    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan OneHour = TimeSpan.FromHours(1);

    /// <summary>The prompt's block boundaries in order (none when no block is marked) and the characters the tools add.</summary>
    public static IReadOnlyList<CachePoint> Read(JsonElement root, out int toolCharacters)
    {
        var walk = new Walk();
        toolCharacters = 0;
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                var length = tool.GetRawText().Length;
                toolCharacters += length;
                walk.Block(tool, length);
            }
        }

        if (root.TryGetProperty("system", out var system))
        {
            walk.Content(system);
        }

        foreach (var message in root.GetProperty("messages").EnumerateArray())
        {
            walk.Feed(message.GetProperty("role").GetString()!);
            walk.Content(message.GetProperty("content"));
        }

        return walk.Marks > 0 ? walk.Points : [];
    }

    private sealed class Walk
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private int _characters;

        public List<CachePoint> Points { get; } = [];

        public int Marks { get; private set; }

        public void Content(JsonElement content)
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                Feed(content.GetString()!);
                _characters += content.GetString()!.Length;
                Points.Add(new CachePoint(Convert.ToHexStringLower(_hash.GetCurrentHash()), _characters, null));
                return;
            }

            foreach (var block in content.EnumerateArray())
            {
                Block(block, MessagesBodyValidator.BlockLength(block));
            }
        }

        public void Block(JsonElement block, int characters)
        {
            _characters += characters;
            JsonElement? mark = null;
            if (block.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in block.EnumerateObject())
                {
                    if (property.NameEquals("cache_control"))
                    {
                        mark = property.Value;
                        continue;
                    }

                    Feed(property.Name);
                    Feed(property.Value.GetRawText());
                }
            }
            else
            {
                Feed(block.GetRawText());
            }

            TimeSpan? ttl = null;
            if (mark is { ValueKind: JsonValueKind.Object } control)
            {
                Marks++;
                ttl = control.TryGetProperty("ttl", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == "1h"
                    ? OneHour
                    : FiveMinutes;
            }

            Points.Add(new CachePoint(Convert.ToHexStringLower(_hash.GetCurrentHash()), _characters, ttl));
        }

        public void Feed(string text)
        {
            _hash.AppendData(Encoding.UTF8.GetBytes(text));
            _hash.AppendData([0]);
        }
    }
}
