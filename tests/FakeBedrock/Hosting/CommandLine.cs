using System.Globalization;
using System.Net;

namespace OrleansProxy.Testing.FakeBedrock.Hosting;

/// <summary>
/// Standalone arguments: <c>--urls http://127.0.0.1:5099</c>, <c>--credentials "AKIA…:secret:region,…"</c>
/// (or env <c>FAKE_BEDROCK_CREDENTIALS</c>), <c>--max-clock-skew-minutes N</c>, <c>--request-log-capacity N</c>.
/// </summary>
internal sealed record CommandLine(FakeBedrockOptions Options, List<(string AccessKeyId, string SecretAccessKey, string Region)> Credentials)
{
    public static CommandLine Parse(string[] args, string? credentialsFromEnvironment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException($"Unexpected argument '{args[i]}'. Use --name value pairs.");
            }

            values[args[i][2..]] = args[++i];
        }

        var unknown = values.Keys.Except(["urls", "credentials", "max-clock-skew-minutes", "request-log-capacity"]).FirstOrDefault();
        if (unknown is not null)
        {
            throw new FormatException($"Unknown option --{unknown}.");
        }

        // Kestrel-style: the first of several ';'-separated URLs.
        var url = new Uri(values.GetValueOrDefault("urls", "http://127.0.0.1:0").Split(';')[0]);
        var options = new FakeBedrockOptions
        {
            ListenAddress = url.Host switch
            {
                "localhost" => IPAddress.Loopback,
                "*" or "+" or "0.0.0.0" => IPAddress.Any,
                var host => IPAddress.Parse(host.Trim('[', ']')),
            },
            Port = url.Port,
            MaxClockSkew = values.TryGetValue("max-clock-skew-minutes", out var skew)
                ? TimeSpan.FromMinutes(double.Parse(skew, CultureInfo.InvariantCulture))
                : TimeSpan.FromMinutes(15),
            RequestLogCapacity = values.TryGetValue("request-log-capacity", out var capacity)
                ? int.Parse(capacity, CultureInfo.InvariantCulture)
                : 10_000,
        };

        return new CommandLine(options, CredentialList.Parse(values.TryGetValue("credentials", out var credentials) ? credentials : credentialsFromEnvironment));
    }
}
