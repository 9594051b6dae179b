using OrleansProxy.Credentials;

namespace OrleansProxy.Credentials.Tests;

public sealed class RecentSetTests
{
    [Fact]
    public void Add_RecognisesRecentIds_AndForgetsTheOldestPastCapacity()
    {
        var set = new RecentSet(2);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        Assert.True(set.Add(a));
        Assert.False(set.Add(a));
        Assert.True(set.Add(b));
        Assert.True(set.Add(c));
        Assert.True(set.Add(a));
        Assert.False(set.Add(c));
    }
}
