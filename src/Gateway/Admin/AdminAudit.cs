namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// The audit trail of admin changes: one structured log event (EventId 5001) per change, naming who (the admin key's
/// fingerprint and the caller's address, never the key), what (action, credential id, masked access key id, count)
/// and when.
/// </summary>
public sealed partial class AdminAudit(AdminKey key, TimeProvider time, ILogger<AdminAudit> logger)
{
    /// <summary>Records one change.</summary>
    public void Record(HttpContext http, AdminAction action, string? credentialId, string? maskedAccessKeyId, int count = 1) =>
        LogChange(logger, action, credentialId ?? "-", maskedAccessKeyId ?? "-", count, key.Fingerprint,
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown", time.GetUtcNow());
}
