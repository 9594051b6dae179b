namespace OrleansProxy.Cluster.Tests.Topology;

/// <summary>A fake AWS credential the drills' Bedrock knows and the silos are given.</summary>
/// <param name="AccessKeyId">Access key id; its last four characters tell credentials apart in masked form.</param>
/// <param name="Secret">Secret access key (fake).</param>
/// <param name="Region">AWS region.</param>
public sealed record DrillCredential(string AccessKeyId, string Secret, string Region)
{
    /// <summary>The <c>AWS_CREDENTIALS</c> entry.</summary>
    public string Entry => $"{AccessKeyId}:{Secret}:{Region}";

    /// <summary>How the proxy shows it (<c>AKIA…0001</c>).</summary>
    public string Masked => $"{AccessKeyId[..4]}…{AccessKeyId[^4..]}";

    /// <summary>An <c>AWS_CREDENTIALS</c> value.</summary>
    public static string Join(IEnumerable<DrillCredential> credentials) => string.Join(',', credentials.Select(c => c.Entry));
}
