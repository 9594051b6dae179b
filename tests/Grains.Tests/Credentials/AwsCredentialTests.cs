using OrleansProxy.Credentials;

namespace OrleansProxy.Credentials.Tests;

public sealed class AwsCredentialTests
{
    [Fact]
    public void Id_IsShortStableAndDependsOnEveryPart()
    {
        var a = new AwsCredential("AKIAIOSFODNN7EXAMPLE", "secret-a", "us-east-1");

        Assert.Equal(12, a.Id.Length);
        Assert.Equal(a.Id, new AwsCredential("AKIAIOSFODNN7EXAMPLE", "secret-a", "us-east-1").Id);
        Assert.NotEqual(a.Id, new AwsCredential("AKIAIOSFODNN7EXAMPLE", "secret-b", "us-east-1").Id);
        Assert.NotEqual(a.Id, new AwsCredential("AKIAIOSFODNN7EXAMPLE", "secret-a", "us-west-2").Id);
    }

    [Fact]
    public void MaskedAccessKeyId_ShowsOnlyFirstAndLastFour()
    {
        var credential = new AwsCredential("AKIAIOSFODNN7EXAMPLE", "secret", "us-east-1");

        Assert.Equal("AKIA…MPLE", credential.MaskedAccessKeyId);
    }

    [Fact]
    public void ToString_NeverShowsTheSecretOrFullKeyId()
    {
        var credential = new AwsCredential("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1");

        var text = credential.ToString();

        Assert.DoesNotContain("wJalr", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", text, StringComparison.Ordinal);
        Assert.Contains("AKIA…MPLE", text, StringComparison.Ordinal);
    }
}
