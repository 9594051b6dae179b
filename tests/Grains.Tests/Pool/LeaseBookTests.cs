namespace OrleansProxy.Pool.Tests;

public sealed class LeaseBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Expire_ReturnsOnlyLeasesPastTheirExpiryThatWereNeverReleased()
    {
        var book = new LeaseBook();
        var early = new Lease(Guid.NewGuid(), "a", "us-east-1", Now.AddMinutes(1));
        var released = new Lease(Guid.NewGuid(), "b", "us-east-1", Now.AddMinutes(1));
        var late = new Lease(Guid.NewGuid(), "c", "us-east-1", Now.AddMinutes(5));
        book.Add(early, "claude-3-haiku");
        book.Add(released, "claude-3-haiku");
        book.Add(late, "claude-v2");
        Assert.Equal(new Dictionary<string, int> { ["claude-3-haiku"] = 2, ["claude-v2"] = 1 }, book.CountByFamily());

        Assert.True(book.TryRelease(released.LeaseId, out var credential));
        Assert.Equal("b", credential);

        Assert.Equal(["a"], book.Expire(Now.AddMinutes(2)));
        Assert.Equal(1, book.Count);
        Assert.False(book.TryRelease(early.LeaseId, out _));
        Assert.Equal(["c"], book.Expire(Now.AddMinutes(5)));
        Assert.Equal(0, book.Count);
    }

    [Fact]
    public void Renew_MovesTheExpiry_AndTheOldExpiryNoLongerCounts()
    {
        var book = new LeaseBook();
        var lease = new Lease(Guid.NewGuid(), "a", "us-east-1", Now.AddMinutes(2));
        book.Add(lease, "claude-3-haiku");

        Assert.True(book.Renew(lease.LeaseId, Now.AddMinutes(4)));

        Assert.Empty(book.Expire(Now.AddMinutes(3)));
        Assert.Equal(["a"], book.Expire(Now.AddMinutes(4)));
        Assert.False(book.Renew(lease.LeaseId, Now.AddMinutes(9)));
    }
}
