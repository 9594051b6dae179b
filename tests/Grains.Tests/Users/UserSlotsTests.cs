namespace OrleansProxy.Users.Tests;

public sealed class UserSlotsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(90);

    [Fact]
    public void Slots_Expire_AndGiveBackTheirReservation()
    {
        var slots = new UserSlots();
        slots.Take(Guid.NewGuid(), 1000, T0, Ttl);
        slots.Take(Guid.NewGuid(), 500, T0.AddSeconds(30), Ttl);

        Assert.Equal(2, slots.Count(T0.AddSeconds(89)));
        Assert.Equal(1500, slots.Reserved(T0.AddSeconds(89)));
        Assert.Equal(1, slots.Count(T0.AddSeconds(90)));
        Assert.Equal(500, slots.Reserved(T0.AddSeconds(90)));
        Assert.Equal(0, slots.Count(T0.AddSeconds(120)));
        Assert.Equal(0, slots.Reserved(T0.AddSeconds(120)));
    }

    [Fact]
    public void Renew_ExtendsByTheSlotsOwnLifetime_OnlyWhileLive()
    {
        var slots = new UserSlots();
        var id = Guid.NewGuid();
        slots.Take(id, 0, T0, Ttl);

        Assert.True(slots.Renew(id, T0.AddSeconds(60)));
        Assert.Equal(1, slots.Count(T0.AddSeconds(149)));
        Assert.Equal(0, slots.Count(T0.AddSeconds(150)));
        Assert.False(slots.Renew(id, T0.AddSeconds(151)));
    }

    [Fact]
    public void Release_IsOnce()
    {
        var slots = new UserSlots();
        var id = Guid.NewGuid();
        slots.Take(id, 100, T0, Ttl);

        Assert.True(slots.Release(id));
        Assert.False(slots.Release(id));
        Assert.Equal(0, slots.Reserved(T0));
    }

    [Fact]
    public void ExportThenImport_KeepsLiveSlotsWithTheirExpiryAndReservation()
    {
        var slots = new UserSlots();
        var early = Guid.NewGuid();
        var late = Guid.NewGuid();
        slots.Take(early, 1000, T0, Ttl);
        slots.Take(late, 500, T0.AddSeconds(30), Ttl);

        var written = slots.Export(T0.AddSeconds(40));
        // Read back after the first slot's expiry: only the second comes back, still renewable and releasable.
        var restored = new UserSlots();
        restored.Import(written, T0.AddSeconds(95));

        Assert.Equal(2, written.Count);
        Assert.Equal(1, restored.Count(T0.AddSeconds(95)));
        Assert.Equal(500, restored.Reserved(T0.AddSeconds(95)));
        Assert.False(restored.Contains(early));
        Assert.True(restored.Renew(late, T0.AddSeconds(100)));
        Assert.Equal(1, restored.Count(T0.AddSeconds(189)));
        Assert.True(restored.Release(late));
        Assert.Equal(0, restored.Reserved(T0.AddSeconds(189)));
    }
}
