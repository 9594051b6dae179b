namespace OrleansProxy.Users;

/// <summary>A user grain's persisted state. Never holds the token, only its SHA-256.</summary>
[GenerateSerializer, Alias("OrleansProxy.UserState")]
public sealed class UserState
{
    /// <summary>What an operator set; null until created (or after deletion).</summary>
    [Id(0)] public UserSpec? Spec { get; set; }

    /// <summary>SHA-256 (hex) of the current token.</summary>
    [Id(1)] public string? TokenHash { get; set; }

    /// <summary>When the user was created.</summary>
    [Id(2)] public DateTimeOffset Created { get; set; }

    /// <summary>Operator switch.</summary>
    [Id(3)] public bool Disabled { get; set; }

    /// <summary>The operator's reason for <see cref="Disabled"/>.</summary>
    [Id(4)] public string? DisabledReason { get; set; }

    /// <summary>When the token was last rotated.</summary>
    [Id(5)] public DateTimeOffset? TokenRotated { get; set; }

    /// <summary>Usage per UTC day and family, kept for <see cref="UsageLedger.RetainedDays"/>.</summary>
    [Id(6)] public Dictionary<DateOnly, Dictionary<string, UsageCounters>> Days { get; set; } = [];

    /// <summary>Usage per family since creation (the <c>total</c> period outlives the retained days).</summary>
    [Id(7)] public Dictionary<string, UsageCounters> Totals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last day the index was told the user was active.</summary>
    [Id(8)] public DateOnly? IndexedActiveDay { get; set; }

    /// <summary>The minute window and live slots as of the last usage write (taken back on activation).</summary>
    [Id(9)] public RateSnapshot? Rate { get; set; }
}
