namespace OrleansProxy.Gateway.Sessions;

/// <summary>Where a request's session key came from (first match wins, in this order).</summary>
public enum SessionKeySource
{
    /// <summary>Claude Code's <c>x-claude-code-session-id</c> header.</summary>
    ClaudeCodeHeader,

    /// <summary>The <c>session_id</c> inside Claude Code's <c>metadata.user_id</c> (either of its two forms).</summary>
    MetadataUserId,

    /// <summary>An explicit <c>x-session-id</c> header.</summary>
    SessionHeader,

    /// <summary>A hash of the request's cacheable prefix (tools and system up to their first <c>cache_control</c>).</summary>
    CachePrefix,
}
