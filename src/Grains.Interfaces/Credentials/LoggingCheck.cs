namespace OrleansProxy.Credentials;

/// <summary>What the latest <c>GetModelInvocationLoggingConfiguration</c> call proved.</summary>
public enum LoggingCheck
{
    /// <summary>Not asked yet.</summary>
    NotChecked,

    /// <summary>Conclusively off: no configuration, or text delivery disabled.</summary>
    Off,

    /// <summary>Prompts are delivered to a log destination.</summary>
    On,

    /// <summary>The key may not read the configuration, or the answer was not conclusive.</summary>
    Unknown,
}
