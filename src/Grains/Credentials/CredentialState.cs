namespace OrleansProxy.Credentials;

/// <summary>A credential grain's persisted state. Counters only grow; revocation and disabling stick.</summary>
[GenerateSerializer, Alias("OrleansProxy.CredentialState")]
public sealed class CredentialState
{
    /// <summary>The credential's identity, once initialised.</summary>
    [Id(0)] public CredentialDescriptor? Descriptor { get; set; }

    /// <summary>What the latest logging check proved.</summary>
    [Id(1)] public LoggingCheck Logging { get; set; }

    /// <summary>When the logging status was last read conclusively.</summary>
    [Id(2)] public DateTimeOffset? LoggingCheckedAt { get; set; }

    /// <summary>Human description of the logging status.</summary>
    [Id(3)] public string LoggingDetail { get; set; } = "not checked yet";

    /// <summary>Whether AWS rejected the key itself.</summary>
    [Id(4)] public bool Revoked { get; set; }

    /// <summary>Why the key counts as revoked.</summary>
    [Id(5)] public string? RevokedReason { get; set; }

    /// <summary>Per model family state.</summary>
    [Id(6)] public Dictionary<string, FamilyState> Families { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When a gateway last reported a call.</summary>
    [Id(7)] public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>The latest error, sanitised.</summary>
    [Id(8)] public CredentialError? LastError { get; set; }

    /// <summary>When the latest check finished.</summary>
    [Id(9)] public DateTimeOffset? LastCheckAt { get; set; }

    /// <summary>When the next periodic check is due.</summary>
    [Id(10)] public DateTimeOffset? NextCheckAt { get; set; }

    /// <summary>Operator switch.</summary>
    [Id(11)] public bool Disabled { get; set; }

    /// <summary>Why the operator disabled it.</summary>
    [Id(12)] public string? DisabledReason { get; set; }

    /// <summary>Retired credentials are never used or checked again.</summary>
    [Id(13)] public bool Retired { get; set; }

    /// <summary>Version of the latest summary pushed to the pool.</summary>
    [Id(14)] public long SummaryVersion { get; set; }

    /// <summary>For runtime-added credentials: the secret, AES-GCM encrypted (never in clear text).</summary>
    [Id(15)] public byte[]? EncryptedSecret { get; set; }

    /// <summary>For runtime-added credentials: the access key id (not secret, but kept beside its secret).</summary>
    [Id(16)] public string? AccessKeyId { get; set; }

    /// <summary>What Bedrock lists for the credential's region (models, inference profiles), from the latest check that could list.</summary>
    [Id(17)] public Models.ModelListing? Listing { get; set; }

    /// <summary>How the latest listing went (how many models, or which permission is missing).</summary>
    [Id(18)] public string? ListingDetail { get; set; }

    /// <summary>The state of <paramref name="family"/>, created on first use.</summary>
    public FamilyState Family(string family)
    {
        if (!Families.TryGetValue(family, out var state))
        {
            state = new FamilyState();
            Families[family] = state;
        }

        return state;
    }
}
