namespace OrleansProxy.Pool;

/// <summary>
/// One session's place in the pool: the credential it was last leased and that credential's cache scope (its
/// account's quota group and region). A node of its lifetime class's recency list (see <see cref="SessionPins"/>).
/// </summary>
public sealed class SessionPin(UInt128 hash)
{
    /// <summary>The session's hash.</summary>
    public UInt128 Hash { get; } = hash;

    /// <summary>The credential last leased to the session; null until its first lease.</summary>
    public string? CredentialId { get; set; }

    /// <summary>The cache scope of that credential (<see cref="QuotaGroup.Key"/>); null when its account is unknown.</summary>
    public string? ScopeKey { get; set; }

    /// <summary>When the session was last seen.</summary>
    public DateTimeOffset LastSeen { get; set; }

    /// <summary>The recency list it sits in (one per lifetime).</summary>
    internal SessionPins.RecencyList? List { get; set; }

    internal SessionPin? Newer { get; set; }

    internal SessionPin? Older { get; set; }
}
