using System.Text.Json;

namespace OrleansProxy.Gateway.Sessions;

/// <summary>
/// Picks a request's session key, first match wins: <c>x-claude-code-session-id</c>, the session in
/// <c>metadata.user_id</c>, <c>x-session-id</c>, else the hash of the cacheable prefix. A request with none of these
/// and no <c>cache_control</c> gets no key: it has no cache to keep warm, so it is not pinned.
/// </summary>
internal static class SessionKeys
{
    /// <summary>The key of a Messages request, from its headers and the fields the parser already holds.</summary>
    public static SessionKey? ForMessages(
        SessionHints? hints, string family, JsonElement? metadata, JsonElement? tools, JsonElement? system, JsonElement? messages)
    {
        if (hints is null)
        {
            return null;
        }

        var scan = CachePrefix.Read(tools, system, messages);
        if (SessionIds.IsValid(hints.ClaudeCodeSessionId))
        {
            return SessionKey.ForId(hints.CallerScope, family, hints.ClaudeCodeSessionId!, SessionKeySource.ClaudeCodeHeader, scan.LongTtl);
        }

        if (UserIdSession(metadata) is { } fromMetadata)
        {
            return SessionKey.ForId(hints.CallerScope, family, fromMetadata, SessionKeySource.MetadataUserId, scan.LongTtl);
        }

        if (SessionIds.IsValid(hints.SessionId))
        {
            return SessionKey.ForId(hints.CallerScope, family, hints.SessionId!, SessionKeySource.SessionHeader, scan.LongTtl);
        }

        return scan.Found ? SessionKey.ForPrefix(hints.CallerScope, family, scan.PrefixHash, scan.LongTtl) : null;
    }

    /// <summary>The key of a request whose body carries no session (Text Completions, OpenAI Chat): its headers only.</summary>
    public static SessionKey? ForHeaders(SessionHints? hints, string family)
    {
        if (hints is null)
        {
            return null;
        }

        if (SessionIds.IsValid(hints.ClaudeCodeSessionId))
        {
            return SessionKey.ForId(hints.CallerScope, family, hints.ClaudeCodeSessionId!, SessionKeySource.ClaudeCodeHeader, false);
        }

        return SessionIds.IsValid(hints.SessionId)
            ? SessionKey.ForId(hints.CallerScope, family, hints.SessionId!, SessionKeySource.SessionHeader, false)
            : null;
    }

    private static string? UserIdSession(JsonElement? metadata) =>
        metadata is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("user_id"u8, out var userId) && userId.ValueKind == JsonValueKind.String
            ? SessionIds.FromUserId(userId.GetString()!)
            : null;
}
