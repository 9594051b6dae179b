namespace OrleansProxy.Pool;

/// <summary>
/// Leases handed out and not yet released. A gateway that dies never reports back, so every lease has an expiry
/// after which it stops counting as in flight.
/// </summary>
public sealed class LeaseBook
{
    private readonly Dictionary<Guid, (string CredentialId, string Family, DateTimeOffset ExpiresAt)> _open = [];
    private readonly PriorityQueue<Guid, DateTimeOffset> _byExpiry = new();

    /// <summary>Leases currently open.</summary>
    public int Count => _open.Count;

    /// <summary>Records a lease for a model family.</summary>
    public void Add(Lease lease, string family)
    {
        _open[lease.LeaseId] = (lease.CredentialId, family, lease.ExpiresAt);
        _byExpiry.Enqueue(lease.LeaseId, lease.ExpiresAt);
    }

    /// <summary>Moves an open lease's expiry to <paramref name="expiresAt"/>; false when it is not open.</summary>
    public bool Renew(Guid leaseId, DateTimeOffset expiresAt)
    {
        if (!_open.TryGetValue(leaseId, out var lease))
        {
            return false;
        }

        _open[leaseId] = lease with { ExpiresAt = expiresAt };
        _byExpiry.Enqueue(leaseId, expiresAt);
        return true;
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

    /// <summary>Open leases per model family.</summary>
    public Dictionary<string, int> CountByFamily()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var lease in _open.Values)
        {
            counts[lease.Family] = counts.GetValueOrDefault(lease.Family) + 1;
        }

        return counts;
    }

    /// <summary>Closes every lease past its expiry and returns their credentials (one item per lease).</summary>
    public List<string> Expire(DateTimeOffset now)
    {
        var expired = new List<string>();
        while (_byExpiry.TryPeek(out var leaseId, out var expiresAt) && expiresAt <= now)
        {
            _byExpiry.Dequeue();
            // A renewed lease left its earlier expiry in the queue: only its current one counts.
            if (_open.TryGetValue(leaseId, out var lease) && lease.ExpiresAt <= now)
            {
                _open.Remove(leaseId);
                expired.Add(lease.CredentialId);
            }
        }

        return expired;
    }
}
