using OrleansProxy.Credentials;

namespace OrleansProxy.Gateway.Admin;

/// <summary>
/// Parses the admin API's <c>credentials</c> text: <c>AWS_CREDENTIALS</c> entries separated by commas or new lines.
/// Each problem names the entry's position and at most its masked access key id, never the secret.
/// </summary>
public static class CredentialEntries
{
    /// <summary>The most entries one request may add.</summary>
    public const int MaxEntries = 1000;

    /// <summary>The distinct credentials, or every problem found.</summary>
    public static (IReadOnlyList<AwsCredential> Credentials, IReadOnlyList<string> Problems) Parse(string text)
    {
        var credentials = new List<AwsCredential>();
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = text.Split([',', '\n']);
        if (entries.Length > MaxEntries)
        {
            return ([], [$"At most {MaxEntries} entries can be added at once."]);
        }

        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            if (AwsCredentialsParser.TryParseEntry(entry, i + 1, out var credential, out var problem))
            {
                if (seen.Add(credential.Id))
                {
                    credentials.Add(credential);
                }
            }
            else
            {
                problems.Add(problem.Replace("AWS_CREDENTIALS entry", "Entry", StringComparison.Ordinal));
            }
        }

        if (problems.Count == 0 && credentials.Count == 0)
        {
            problems.Add("No credentials given: send {\"credentials\":\"AKIA…:secret:region\"} (entries separated by commas).");
        }

        return (credentials, problems);
    }
}
