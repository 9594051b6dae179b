namespace OrleansProxy.Users;

/// <summary>A token-directory shard's map (token hash → user id) in one record, as earlier versions stored it (read once, moved into buckets, cleared).</summary>
[GenerateSerializer, Alias("OrleansProxy.TokenDirectoryState")]
public sealed class TokenDirectoryState
{
    /// <summary>Token hash (hex SHA-256) → user id.</summary>
    [Id(0)] public Dictionary<string, string> Users { get; set; } = new(StringComparer.Ordinal);
}
