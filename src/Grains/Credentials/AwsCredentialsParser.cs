using System.Text.RegularExpressions;

namespace OrleansProxy.Credentials;

/// <summary>
/// Parses <c>AWS_CREDENTIALS</c>: comma-separated <c>accessKeyId:secretAccessKey:region</c> entries. Whitespace
/// around entries is ignored and duplicates collapse. Errors name the entry's position and its masked access
/// key id, never the secret.
/// </summary>
public static partial class AwsCredentialsParser
{
    /// <summary>Parses the whole variable; null or blank means no credentials.</summary>
    /// <exception cref="CredentialConfigurationException">Every malformed entry, reported together.</exception>
    public static IReadOnlyList<AwsCredential> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var credentials = new List<AwsCredential>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var entries = value.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i].Trim();
            if (entry.Length == 0)
            {
                // A trailing comma or ",," is a typo, not a credential; tolerate it like the seed does.
                continue;
            }

            if (TryParseEntry(entry, i + 1, out var credential, out var problem))
            {
                if (seen.Add(credential.Id))
                {
                    credentials.Add(credential);
                }
            }
            else
            {
                problems.Add(problem);
            }
        }

        if (problems.Count > 0)
        {
            throw new CredentialConfigurationException(problems);
        }

        return credentials;
    }

    /// <summary>Parses one <c>accessKeyId:secretAccessKey:region</c> entry (used by the admin API too).</summary>
    public static bool TryParseEntry(string entry, int position, out AwsCredential credential, out string problem)
    {
        credential = null!;
        var parts = entry.Trim().Split(':');
        var accessKeyId = parts[0].Trim();
        var who = AccessKeyIdPattern().IsMatch(accessKeyId)
            ? AwsCredential.Mask(accessKeyId)
            : "unrecognisable access key id";
        var prefix = $"AWS_CREDENTIALS entry #{position} ({who})";

        if (parts.Length != 3)
        {
            problem = $"{prefix}: expected accessKeyId:secretAccessKey:region, found {parts.Length} part{(parts.Length == 1 ? "" : "s")}.";
            return false;
        }

        var secret = parts[1].Trim();
        var region = parts[2].Trim();
        if (accessKeyId.Length == 0 || secret.Length == 0 || region.Length == 0)
        {
            var empty = accessKeyId.Length == 0 ? "access key id" : secret.Length == 0 ? "secret access key" : "region";
            problem = $"{prefix}: the {empty} is empty.";
            return false;
        }

        if (!AccessKeyIdPattern().IsMatch(accessKeyId))
        {
            problem = $"{prefix}: the access key id must be 16-128 upper-case letters and digits.";
            return false;
        }

        if (!RegionPattern().IsMatch(region))
        {
            // Echo the value only when it cannot be a misplaced secret (short, lower-case, dashes).
            problem = ShowablePattern().IsMatch(region)
                ? $"{prefix}: '{region}' is not an AWS region name (e.g. us-east-1)."
                : $"{prefix}: the region is not an AWS region name (e.g. us-east-1).";
            return false;
        }

        credential = new AwsCredential(accessKeyId, secret, region);
        problem = "";
        return true;
    }

    [GeneratedRegex("^[A-Z0-9]{16,128}$")]
    private static partial Regex AccessKeyIdPattern();

    [GeneratedRegex("^[a-z0-9-]{1,20}$")]
    private static partial Regex ShowablePattern();

    [GeneratedRegex("^(us-gov|us|ca|mx|sa|eu|il|me|af|ap|cn)-(central|north|south|east|west|northeast|northwest|southeast|southwest)-[1-9][0-9]?$")]
    private static partial Regex RegionPattern();
}
