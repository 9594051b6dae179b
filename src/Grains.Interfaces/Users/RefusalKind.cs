namespace OrleansProxy.Users;

/// <summary>Why a user's request was not admitted.</summary>
public enum RefusalKind
{
    /// <summary>Admitted.</summary>
    None,

    /// <summary>The token belongs to no user (never did, was rotated, or the user was deleted): 401.</summary>
    UnknownToken,

    /// <summary>An operator disabled the user: 401.</summary>
    Disabled,

    /// <summary>The user's expiry has passed: 401.</summary>
    Expired,

    /// <summary>The user may not call the model's family: 403.</summary>
    FamilyNotAllowed,

    /// <summary><see cref="UserLimits.MaxConcurrent"/> requests are in flight: wait in the queue, then 429.</summary>
    Concurrency,

    /// <summary><see cref="UserLimits.RequestsPerMinute"/> reached: 429 with retry-after.</summary>
    RequestRate,

    /// <summary><see cref="UserLimits.TokensPerMinute"/> reached (in-flight reservations included): 429 with retry-after.</summary>
    TokenRate,

    /// <summary>A token quota is spent until its period resets: 429.</summary>
    Quota,

    /// <summary>A cost budget is spent until its period resets: 429.</summary>
    Budget,
}
