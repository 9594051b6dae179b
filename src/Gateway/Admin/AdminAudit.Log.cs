namespace OrleansProxy.Gateway.Admin;

public sealed partial class AdminAudit
{
    /// <summary>The audit event's id, stable so log pipelines can route audit entries.</summary>
    public const int ChangeEventId = 5001;

    [LoggerMessage(EventId = ChangeEventId, EventName = "AdminAudit", Level = LogLevel.Information,
        Message = "Admin audit: {Action} credential {CredentialId} ({MaskedAccessKeyId}), {Count} credential(s), by admin key {AdminKeyFingerprint} from {RemoteAddress} at {At:O}")]
    private static partial void LogChange(ILogger logger, AdminAction action, string credentialId, string maskedAccessKeyId, int count,
        string adminKeyFingerprint, string remoteAddress, DateTimeOffset at);

    /// <summary>The audit event of a change to a user (its own id: the fields differ from a credential change's).</summary>
    public const int UserChangeEventId = 5002;

    [LoggerMessage(EventId = UserChangeEventId, EventName = "AdminUserAudit", Level = LogLevel.Information,
        Message = "Admin audit: {Action} user {UserId}, by admin key {AdminKeyFingerprint} from {RemoteAddress} at {At:O}")]
    private static partial void LogUserChange(ILogger logger, AdminAction action, string userId,
        string adminKeyFingerprint, string remoteAddress, DateTimeOffset at);
}
