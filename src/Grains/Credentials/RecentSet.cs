namespace OrleansProxy.Credentials;

/// <summary>The last <c>capacity</c> ids seen, oldest forgotten first: enough to recognise a retried report.</summary>
public sealed class RecentSet(int capacity)
{
    private readonly HashSet<Guid> _set = [];
    private readonly Queue<Guid> _order = new();

    /// <summary>Adds an id; false when it was already among the recent ones.</summary>
    public bool Add(Guid id)
    {
        if (!_set.Add(id))
        {
            return false;
        }

        _order.Enqueue(id);
        if (_order.Count > capacity)
        {
            _set.Remove(_order.Dequeue());
        }

        return true;
    }
}
