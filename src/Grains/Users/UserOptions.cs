namespace OrleansProxy.Users;

/// <summary>How user grains keep their usage. Bound from the <c>Users</c> section.</summary>
public sealed class UserOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Users";

    /// <summary>
    /// Longest a user's counted usage, minute window and live slots wait before they are written to storage. Writing
    /// once per answer would cost a storage write per request; batching bounds what a silo crash can lose to this
    /// much. Settings, tokens, disabling and rotation are written before their call returns. Default: 1 s.
    /// </summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Every problem with the values, for start-up validation.</summary>
    public IEnumerable<string> Validate()
    {
        if (UsageFlushInterval <= TimeSpan.Zero || UsageFlushInterval > TimeSpan.FromMinutes(1))
        {
            yield return "Users:UsageFlushInterval must be more than 0 and at most 1 minute.";
        }
    }
}
