namespace OrleansProxy.Pool;

/// <summary>Why the pool has no credential for a request right now.</summary>
public enum NoCredentialReason
{
    /// <summary>A credential was leased.</summary>
    None,

    /// <summary>Usable credentials exist but every one is throttled for the family: wait and retry.</summary>
    AllThrottled,

    /// <summary>Candidates exist but their checks have not finished yet: wait and retry.</summary>
    StillChecking,

    /// <summary>No credential is configured at all.</summary>
    NoneConfigured,

    /// <summary>No credential can reach the model (access, region or cross-region geography).</summary>
    NoneWithAccess,

    /// <summary>Every candidate is revoked.</summary>
    AllRevoked,

    /// <summary>Every candidate has logging on or unknown, and <c>ALLOW_AWS_LOGGING</c> is off.</summary>
    AllLogged,

    /// <summary>Every candidate was disabled by an operator.</summary>
    AllDisabled,

    /// <summary>The model id is not in the catalogue.</summary>
    UnknownModel,
}
