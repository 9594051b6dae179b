namespace OrleansProxy.Gateway.Sessions;

/// <summary>What the endpoint knows about a request's session before its body is parsed.</summary>
/// <param name="CallerScope">
/// Who is calling, as a stable non-secret string (the proxy key's fingerprint today; a user id once users exist):
/// two callers never share a session key even when they send the same session id or the same prompt.
/// </param>
/// <param name="ClaudeCodeSessionId">The <c>x-claude-code-session-id</c> header, if any.</param>
/// <param name="SessionId">The <c>x-session-id</c> header, if any.</param>
public sealed record SessionHints(string CallerScope, string? ClaudeCodeSessionId, string? SessionId)
{
    /// <summary>Claude Code's session header.</summary>
    public const string ClaudeCodeHeader = "x-claude-code-session-id";

    /// <summary>The explicit session header any client may send.</summary>
    public const string SessionHeader = "x-session-id";

    /// <summary>
    /// The <see cref="HttpContext.Items"/> key under which an authentication layer may put the caller's scope (a user
    /// id); when absent, <see cref="From"/> uses the default it is given.
    /// </summary>
    public const string CallerItem = "OrleansProxy.SessionCaller";

    /// <summary>Reads the session headers of <paramref name="http"/>'s request.</summary>
    public static SessionHints From(HttpContext http, string defaultCallerScope)
    {
        ArgumentNullException.ThrowIfNull(http);
        var headers = http.Request.Headers;
        return new SessionHints(
            http.Items.TryGetValue(CallerItem, out var caller) && caller is string { Length: > 0 } scope ? scope : defaultCallerScope,
            headers.TryGetValue(ClaudeCodeHeader, out var claudeCode) ? claudeCode.ToString() : null,
            headers.TryGetValue(SessionHeader, out var explicitId) ? explicitId.ToString() : null);
    }
}
