using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace OrleansProxy.Gateway.Sessions;

/// <summary>
/// Finds a Messages request's <c>cache_control</c> breakpoints and hashes its cacheable prefix: tools, then system,
/// up to and including the block with the FIRST breakpoint. Clients move their last breakpoint every turn (it marks
/// the newest message), but the first one (end of the system prompt or tools) stays put for the whole conversation,
/// so its prefix names the conversation's cache.
/// </summary>
/// <remarks>
/// When tools and system carry no breakpoint but a message does, the prefix is tools, system and the first message:
/// the start of a conversation does not change as it grows. <c>cache_control</c> itself is left out of the hash,
/// because the same block is marked in one turn and not in the next. Only the first and the last
/// <see cref="TailMessages"/> messages are looked at: clients mark the newest turns (or a document in the first),
/// and a walk over every block of a long conversation would cost more than the rest of the parse.
/// </remarks>
internal static class CachePrefix
{
    /// <summary>How many messages from the end are searched for breakpoints.</summary>
    public const int TailMessages = 3;

    [ThreadStatic]
    private static XxHash128? _hasher;

    /// <summary>What the request's breakpoints say.</summary>
    /// <param name="Found">Some block is marked with <c>cache_control</c>.</param>
    /// <param name="LongTtl">Some breakpoint asks for <c>ttl: "1h"</c>.</param>
    /// <param name="PrefixHash">The hash of the cacheable prefix, when <paramref name="Found"/>.</param>
    public readonly record struct Scan(bool Found, bool LongTtl, UInt128 PrefixHash);

    /// <summary>Scans the request's <c>tools</c>, <c>system</c> and <c>messages</c> (any may be absent).</summary>
    public static Scan Read(JsonElement? tools, JsonElement? system, JsonElement? messages)
    {
        var hasher = _hasher ??= new XxHash128();
        hasher.Reset();
        var longTtl = false;
        var found = AppendUntilBreakpoint(hasher, tools, ref longTtl) || AppendUntilBreakpoint(hasher, system, ref longTtl);
        if (found)
        {
            // The ttl of a later breakpoint still matters for how long the cache lives.
            ScanMessages(messages, ref longTtl);
            return new Scan(true, longTtl, hasher.GetCurrentHashAsUInt128());
        }

        if (!ScanMessages(messages, ref longTtl))
        {
            return default;
        }

        var first = messages!.Value[0];
        if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("content"u8, out var content))
        {
            if (first.TryGetProperty("role"u8, out var role))
            {
                Append(hasher, role);
            }

            if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var block in content.EnumerateArray())
                {
                    AppendBlock(hasher, block, ref longTtl);
                }
            }
            else
            {
                Append(hasher, content);
            }
        }

        return new Scan(true, longTtl, hasher.GetCurrentHashAsUInt128());
    }

    // Appends blocks (tools, or system's text blocks) until one with a breakpoint, included; true when one was found.
    private static bool AppendUntilBreakpoint(XxHash128 hasher, JsonElement? section, ref bool longTtl)
    {
        if (section is not { } value)
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Append(hasher, value);
            return false;
        }

        foreach (var block in value.EnumerateArray())
        {
            if (AppendBlock(hasher, block, ref longTtl))
            {
                return true;
            }
        }

        return false;
    }

    // Whether the first or the last few messages carry a breakpoint (and whether one asks for an hour).
    private static bool ScanMessages(JsonElement? messages, ref bool longTtl)
    {
        if (messages is not { ValueKind: JsonValueKind.Array } list)
        {
            return false;
        }

        var count = list.GetArrayLength();
        var found = count > 0 && MessageMarks(list[0], ref longTtl);
        for (var i = Math.Max(1, count - TailMessages); i < count; i++)
        {
            found |= MessageMarks(list[i], ref longTtl);
        }

        return found;
    }

    private static bool MessageMarks(JsonElement message, ref bool longTtl)
    {
        var found = false;
        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("content"u8, out var content)
            && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                found |= Marks(block, ref longTtl);
            }
        }

        return found;
    }

    // Appends a block without its cache_control; true when it has one.
    private static bool AppendBlock(XxHash128 hasher, JsonElement block, ref bool longTtl)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            Append(hasher, block);
            return false;
        }

        var marked = false;
        foreach (var property in block.EnumerateObject())
        {
            if (property.NameEquals("cache_control"u8))
            {
                marked |= IsBreakpoint(property.Value, ref longTtl);
                continue;
            }

            hasher.Append(JsonMarshal.GetRawUtf8PropertyName(property));
            Append(hasher, property.Value);
        }

        return marked;
    }

    private static bool Marks(JsonElement block, ref bool longTtl) =>
        block.ValueKind == JsonValueKind.Object && block.TryGetProperty("cache_control"u8, out var control) && IsBreakpoint(control, ref longTtl);

    private static bool IsBreakpoint(JsonElement control, ref bool longTtl)
    {
        if (control.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (control.TryGetProperty("ttl"u8, out var ttl) && ttl.ValueKind == JsonValueKind.String && ttl.ValueEquals("1h"u8))
        {
            longTtl = true;
        }

        return true;
    }

    private static void Append(XxHash128 hasher, JsonElement value) => hasher.Append(JsonMarshal.GetRawUtf8Value(value));
}
