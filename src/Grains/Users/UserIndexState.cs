namespace OrleansProxy.Users;

/// <summary>A user-index shard's rows by user id in one record, as earlier versions stored it (read once, moved into buckets, cleared).</summary>
[GenerateSerializer, Alias("OrleansProxy.UserIndexState")]
public sealed class UserIndexState
{
    /// <summary>User id → row.</summary>
    [Id(0)] public Dictionary<string, UserSummary> Users { get; set; } = new(StringComparer.Ordinal);
}
