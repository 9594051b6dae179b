using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Behaviour;

public sealed class AccessKeyIdsTests
{
    [Theory]
    [InlineData("ASIAY34FZKBOKMUTVV7A", "609629065308")] // the published example of the format (a temporary key)
    [InlineData("AKIAIOSFODNN7EXAMPLE", null)]           // AWS's documentation key: an older generation, no account inside
    [InlineData("AKIAFAKEUSEAST1", null)]                // too short
    [InlineData("AKIA0000000000000000", null)]           // 0 and 1 are not base32
    [InlineData("ABIAY34FZKBOKMUTVV7A", null)]           // not an access key id prefix
    public void AccountOf_ReadsTheAccountOfCurrentGenerationIdsOnly(string keyId, string? account) =>
        Assert.Equal(account, AccessKeyIds.AccountOf(keyId));

    [Theory]
    [InlineData("000000000001")]
    [InlineData("111122223333")]
    [InlineData("999999999999")]
    public void ForAccount_MintsTwentyCharacterIdsThatReadBackAsTheAccount(string account)
    {
        var first = AccessKeyIds.ForAccount(account, 1);
        var second = AccessKeyIds.ForAccount(account, 2);

        Assert.Matches("^AKIA[A-Z2-7]{16}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(account, AccessKeyIds.AccountOf(first));
        Assert.Equal(account, AccessKeyIds.AccountOf(second));
    }
}
