namespace OrleansProxy.Credentials;

/// <summary>
/// One AWS credential. The only owner of its health, logging, access, throttle and usage state, and the only
/// place its secret is used. Keyed by the credential's hash id.
/// </summary>
[Alias("OrleansProxy.ICredentialGrain")]
public interface ICredentialGrain : IGrainWithStringKey
{
    /// <summary>Records the credential's identity (idempotent) and makes sure its checks are scheduled.</summary>
    [Alias("Initialize")]
    Task InitializeAsync(CredentialDescriptor descriptor);

    /// <summary>
    /// Takes a credential added at run time: the silo encrypts the secret (AES-GCM, <c>CREDENTIAL_ENCRYPTION_KEY</c>)
    /// into grain storage and refuses when no key is configured. The secret is never returned.
    /// </summary>
    [Alias("InitializeRuntime")]
    Task InitializeRuntimeAsync(CredentialDescriptor descriptor, string accessKeyId, string secretAccessKey);

    /// <summary>Signs a request description with SigV4 and returns only the headers to add.</summary>
    [Alias("Sign")]
    Task<SignedHeaders> SignAsync(SigningRequest request);

    /// <summary>Takes a gateway's report of how a leased call ended and updates state and the pool.</summary>
    [Alias("Report")]
    Task ReportAsync(RequestOutcome outcome);

    /// <summary>
    /// Takes several reports at once (a gateway batches the reports of finished answers while its previous batch
    /// to this credential is on its way): one state write and one message to the pool for all of them. Each
    /// outcome counts once per lease, as with <see cref="ReportAsync"/>.
    /// </summary>
    [Alias("ReportBatch")]
    Task ReportBatchAsync(IReadOnlyList<RequestOutcome> outcomes);

    /// <summary>Returns the credential's full state for dashboards.</summary>
    [Alias("GetSnapshot"), ReadOnly]
    Task<CredentialSnapshot> GetSnapshotAsync();

    /// <summary>Runs the logging and access checks now and returns the resulting state.</summary>
    [Alias("Recheck")]
    Task<CredentialSnapshot> RecheckAsync();

    /// <summary>Pushes the credential's summary to the key pool (used when the pool rebuilds its view).</summary>
    [Alias("Publish"), OneWay]
    Task PublishAsync();

    /// <summary>Disables or re-enables the credential by operator decision.</summary>
    [Alias("SetDisabled")]
    Task<CredentialSnapshot> SetDisabledAsync(bool disabled, string? reason);

    /// <summary>Retires the credential: it is never used again and its checks stop.</summary>
    [Alias("Retire")]
    Task RetireAsync();
}
