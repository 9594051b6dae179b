namespace OrleansProxy.LoadTest.Signing;

/// <summary>A made-up AWS credential that only the fake Bedrock knows.</summary>
internal sealed record BenchCredential(string AccessKeyId, string SecretAccessKey, string Region)
{
    /// <summary>The four credentials the run registers with the fake and gives the gateway (two regions).</summary>
    public static IReadOnlyList<BenchCredential> All { get; } =
    [
        new("AKIABENCHLOAD0000001", "bench/secret+one/0123456789abcdefghijklmn", "us-east-1"),
        new("AKIABENCHLOAD0000002", "bench/secret+two/0123456789abcdefghijklmn", "us-east-1"),
        new("AKIABENCHLOAD0000003", "bench/secret+three/0123456789abcdefghijkl", "us-west-2"),
        new("AKIABENCHLOAD0000004", "bench/secret+four/0123456789abcdefghijklm", "us-west-2"),
    ];

    /// <summary><c>AKIA…:secret:region,…</c>, the format of <c>AWS_CREDENTIALS</c> and the fake's <c>--credentials</c>.</summary>
    public static string ToList(IEnumerable<BenchCredential> credentials) =>
        string.Join(",", credentials.Select(c => $"{c.AccessKeyId}:{c.SecretAccessKey}:{c.Region}"));

    /// <summary>Parses <c>AKIA…:secret:region</c>.</summary>
    public static BenchCredential Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? new BenchCredential(parts[0], parts[1], parts[2])
            : throw new FormatException("A credential is ACCESSKEYID:secret:region.");
    }

    /// <summary>Fake or not, a secret stays out of logs: the record's generated text would show it.</summary>
    public override string ToString() => $"{AccessKeyId} ({Region})";
}
