namespace OrleansProxy.Users;

/// <summary>
/// One user: the single owner, cluster-wide, of its settings, its token's hash, its limits' windows, its
/// concurrency slots and its usage. Keyed by the user id.
/// </summary>
[Alias("OrleansProxy.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user with its token's hash and registers both in the directory and the index.</summary>
    [Alias("Create")]
    Task<UserView> CreateAsync(UserSpec spec, string tokenHash);

    /// <summary>The user, or null when it does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<UserView?> GetAsync();

    /// <summary>The user if <paramref name="tokenHash"/> is its current token's, else null (for <c>/me</c>).</summary>
    [Alias("GetSelf"), ReadOnly]
    Task<UserView?> GetSelfAsync(string tokenHash);

    /// <summary>Replaces what an operator set; null when the user does not exist.</summary>
    [Alias("Update")]
    Task<UserView?> UpdateAsync(UserSpec spec);

    /// <summary>Disables (with a reason) or enables the user; null when it does not exist.</summary>
    [Alias("SetDisabled")]
    Task<UserView?> SetDisabledAsync(bool disabled, string? reason);

    /// <summary>Replaces the token's hash: the old token stops working at once; null when the user does not exist.</summary>
    [Alias("Rotate")]
    Task<UserView?> RotateAsync(string newTokenHash);

    /// <summary>Deletes the user, its token and its usage; false when it did not exist.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();

    /// <summary>Admits one request (taking a slot and counting it against the limits) or says why not.</summary>
    [Alias("Admit")]
    Task<Admission> AdmitAsync(AdmissionRequest request);

    /// <summary>Extends a slot whose answer is still streaming; false when it is unknown (expired or released).</summary>
    [Alias("Renew")]
    Task<bool> RenewAsync(Guid slotId);

    /// <summary>Ends requests: frees their slots and counts what Bedrock billed (idempotent per slot).</summary>
    [Alias("Release")]
    Task ReleaseAsync(IReadOnlyList<SlotRelease> releases);

    /// <summary>Per-day usage per family from <paramref name="from"/> to <paramref name="to"/> (UTC days, inclusive).</summary>
    [Alias("GetUsage"), ReadOnly]
    Task<IReadOnlyList<DailyUsage>> GetUsageAsync(DateOnly from, DateOnly to);
}
