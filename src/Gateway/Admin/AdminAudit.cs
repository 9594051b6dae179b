namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The audit trail of admin changes: one structured log event per change (EventId 5001 for credentials, 5002 for users), naming who (the admin key's
/// fingerprint and the caller's address, never the key), what (action, credential id, masked access key id, count;
/// for users the user id, never its token) and when.
/// </summary>
public sealed partial class AdminAudit(AdminKey key, TimeProvider time, ILogger<AdminAudit> logger)
{
    /// <summary>Records one change.</summary>
    public void Record(HttpContext http, AdminAction action, string? credentialId, string? maskedAccessKeyId, int count = 1) =>
        LogChange(logger, action, credentialId ?? "-", maskedAccessKeyId ?? "-", count, key.Fingerprint,
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown", time.GetUtcNow());

    /// <summary>Records one change to a user.</summary>
    public void RecordUser(HttpContext http, AdminAction action, string userId) =>
        LogUserChange(logger, action, userId, key.Fingerprint, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", time.GetUtcNow());
}
