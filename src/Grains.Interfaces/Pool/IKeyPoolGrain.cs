using OrleansProxy.Credentials;

namespace OrleansProxy.Pool;

/// <summary>
/// The cluster's single view of which credential to use next. Credential grains push their summaries here;
/// gateways ask for leases. Keyed by <see cref="DefaultKey"/>.
/// </summary>
[Alias("OrleansProxy.IKeyPoolGrain")]
public interface IKeyPoolGrain : IGrainWithStringKey
{
    /// <summary>The key of the one pool the proxy uses.</summary>
    public const string DefaultKey = "default";

    /// <summary>
    /// Registers credentials (idempotent). With <paramref name="replaceEnvironmentSet"/>, environment-sourced
    /// credentials absent from the list are retired.
    /// </summary>
    [Alias("Register")]
    Task<RegistrationResult> RegisterAsync(IReadOnlyList<CredentialDescriptor> credentials, bool replaceEnvironmentSet);

    /// <summary>Leases the best credential for a model, or says why none is available and when to retry.</summary>
    [Alias("Acquire")]
    Task<LeaseResult> AcquireAsync(LeaseRequest request);

    /// <summary>
    /// A CountTokens call with the credential was throttled: keeps it out of CountTokens picks for a backoff, without
    /// touching its invoke lockouts (CountTokens has its own quota; a burst of counts must not lock out real traffic).
    /// </summary>
    [Alias("CountTokensThrottled"), OneWay]
    Task CountTokensThrottledAsync(string credentialId);

    /// <summary>
    /// Extends a lease still in use (a long answer) by another lease lifetime; false when it is unknown or expired.
    /// </summary>
    [Alias("Renew")]
    Task<bool> RenewAsync(Guid leaseId);

    /// <summary>Ends a lease (sent by the credential grain once the gateway reported).</summary>
    [Alias("Release"), OneWay]
    Task ReleaseAsync(LeaseRelease release);

    /// <summary>Ends several leases of one credential at once (see <see cref="ReleaseAsync"/>).</summary>
    [Alias("ReleaseBatch"), OneWay]
    Task ReleaseBatchAsync(IReadOnlyList<LeaseRelease> releases);

    /// <summary>Takes a credential's new summary; older versions are ignored.</summary>
    [Alias("Update"), OneWay]
    Task UpdateAsync(CredentialSummary summary);

    /// <summary>Removes a credential from selection for good.</summary>
    [Alias("Retire")]
    Task<bool> RetireAsync(string credentialId);

    /// <summary>Counts by status and family, usage totals, in-flight leases.</summary>
    [Alias("GetSnapshot"), ReadOnly]
    Task<PoolSnapshot> GetSnapshotAsync();

    /// <summary>
    /// The models the pool can serve now (catalogue and Bedrock-listed), newest first, with their routes: for
    /// <c>GET /v1/models</c> and the Bedrock front door's listings.
    /// </summary>
    [Alias("GetModels"), ReadOnly]
    Task<IReadOnlyList<Models.ServableModel>> GetModelsAsync();

    /// <summary>A filtered page of registered credentials, from the pool's view (status, region, family access).</summary>
    [Alias("Query"), ReadOnly]
    Task<CredentialPage> QueryAsync(CredentialQuery query);

    /// <summary>Every registered (not retired) credential's identity, in registration order.</summary>
    [Alias("GetCredentials"), ReadOnly]
    Task<IReadOnlyList<CredentialDescriptor>> GetCredentialsAsync();
}
