namespace OrleansProxy.Credentials;

/// <summary>Where a credential stands after its latest check. Throttling is a separate, per-family overlay.</summary>
public enum CredentialStatus
{
    /// <summary>Not checked yet (or its check could not finish); never used.</summary>
    Unchecked,

    /// <summary>Logging is conclusively off and at least one model family is reachable.</summary>
    Active,

    /// <summary>Model invocation logging delivers prompts somewhere: used only with <c>ALLOW_AWS_LOGGING</c>.</summary>
    LoggingEnabled,

    /// <summary>The logging status could not be read (no permission): used only with <c>ALLOW_AWS_LOGGING</c>.</summary>
    LoggingUnknown,

    /// <summary>AWS does not recognise the key or its signature: never used again until rechecked.</summary>
    Revoked,

    /// <summary>The key works but reaches no Claude model in its region.</summary>
    NoAccess,
}
