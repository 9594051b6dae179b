namespace OrleansProxy.Credentials;

/// <summary>One model family's persisted state inside a credential grain.</summary>
[GenerateSerializer, Alias("OrleansProxy.FamilyState")]
public sealed class FamilyState
{
    /// <summary>What the latest probe or call proved.</summary>
    [Id(0)] public FamilyAccess Access { get; set; }

    /// <summary>When access was last proven either way.</summary>
    [Id(1)] public DateTimeOffset? AccessCheckedAt { get; set; }

    /// <summary>Throttle lockout end, if any.</summary>
    [Id(2)] public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Throttles since the last success; drives the backoff.</summary>
    [Id(3)] public int ConsecutiveThrottles { get; set; }

    /// <summary>Cumulative usage.</summary>
    [Id(4)] public FamilyUsage Usage { get; set; } = FamilyUsage.Zero;

    /// <summary>Errors by Bedrock error type (or outcome kind when there was none).</summary>
    [Id(5)] public Dictionary<string, long> ErrorsByKind { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// When the current run of throttles began (the first throttle after a success or an expired lockout). Answers to
    /// requests signed before it belong to the same exhausted quota: they neither lengthen the backoff nor end it.
    /// </summary>
    [Id(6)] public DateTimeOffset? ThrottledAt { get; set; }

    /// <summary>Which quota the lockout in <see cref="LockedUntil"/> is for (null: none, or from before kinds were kept).</summary>
    [Id(7)] public ThrottleKind? LockKind { get; set; }
}
