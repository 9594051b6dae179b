namespace OrleansProxy.Credentials;

/// <summary>
/// The part of a credential's state the key pool selects on, pushed by the credential grain whenever it
/// changes. <see cref="Version"/> grows with every push, so the pool ignores stale, reordered updates.
/// </summary>
/// <param name="Descriptor">The credential's identity.</param>
/// <param name="Version">Monotonic version of this summary.</param>
/// <param name="Status">Status after the latest check.</param>
/// <param name="Usable">Whether the status and the logging rule allow using it at all (and it is not disabled).</param>
/// <param name="Disabled">Whether an operator disabled it.</param>
/// <param name="Access">Access per probed family.</param>
/// <param name="LockedUntil">Per-family throttle lockouts still in force.</param>
/// <param name="Usage">Cumulative usage per family.</param>
/// <param name="Models">
/// What Bedrock lists for the credential's region (its Anthropic models and inference profiles), or null when it was
/// not listed (not checked yet, or no permission): then the built-in catalogue routes.
/// </param>
/// <param name="LockKinds">
/// Which quota each lockout in <paramref name="LockedUntil"/> is for, where it is not a per-minute one (only
/// <see cref="ThrottleKind.DailyQuota"/> today); null or absent means per-minute.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.CredentialSummary")]
public sealed record CredentialSummary(
    [property: Id(0)] CredentialDescriptor Descriptor,
    [property: Id(1)] long Version,
    [property: Id(2)] CredentialStatus Status,
    [property: Id(3)] bool Usable,
    [property: Id(4)] bool Disabled,
    [property: Id(5)] IReadOnlyDictionary<string, FamilyAccess> Access,
    [property: Id(6)] IReadOnlyDictionary<string, DateTimeOffset> LockedUntil,
    [property: Id(7)] IReadOnlyDictionary<string, FamilyUsage> Usage,
    [property: Id(8)] Models.ModelListing? Models = null,
    [property: Id(9)] IReadOnlyDictionary<string, ThrottleKind>? LockKinds = null);
