using OrleansProxy.Credentials;

namespace OrleansProxy.Credentials.Tests;

public sealed class AwsCredentialsParserTests
{
    private const string Secret1 = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Secret2 = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NothingConfigured_ReturnsNoCredentials(string? value) =>
        Assert.Empty(AwsCredentialsParser.Parse(value));

    [Fact]
    public void Parse_SeedExample_ReturnsBothCredentialsInOrder()
    {
        var credentials = AwsCredentialsParser.Parse(
            "AKIA000000000000000:somesecretkey:us-east-1,AKIA111111111111111:anothersecretkey:us-west-2");

        Assert.Equal(2, credentials.Count);
        Assert.Equal(("AKIA000000000000000", "somesecretkey", "us-east-1"),
            (credentials[0].AccessKeyId, credentials[0].SecretAccessKey, credentials[0].Region));
        Assert.Equal(("AKIA111111111111111", "anothersecretkey", "us-west-2"),
            (credentials[1].AccessKeyId, credentials[1].SecretAccessKey, credentials[1].Region));
    }

    [Fact]
    public void Parse_WhitespaceAroundEntriesAndParts_IsIgnored()
    {
        var credentials = AwsCredentialsParser.Parse($"  AKIAAAAAAAAAAAAAAAAA:{Secret1}:us-east-1 ,\n\tAKIABBBBBBBBBBBBBBBB : {Secret2} : eu-west-1  ");

        Assert.Equal(["us-east-1", "eu-west-1"], credentials.Select(c => c.Region));
        Assert.Equal(Secret2, credentials[1].SecretAccessKey);
    }

    [Fact]
    public void Parse_Duplicates_Collapse()
    {
        var entry = $"AKIAAAAAAAAAAAAAAAAA:{Secret1}:us-east-1";

        var credentials = AwsCredentialsParser.Parse($"{entry},{entry}, {entry}");

        Assert.Single(credentials);
    }

    [Fact]
    public void Parse_SameKeyIdWithTwoSecrets_AreTwoCredentialsWithDifferentIds()
    {
        var credentials = AwsCredentialsParser.Parse(
            $"AKIAAAAAAAAAAAAAAAAA:{Secret1}:us-east-1,AKIAAAAAAAAAAAAAAAAA:{Secret2}:us-east-1");

        Assert.Equal(2, credentials.Count);
        Assert.NotEqual(credentials[0].Id, credentials[1].Id);
    }

    [Theory]
    [InlineData("AKIAAAAAAAAAAAAAAAAA", "entry #1 (AKIA…AAAA): expected accessKeyId:secretAccessKey:region, found 1 part.")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA:" + Secret1, "entry #1 (AKIA…AAAA): expected accessKeyId:secretAccessKey:region, found 2 parts.")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA:" + Secret1 + ":us-east-1:extra", "entry #1 (AKIA…AAAA): expected accessKeyId:secretAccessKey:region, found 4 parts.")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA::us-east-1", "entry #1 (AKIA…AAAA): the secret access key is empty.")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA:" + Secret1 + ":", "entry #1 (AKIA…AAAA): the region is empty.")]
    [InlineData(":" + Secret1 + ":us-east-1", "entry #1 (unrecognisable access key id): the access key id is empty.")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA:" + Secret1 + ":mars-north-1", "entry #1 (AKIA…AAAA): 'mars-north-1' is not an AWS region name (e.g. us-east-1).")]
    [InlineData("AKIAAAAAAAAAAAAAAAAA:" + Secret1 + ":useast1", "entry #1 (AKIA…AAAA): 'useast1' is not an AWS region name (e.g. us-east-1).")]
    [InlineData("akia-lower:" + Secret1 + ":us-east-1", "entry #1 (unrecognisable access key id): the access key id must be 16-128 upper-case letters and digits.")]
    public void Parse_MalformedEntry_NamesPositionAndMaskedKeyButNeverTheSecret(string entry, string expected)
    {
        var exception = Assert.Throws<CredentialConfigurationException>(() => AwsCredentialsParser.Parse(entry));

        Assert.Equal(["AWS_CREDENTIALS " + expected], exception.Problems);
        Assert.DoesNotContain(Secret1, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecretInTheRegionSlot_IsNotEchoed()
    {
        var exception = Assert.Throws<CredentialConfigurationException>(() =>
            AwsCredentialsParser.Parse($"AKIAAAAAAAAAAAAAAAAA:us-east-1:{Secret1}"));

        Assert.DoesNotContain(Secret1, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("EXAMPLEKEY", exception.Message, StringComparison.Ordinal);
        Assert.Contains("the region is not an AWS region name", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecretInTheKeyIdSlot_IsNotEchoed()
    {
        var exception = Assert.Throws<CredentialConfigurationException>(() => AwsCredentialsParser.Parse($"{Secret1}:us-east-1"));

        Assert.DoesNotContain("wJal", exception.Message, StringComparison.Ordinal);
        Assert.Contains("unrecognisable access key id", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralMalformedEntries_ReportsEachByPosition()
    {
        var exception = Assert.Throws<CredentialConfigurationException>(() => AwsCredentialsParser.Parse(
            $"AKIAAAAAAAAAAAAAAAAA:{Secret1}:us-east-1,AKIABBBBBBBBBBBBBBBB:{Secret2},AKIACCCCCCCCCCCCCCCC:{Secret2}:nowhere"));

        Assert.Equal(2, exception.Problems.Count);
        Assert.StartsWith("AWS_CREDENTIALS entry #2 (AKIA…BBBB)", exception.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("AWS_CREDENTIALS entry #3 (AKIA…CCCC)", exception.Problems[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Secret2, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("us-gov-west-1")]
    [InlineData("eu-central-2")]
    [InlineData("ap-southeast-4")]
    [InlineData("il-central-1")]
    [InlineData("ca-west-1")]
    public void Parse_RealRegionNames_AreAccepted(string region) =>
        Assert.Equal(region, AwsCredentialsParser.Parse($"AKIAAAAAAAAAAAAAAAAA:{Secret1}:{region}")[0].Region);
}
