using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Credentials.Tests;

public sealed class AwsAccountIdsTests
{
    [Theory]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")] // the published example of the format
    [InlineData("AKIAIOSFODNN7EXAMPLE", null)]           // AWS's documentation key: older generation, no account
    [InlineData("AKIAGATEWAYTEST00001", null)]           // 0 and 1 are not base32
    [InlineData("AKIAY34FZKBOKMUTVV7", null)]            // 19 characters
    [InlineData("AGPAY34FZKBOKMUTVV7A", null)]           // a group id, not an access key
    [InlineData("akiay34fzkbokmutvv7a", null)]           // key ids are upper case
    public void TryDecode_ReadsTheAccountOfCurrentGenerationKeyIdsOnly(string keyId, string? account) =>
        Assert.Equal(account, AwsAccountIds.TryDecode(keyId));

    [Fact]
    public void TryDecode_AgreesWithTheFakeBedrocksMintedIds()
    {
        foreach (var account in new[] { "000000000001", "123456789012", "999999999999" })
        {
            Assert.Equal(account, AwsAccountIds.TryDecode(AccessKeyIds.ForAccount(account, 7)));
        }
    }

    [Fact]
    public void QuotaGroup_SameForKeysOfOneAccount_DiffersAcrossAccounts_NeverShowsTheAccount()
    {
        var first = AwsAccountIds.QuotaGroup(AccessKeyIds.ForAccount("111122223333", 1));
        var second = AwsAccountIds.QuotaGroup(AccessKeyIds.ForAccount("111122223333", 2));
        var other = AwsAccountIds.QuotaGroup(AccessKeyIds.ForAccount("444455556666", 1));

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.DoesNotContain("3333", first, StringComparison.Ordinal);
        Assert.Null(AwsAccountIds.QuotaGroup("AKIAIOSFODNN7EXAMPLE"));
    }

    [Fact]
    public void Descriptor_CarriesTheQuotaGroup()
    {
        var keyId = AccessKeyIds.ForAccount("111122223333", 1);
        var credential = new AwsCredential(keyId, "secret/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1");

        var descriptor = credential.ToDescriptor(CredentialSource.Environment);

        Assert.Equal(AwsAccountIds.QuotaGroup(keyId), descriptor.QuotaGroup);
        Assert.DoesNotContain(keyId, descriptor.ToString(), StringComparison.Ordinal);
    }
}
