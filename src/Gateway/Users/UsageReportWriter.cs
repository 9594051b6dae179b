using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>A usage report as JSON (rows and totals) or as RFC 4180 CSV (a header row, then the rows; invariant culture).</summary>
public static class UsageReportWriter
{
    /// <summary>The counter columns, in order, after the group keys.</summary>
    public static IReadOnlyList<string> CounterColumns { get; } =
        ["requests", "inputTokens", "outputTokens", "cacheReadInputTokens", "cacheWrite5mInputTokens", "cacheWrite1hInputTokens", "costUsd"];

    /// <summary><c>{"from","to","groupBy":[…],"users","rows":[{keys…, counters…}],"totals":{counters…}}</c>.</summary>
    public static void WriteJson(Utf8JsonWriter writer, UsageReportQuery query, UsageReport report, int users)
    {
        writer.WriteStartObject();
        writer.WriteString("from", Day(query.From));
        writer.WriteString("to", Day(query.To));
        writer.WriteStartArray("groupBy");
        foreach (var key in KeyColumns(report.Groups))
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
        writer.WriteNumber("users", users);
        writer.WriteStartArray("rows");
        foreach (var (key, usage) in report.Rows())
        {
            writer.WriteStartObject();
            if (report.Groups.HasFlag(UsageGroups.User))
            {
                writer.WriteString("user", key.User);
            }

            if (report.Groups.HasFlag(UsageGroups.Family))
            {
                writer.WriteString("family", key.Family);
            }

            if (report.Groups.HasFlag(UsageGroups.Day))
            {
                writer.WriteString("day", Day(key.Day!.Value));
            }

            UserJson.WriteCounters(writer, usage);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("totals");
        UserJson.WriteCounters(writer, report.Total);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The CSV text: header, then one CRLF-terminated line per row.</summary>
    public static string ToCsv(UsageReport report)
    {
        var csv = new StringBuilder();
        AppendLine(csv, KeyColumns(report.Groups).Concat(CounterColumns));
        foreach (var (key, usage) in report.Rows())
        {
            var keys = new List<string>(3);
            if (report.Groups.HasFlag(UsageGroups.User))
            {
                keys.Add(key.User!);
            }

            if (report.Groups.HasFlag(UsageGroups.Family))
            {
                keys.Add(key.Family!);
            }

            if (report.Groups.HasFlag(UsageGroups.Day))
            {
                keys.Add(Day(key.Day!.Value));
            }

            AppendLine(csv, keys.Concat(Counters(usage)));
        }

        return csv.ToString();
    }

    private static IEnumerable<string> KeyColumns(UsageGroups groups)
    {
        if (groups.HasFlag(UsageGroups.User))
        {
            yield return "user";
        }

        if (groups.HasFlag(UsageGroups.Family))
        {
            yield return "family";
        }

        if (groups.HasFlag(UsageGroups.Day))
        {
            yield return "day";
        }
    }

    private static IEnumerable<string> Counters(UsageCounters usage) =>
    [
        Number(usage.Requests), Number(usage.Tokens.Input), Number(usage.Tokens.Output), Number(usage.Tokens.CacheRead),
        Number(usage.Tokens.CacheWrite5m), Number(usage.Tokens.CacheWrite1h), usage.CostUsd.ToString(CultureInfo.InvariantCulture),
    ];

    private static void AppendLine(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            // RFC 4180 §2.6–2.7: quote a field holding a comma, a quote or a line break, doubling its quotes.
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                csv.Append(field);
            }
        }

        csv.Append("\r\n");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
