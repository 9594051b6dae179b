namespace OrleansProxy.Credentials;

/// <summary>What the access probe proved for one model family in the credential's region.</summary>
public enum FamilyAccess
{
    /// <summary>Not probed yet, or the probe was throttled or failed.</summary>
    Unknown,

    /// <summary>Bedrock validated the probe's body: the key can call the model.</summary>
    Granted,

    /// <summary>Bedrock said the key has no access to the model.</summary>
    Denied,

    /// <summary>The model is not offered in the credential's region.</summary>
    NotInRegion,
}
