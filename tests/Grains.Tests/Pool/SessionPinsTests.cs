namespace OrleansProxy.Pool.Tests;

public sealed class SessionPinsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Short = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);

    [Fact]
    public void Touch_KnownPin_ReturnsTheSamePinAndSlidesItsLifetime()
    {
        var pins = new SessionPins(10);
        var pin = pins.Touch(1, Short, Now);
        pin.CredentialId = "c-1";

        Assert.Same(pin, pins.Touch(1, Short, Now.AddMinutes(4)));
        // Seen at +4 min, so alive until +9 min.
        Assert.Same(pin, pins.Find(1, Now.AddMinutes(8)));
        Assert.Null(pins.Find(1, Now.AddMinutes(9)));
    }

    [Fact]
    public void Touch_ExpiredPin_StartsOver()
    {
        var pins = new SessionPins(10);
        pins.Touch(1, Short, Now).CredentialId = "c-1";

        var again = pins.Touch(1, Short, Now.AddMinutes(5));

        Assert.Null(again.CredentialId);
        Assert.Equal(1, pins.Count);
    }

    [Fact]
    public void LongTtl_OutlivesShortOnes_AndIsNeverShortenedByALaterRequest()
    {
        var pins = new SessionPins(10);
        pins.Touch(1, Long, Now);
        pins.Touch(2, Short, Now);
        pins.Touch(1, Short, Now.AddMinutes(1));

        Assert.Equal(1, pins.ExpireOld(Now.AddMinutes(30)));
        Assert.NotNull(pins.Find(1, Now.AddMinutes(60)));
        Assert.Null(pins.Find(1, Now.AddMinutes(61)));
        Assert.Null(pins.Find(2, Now.AddMinutes(30)));
    }

    [Fact]
    public void Full_EvictsTheLeastRecentlySeen()
    {
        var pins = new SessionPins(3);
        pins.Touch(1, Short, Now);
        pins.Touch(2, Long, Now.AddSeconds(1));
        pins.Touch(3, Short, Now.AddSeconds(2));
        pins.Touch(1, Short, Now.AddSeconds(3)); // 1 is now the most recent

        pins.Touch(4, Short, Now.AddSeconds(4));

        Assert.Equal(3, pins.Count);
        Assert.Equal(1, pins.Evicted);
        Assert.Null(pins.Find(2, Now.AddSeconds(4)));
        Assert.NotNull(pins.Find(1, Now.AddSeconds(4)));
        Assert.NotNull(pins.Find(3, Now.AddSeconds(4)));
        Assert.NotNull(pins.Find(4, Now.AddSeconds(4)));
    }

    [Fact]
    public void Full_ExpiredPinsMakeRoomBeforeAnyLiveOneIsEvicted()
    {
        var pins = new SessionPins(2);
        pins.Touch(1, Long, Now);
        pins.Touch(2, Short, Now.AddMinutes(1));

        pins.Touch(3, Short, Now.AddMinutes(7));

        Assert.Equal(0, pins.Evicted);
        Assert.NotNull(pins.Find(1, Now.AddMinutes(7)));
        Assert.NotNull(pins.Find(3, Now.AddMinutes(7)));
    }

    [Fact]
    public void ExpireOld_DropsOnlyExpiredPins()
    {
        var pins = new SessionPins(100);
        for (var i = 0; i < 10; i++)
        {
            pins.Touch((UInt128)i, Short, Now.AddSeconds(20 * i));
        }

        // Seen at 0, 20 and 40 s: expired 5 min later; the one seen at 60 s is not yet.
        var at = Now + Short + TimeSpan.FromSeconds(50);
        Assert.Equal(3, pins.ExpireOld(at));
        Assert.Equal(7, pins.Count);
        Assert.Equal(0, pins.ExpireOld(at));
    }

    [Fact]
    public void Capacity_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionPins(0));
    }
}
