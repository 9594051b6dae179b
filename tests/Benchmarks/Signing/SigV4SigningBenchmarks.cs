using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using OrleansProxy.Credentials;
using OrleansProxy.Signing;

namespace OrleansProxy.Benchmarks.Signing;

/// <summary>
/// The signing work per upstream attempt: the gateway hashes the Bedrock body, the credential grain signs an
/// InvokeModel request with AWSSDK.Core's SigV4 signer.
/// </summary>
[MemoryDiagnoser]
public class SigV4SigningBenchmarks
{
    private const string InvokeUri = "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        """{"anthropic_version":"bedrock-2023-05-31","max_tokens":256,"system":"You are a concise assistant.","messages":[{"role":"user","content":"Summarise the plot of Hamlet in three sentences."}]}""");

    private static readonly IReadOnlyDictionary<string, string> Headers =
        new Dictionary<string, string> { ["content-type"] = "application/json", ["accept"] = "application/json" };

    private readonly AwsCredential _credential = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");
    private readonly Uri _uri = new(InvokeUri);
    private readonly string _payloadSha256 = Convert.ToHexStringLower(SHA256.HashData(Body));
    private readonly DateTimeOffset _signedAt = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="SigV4RequestSigner.Sign"/> of a ready request.</summary>
    [Benchmark(Baseline = true)]
    public IReadOnlyDictionary<string, string> Sign() =>
        SigV4RequestSigner.Sign(_credential, "POST", _uri, Headers, _payloadSha256, _signedAt);

    /// <summary>What the credential grain does per SignAsync: parse the URI string, then sign.</summary>
    [Benchmark]
    public IReadOnlyDictionary<string, string> SignAsGrainDoes() =>
        SigV4RequestSigner.Sign(_credential, "POST", new Uri(InvokeUri), Headers, _payloadSha256, _signedAt);

    /// <summary>The gateway's part: hex SHA-256 of the Bedrock body (once per client request).</summary>
    [Benchmark]
    public string HashBody() => Convert.ToHexStringLower(SHA256.HashData(Body));
}
