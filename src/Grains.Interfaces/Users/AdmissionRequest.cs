namespace OrleansProxy.Users;

/// <summary>A gateway asks a user grain to let one request through.</summary>
/// <param name="TokenHash">SHA-256 of the presented token (hex): the grain checks it is the user's current token.</param>
/// <param name="Family">The requested model's family; null for calls that name no model (the model list, /me).</param>
/// <param name="SlotId">
/// The request's concurrency slot, Guid.Empty for a check that takes no slot and counts against no limit
/// (count_tokens, the model list): those are free, and clients send them in bursts.
/// </param>
/// <param name="ReserveTokens">The request's <c>max_tokens</c>, held against the tokens-per-minute limit until it ends.</param>
/// <param name="SlotTtl">How long the slot lives unless renewed or released (a dead gateway's slot ends on its own).</param>
/// <param name="Releases">
/// Ends of this user's earlier requests the gateway had not sent yet: applied first (as <c>ReleaseAsync</c> would),
/// so a user with steady traffic costs one grain call per request, not two.
/// </param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.AdmissionRequest")]
public sealed record AdmissionRequest(
    [property: Id(0)] string TokenHash,
    [property: Id(1)] string? Family,
    [property: Id(2)] Guid SlotId,
    [property: Id(3)] long ReserveTokens,
    [property: Id(4)] TimeSpan SlotTtl,
    [property: Id(5)] IReadOnlyList<SlotRelease>? Releases = null)
{
    /// <summary>A check of the token and family only.</summary>
    public static AdmissionRequest Check(string tokenHash, string? family) => new(tokenHash, family, Guid.Empty, 0, TimeSpan.Zero);
}
