namespace OrleansProxy.Users;

/// <summary>A user-index shard's persisted rows, by user id.</summary>
[GenerateSerializer, Alias("OrleansProxy.UserIndexState")]
public sealed class UserIndexState
{
    /// <summary>User id → row.</summary>
    [Id(0)] public Dictionary<string, UserSummary> Users { get; set; } = new(StringComparer.Ordinal);
}
