namespace OrleansProxy.Credentials;

/// <summary>How one upstream call ended, from the credential's point of view.</summary>
public enum OutcomeKind
{
    /// <summary>Bedrock answered; tokens were (or may have been) billed.</summary>
    Success,

    /// <summary><c>ThrottlingException</c>: the account's quota for the family is exhausted for now.</summary>
    Throttled,

    /// <summary><c>AccessDeniedException</c> about the model: the key has no access to the family.</summary>
    AccessDenied,

    /// <summary>Unrecognized client, bad signature or expired token: the key is dead.</summary>
    Revoked,

    /// <summary>The client's request was invalid; not the key's fault.</summary>
    ClientError,

    /// <summary>A server-side or transport failure (5xx, timeout, model error); retried elsewhere.</summary>
    UpstreamError,

    /// <summary>The client went away before the answer finished.</summary>
    Cancelled,
}
