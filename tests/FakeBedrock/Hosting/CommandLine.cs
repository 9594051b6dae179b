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

        var (address, port) = ListenOn(values.GetValueOrDefault("urls", "http://127.0.0.1:0"));
        var options = new FakeBedrockOptions
        {
            ListenAddress = address,
            Port = port,
            MaxClockSkew = values.TryGetValue("max-clock-skew-minutes", out var skew)
                ? TimeSpan.FromMinutes(double.Parse(skew, CultureInfo.InvariantCulture))
                : TimeSpan.FromMinutes(15),
            RequestLogCapacity = values.TryGetValue("request-log-capacity", out var capacity)
                ? int.Parse(capacity, CultureInfo.InvariantCulture)
                : 10_000,
        };

        return new CommandLine(options, CredentialList.Parse(values.TryGetValue("credentials", out var credentials) ? credentials : credentialsFromEnvironment));
    }

    // Kestrel-style URLs ("http://host:port", several separated by ';'): the fake listens on the first.
    // Parsed by hand because "http://*:5099" and "http://+:5099" are not valid System.Uri strings.
    private static (IPAddress Address, int Port) ListenOn(string urls)
    {
        const string Scheme = "http://";
        var url = urls.Split(';')[0].Trim();
        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"--urls must be an http:// URL, got '{url}'.");
        }

        var authority = url[Scheme.Length..].Split('/')[0];
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new FormatException($"--urls needs a host and a port, got '{url}'.");
        }

        var address = authority[..colon] switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" => IPAddress.Any,
            var host => IPAddress.TryParse(host.Trim('[', ']'), out var parsed)
                ? parsed
                : throw new FormatException($"--urls host must be an IP address, localhost or *, got '{host}'."),
        };
        return (address, port);
    }
}
