namespace OrleansProxy.Pool;

/// <summary>
/// Leases handed out and not yet released. A gateway that dies never reports back, so every lease has an expiry
/// after which it stops counting as in flight.
/// </summary>
public sealed class LeaseBook
{
    private readonly Dictionary<Guid, (string CredentialId, DateTimeOffset ExpiresAt)> _open = [];
    private readonly PriorityQueue<Guid, DateTimeOffset> _byExpiry = new();

    /// <summary>Leases currently open.</summary>
    public int Count => _open.Count;

    /// <summary>Records a lease.</summary>
    public void Add(Lease lease)
    {
        _open[lease.LeaseId] = (lease.CredentialId, lease.ExpiresAt);
        _byExpiry.Enqueue(lease.LeaseId, lease.ExpiresAt);
    }

    /// <summary>Closes a lease; false when it was unknown, already closed or expired.</summary>
    public bool TryRelease(Guid leaseId, out string credentialId)
    {
        if (_open.Remove(leaseId, out var lease))
        {
            credentialId = lease.CredentialId;
            return true;
        }

        credentialId = "";
        return false;
    }

    /// <summary>Closes every lease past its expiry and returns their credentials (one item per lease).</summary>
    public List<string> Expire(DateTimeOffset now)
    {
        var expired = new List<string>();
        while (_byExpiry.TryPeek(out var leaseId, out var expiresAt) && expiresAt <= now)
        {
            _byExpiry.Dequeue();
            if (_open.Remove(leaseId, out var lease))
            {
                expired.Add(lease.CredentialId);
            }
        }

        return expired;
    }
}
