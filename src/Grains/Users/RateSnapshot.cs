namespace OrleansProxy.Users;

/// <summary>
/// A user's minute window and live slots as last written with its usage, so a new activation after a silo failover
/// goes on counting the same minute and the same requests in flight instead of starting from zero.
/// </summary>
/// <param name="Seconds">The window's non-empty seconds of the last minute.</param>
/// <param name="Slots">The slots that were live.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.RateSnapshot")]
public sealed record RateSnapshot(
    [property: Id(0)] IReadOnlyList<WindowSecond> Seconds,
    [property: Id(1)] IReadOnlyList<SlotSnapshot> Slots);

/// <summary>One second of a <see cref="MinuteWindow"/>.</summary>
/// <param name="Second">Unix time, in seconds.</param>
/// <param name="Requests">Requests admitted in that second.</param>
/// <param name="Tokens">Tokens counted in that second.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.WindowSecond")]
public readonly record struct WindowSecond(
    [property: Id(0)] long Second,
    [property: Id(1)] int Requests,
    [property: Id(2)] long Tokens);

/// <summary>One live slot of <see cref="UserSlots"/>.</summary>
/// <param name="Id">The slot's id (the gateway renews and releases it by this).</param>
/// <param name="Expires">When it ends unless renewed.</param>
/// <param name="ReservedTokens">The <c>max_tokens</c> it holds against the tokens-per-minute limit.</param>
/// <param name="Ttl">How far a renewal extends it.</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.SlotSnapshot")]
public readonly record struct SlotSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset Expires,
    [property: Id(2)] long ReservedTokens,
    [property: Id(3)] TimeSpan Ttl);
