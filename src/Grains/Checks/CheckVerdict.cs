namespace OrleansProxy.Checks;

/// <summary>Whether a single check call settled anything.</summary>
public enum CheckVerdict
{
    /// <summary>The answer was conclusive.</summary>
    Conclusive,

    /// <summary>The key is dead (unrecognised client, bad signature, expired token).</summary>
    Revoked,

    /// <summary>Throttled: not the key's failure; check again later.</summary>
    Throttled,

    /// <summary>A network or server problem: check again later.</summary>
    Transient,
}
