using OrleansProxy.Gateway.Errors;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Tests.Forwarding;

public sealed class NoCredentialErrorsTests
{
    private static LeaseAttempt NoLease(NoCredentialReason reason, TimeSpan retryAfter = default, bool queueFull = false) =>
        new(null, reason, queueFull, TimeSpan.FromSeconds(2), retryAfter);

    [Theory]
    [InlineData(NoCredentialReason.NoneConfigured, 503, "api_error", "no AWS credentials configured")]
    [InlineData(NoCredentialReason.AllRevoked, 503, "api_error", "revoked")]
    [InlineData(NoCredentialReason.AllLogged, 503, "api_error", "ALLOW_AWS_LOGGING is off")]
    [InlineData(NoCredentialReason.AllDisabled, 503, "api_error", "disabled by an operator")]
    public void NothingUsable_503SaysWhy_AndThatRetryingWillNotHelp(NoCredentialReason reason, int status, string type, string why)
    {
        var error = NoCredentialErrors.For(NoLease(reason), "claude-3-haiku-20240307");

        Assert.Equal((status, type), (error.StatusCode, error.Type));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.True(error.Permanent);
        Assert.Null(NoCredentialErrors.RetryAfter(error, NoLease(reason)));
    }

    [Fact]
    public void AllThrottled_429_RetryAfterIsThePoolsEstimate()
    {
        var attempt = NoLease(NoCredentialReason.AllThrottled, TimeSpan.FromSeconds(7.2));

        var error = NoCredentialErrors.For(attempt, "claude-3-haiku-20240307");

        Assert.Equal((429, ErrorTypes.RateLimit), (error.StatusCode, error.Type));
        Assert.False(error.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(7.2), NoCredentialErrors.RetryAfter(error, attempt));
    }

    [Theory]
    [InlineData(NoCredentialReason.AllThrottled, true, 429)]
    [InlineData(NoCredentialReason.StillChecking, false, 529)]
    public void ShortOrNoEstimate_RetryAfterOneSecond(NoCredentialReason reason, bool queueFull, int status)
    {
        var attempt = NoLease(reason, TimeSpan.FromMilliseconds(200), queueFull);

        var error = NoCredentialErrors.For(attempt, "claude-3-haiku-20240307");

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), NoCredentialErrors.RetryAfter(error, attempt));
    }

    [Theory]
    [InlineData(NoCredentialReason.UnknownModel)]
    [InlineData(NoCredentialReason.NoneWithAccess)]
    public void ModelNotServed_404NamesTheModel_NoRetryAfter(NoCredentialReason reason)
    {
        var error = NoCredentialErrors.For(NoLease(reason), "claude-9-imaginary");

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("claude-9-imaginary", error.Message, StringComparison.Ordinal);
        Assert.Null(NoCredentialErrors.RetryAfter(error, NoLease(reason)));
    }
}
