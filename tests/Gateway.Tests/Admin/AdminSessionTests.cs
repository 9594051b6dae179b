using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Gateway.Admin;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>The admin key's digest and fingerprint, its options' validation, and the session cookie's token.</summary>
public sealed class AdminSessionTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    private static AdminSession Session(string? key, FakeTimeProvider? clock = null)
    {
        var options = Options.Create(new AdminOptions { AdminKey = key });
        return new AdminSession(new AdminKey(options), options, clock ?? Clock);
    }

    [Fact]
    public void Token_IsValidUntilItExpires_AndOnlyForTheKeyThatIssuedIt()
    {
        var clock = new FakeTimeProvider(Clock.GetUtcNow());
        var session = Session("first-admin-key-0123456789", clock);
        var (token, expires) = session.Issue();

        Assert.True(session.IsValid(token));
        Assert.Equal(clock.GetUtcNow().AddHours(12).ToUnixTimeSeconds(), expires.ToUnixTimeSeconds());
        Assert.DoesNotContain("first-admin-key", token, StringComparison.Ordinal);
        Assert.False(Session("other-admin-key-0123456789", clock).IsValid(token));
        Assert.False(Session(null, clock).IsValid(token));
        clock.Advance(TimeSpan.FromHours(12));
        Assert.False(session.IsValid(token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1.")]
    [InlineData(".abcdef")]
    [InlineData("99999999999999999999.00")]
    public void Token_Malformed_IsRefused(string? token) =>
        Assert.False(Session("first-admin-key-0123456789").IsValid(token));

    [Fact]
    public void Token_WithAMovedExpiry_IsRefused()
    {
        var session = Session("first-admin-key-0123456789");
        var (token, _) = session.Issue();
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        var later = (long.Parse(token[..dot], System.Globalization.CultureInfo.InvariantCulture) + 60).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(session.IsValid(later + token[dot..]));
    }

    [Fact]
    public void Key_MatchesOnlyItself_AndIsNamedByItsFingerprint()
    {
        var key = new AdminKey(Options.Create(new AdminOptions { AdminKey = "first-admin-key-0123456789" }));
        var none = new AdminKey(Options.Create(new AdminOptions()));

        Assert.True(key.Matches("first-admin-key-0123456789"));
        Assert.False(key.Matches("first-admin-key-012345678"));
        Assert.False(none.Matches(""));
        Assert.False(none.IsConfigured);
        Assert.Equal(8, key.Fingerprint.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("first-admin-key-0123456789"u8))[..8], key.Fingerprint);
    }

    [Fact]
    public void Options_ShortKeyAndBadLifetime_AreReportedTogether()
    {
        var problems = new AdminOptions { AdminKey = "short", SessionLifetime = TimeSpan.Zero }.Validate().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("ADMIN_KEY", StringComparison.Ordinal));
        Assert.Empty(new AdminOptions().Validate());
    }
}
