namespace OrleansProxy.Gateway.Admin;

public sealed partial class AdminAudit
{
    /// <summary>The audit event's id, stable so log pipelines can route audit entries.</summary>
    public const int ChangeEventId = 5001;

    [LoggerMessage(EventId = ChangeEventId, EventName = "AdminAudit", Level = LogLevel.Information,
        Message = "Admin audit: {Action} credential {CredentialId} ({MaskedAccessKeyId}), {Count} credential(s), by admin key {AdminKeyFingerprint} from {RemoteAddress} at {At:O}")]
    private static partial void LogChange(ILogger logger, AdminAction action, string credentialId, string maskedAccessKeyId, int count,
        string adminKeyFingerprint, string remoteAddress, DateTimeOffset at);
}
