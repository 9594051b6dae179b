namespace OrleansProxy.Testing.FakeBedrock.Hosting;

/// <summary>Reads the seed's <c>AWS_CREDENTIALS</c> format: <c>ACCESSKEY:secret:region</c>, comma-separated.</summary>
internal static class CredentialList
{
    public static List<(string AccessKeyId, string SecretAccessKey, string Region)> Parse(string? text)
    {
        var credentials = new List<(string, string, string)>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 3 || parts.Any(string.IsNullOrWhiteSpace))
            {
                // Never echo the entry: it holds a secret.
                throw new FormatException($"Credential #{credentials.Count + 1} is not ACCESSKEY:secret:region.");
            }

            credentials.Add((parts[0], parts[1], parts[2]));
        }

        return credentials;
    }
}
