namespace OrleansProxy.Testing.FakeBedrock.Behaviour;

/// <summary>
/// Throttling state. Bedrock quotas belong to an AWS account and region, not to a key, so keys that name
/// the same <see cref="FakeAccount.Account"/> in one region share one instance.
/// </summary>
internal sealed class ThrottleQuota
{
    private readonly Lock _gate = new();
    private int _remaining;
    private bool _always;

    public bool Always
    {
        get { lock (_gate) { return _always; } }
        set { lock (_gate) { _always = value; } }
    }

    public int Remaining
    {
        get { lock (_gate) { return _remaining; } }
    }

    public void AddNext(int count)
    {
        lock (_gate)
        {
            _remaining += count;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _remaining = 0;
            _always = false;
        }
    }

    /// <summary>Consumes one throttled answer if one is due.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            if (_always)
            {
                return true;
            }

            if (_remaining <= 0)
            {
                return false;
            }

            _remaining--;
            return true;
        }
    }
}
