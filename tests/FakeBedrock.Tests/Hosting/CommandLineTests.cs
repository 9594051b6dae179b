using System.Net;
using OrleansProxy.Testing.FakeBedrock.Hosting;

namespace OrleansProxy.Testing.FakeBedrock.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_UrlsAndCredentials_OptionsAndKeys()
    {
        var parsed = CommandLine.Parse(["--urls", "http://127.0.0.1:5099", "--credentials", "AKIA1:s1:us-east-1, AKIA2:s2/x+y:us-west-2"], null);

        Assert.Equal(IPAddress.Loopback, parsed.Options.ListenAddress);
        Assert.Equal(5099, parsed.Options.Port);
        Assert.Equal([("AKIA1", "s1", "us-east-1"), ("AKIA2", "s2/x+y", "us-west-2")], parsed.Credentials);
    }

    [Fact]
    public void Parse_NoCredentialsArgument_TakesTheEnvironments()
    {
        var parsed = CommandLine.Parse([], "AKIA3:s3:eu-west-1");

        Assert.Equal([("AKIA3", "s3", "eu-west-1")], parsed.Credentials);
        Assert.Equal(0, parsed.Options.Port);
    }

    [Theory]
    [InlineData("http://localhost:7000", "127.0.0.1")]
    [InlineData("http://0.0.0.0:7000", "0.0.0.0")]
    [InlineData("http://*:7000", "0.0.0.0")]
    [InlineData("http://127.0.0.1:7000;http://127.0.0.1:7001", "127.0.0.1")]
    public void Parse_Urls_ListenAddress(string urls, string address)
    {
        var parsed = CommandLine.Parse(["--urls", urls], null);

        Assert.Equal(IPAddress.Parse(address), parsed.Options.ListenAddress);
        Assert.Equal(7000, parsed.Options.Port);
    }

    [Fact]
    public void Parse_SkewAndLogCapacity_Applied()
    {
        var parsed = CommandLine.Parse(["--max-clock-skew-minutes", "5", "--request-log-capacity", "0"], null);

        Assert.Equal(TimeSpan.FromMinutes(5), parsed.Options.MaxClockSkew);
        Assert.Equal(0, parsed.Options.RequestLogCapacity);
    }

    [Theory]
    [InlineData("--port", "1")]
    [InlineData("--credentials", "AKIA:secret")]
    [InlineData("--credentials", "AKIA:secret:us-east-1:extra")]
    [InlineData("stray", "value")]
    public void Parse_BadArguments_FormatException(string name, string value)
    {
        Assert.Throws<FormatException>(() => CommandLine.Parse([name, value], null));
    }
}
