using OrleansProxy.Gateway.Errors;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>What a client is told when its user is refused, in Anthropic's vocabulary (each dialect renders it).</summary>
public static class UserErrors
{
    /// <summary>No token at all.</summary>
    public static ProxyError Missing { get; } = new(401, ErrorTypes.Authentication,
        "Missing user token. Send it as the x-api-key header or as Authorization: Bearer <token>.") { Permanent = true };

    /// <summary>A token the directory does not know.</summary>
    public static ProxyError Unknown { get; } = new(401, ErrorTypes.Authentication, "Invalid user token.") { Permanent = true };

    /// <summary>
    /// The error for <paramref name="refusal"/>. A spent quota or budget is <see cref="ProxyError.Permanent"/>
    /// (<c>x-should-retry: false</c>) when it resets later than <paramref name="queueWait"/>: an SDK's automatic
    /// retries would all fail.
    /// </summary>
    public static ProxyError For(Admission refusal, TimeSpan queueWait) => refusal.Refusal switch
    {
        RefusalKind.UnknownToken or RefusalKind.Disabled or RefusalKind.Expired =>
            new ProxyError(401, ErrorTypes.Authentication, refusal.Message!) { Permanent = true },
        RefusalKind.FamilyNotAllowed => new ProxyError(403, ErrorTypes.Permission, refusal.Message!) { Permanent = true },
        RefusalKind.Quota or RefusalKind.Budget =>
            new ProxyError(429, ErrorTypes.RateLimit, refusal.Message!) { Permanent = refusal.RetryAfter > queueWait },
        _ => new ProxyError(429, ErrorTypes.RateLimit, refusal.Message!),
    };

    /// <summary>The <c>retry-after</c> for <paramref name="refusal"/>, when one helps.</summary>
    public static TimeSpan? RetryAfter(Admission refusal) => refusal.Refusal switch
    {
        RefusalKind.Quota or RefusalKind.Budget when refusal.ResetsAt is not null => refusal.RetryAfter,
        RefusalKind.RequestRate or RefusalKind.TokenRate or RefusalKind.Concurrency => refusal.RetryAfter,
        _ => null,
    };
}
