using OrleansProxy.LoadTest.Signing;

namespace OrleansProxy.LoadTest.Yarp;

/// <summary><c>yarp --upstream URL --credential AK:SECRET:REGION [--urls http://127.0.0.1:0]</c>.</summary>
internal sealed record YarpOptions(Uri Upstream, BenchCredential Credential, string Urls)
{
    public static YarpOptions Parse(string[] args)
    {
        var values = Cli.ArgumentList.Parse(args);
        return new YarpOptions(
            new Uri(values.Required("upstream")),
            BenchCredential.Parse(values.Required("credential")),
            values.Optional("urls") ?? "http://127.0.0.1:0");
    }
}
