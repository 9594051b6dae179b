using System.Net;
using System.Text;

namespace OrleansProxy.Gateway.Info;

/// <summary>Renders the info report as a small self-contained HTML page (every value HTML-encoded).</summary>
public static class InfoPage
{
    /// <summary>The page.</summary>
    public static string Render(InfoReport report)
    {
        var html = new StringBuilder(4096);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>OrleansProxy</title>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".warn{background:#fff3cd;border:1px solid #e0b000;padding:.6rem;margin:.5rem 0}</style></head><body>")
            .Append("<h1>OrleansProxy: Claude on AWS Bedrock</h1>");
        foreach (var warning in report.Warnings)
        {
            html.Append("<p class=\"warn\">⚠ ").Append(E(warning)).Append("</p>");
        }

        html.Append("<p>Uptime: ").Append(E(TimeSpan.FromSeconds(report.UptimeSeconds).ToString(@"d\.hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture)))
            .Append(" · mode: ").Append(E(report.Mode)).Append(" · gatekeeper: ").Append(E(report.Gatekeeper)).Append("</p>")
            .Append("<h2>Endpoints</h2><ul>")
            .Append("<li>Anthropic SDKs (Messages, Text Completions): <code>").Append(E(report.Endpoints.Anthropic)).Append("</code></li>")
            .Append("<li>OpenAI SDKs (Chat Completions): <code>").Append(E(report.Endpoints.OpenAi)).Append("</code></li></ul>")
            .Append("<h2>Credentials</h2><p>").Append(report.Credentials).Append(" configured");
        foreach (var (status, count) in report.CredentialsByStatus)
        {
            html.Append(" · ").Append(E(status)).Append(": ").Append(count);
        }

        html.Append("</p><table><thead><tr><th>Model family</th><th>Usable</th><th>Throttled</th><th>Revoked</th>")
            .Append("<th>Logging on</th><th>Logging unknown</th><th>No access</th><th>Unchecked</th><th>Disabled</th>")
            .Append("<th>Requests</th><th>Input tokens</th><th>Output tokens</th><th>Cache reads</th><th>Cache writes</th>")
            .Append("<th>Cache hit ratio</th><th>Estimated cost</th></tr></thead><tbody>");
        var costs = report.Costs.ToDictionary(c => c.Family, StringComparer.Ordinal);
        foreach (var f in report.Families)
        {
            html.Append("<tr><td>").Append(E(f.Family)).Append("</td><td>").Append(f.Usable).Append("</td><td>").Append(f.Throttled);
            if (f.DailyQuotaExhausted > 0)
            {
                html.Append(" (").Append(f.DailyQuotaExhausted).Append(" daily quota spent, resets ")
                    .Append(E(f.DailyQuotaResetsAt?.ToString("u", Invariant) ?? "?")).Append(')');
            }

            var cost = costs.GetValueOrDefault(f.Family);
            html.Append("</td><td>").Append(f.Revoked).Append("</td><td>").Append(f.LoggingEnabled).Append("</td><td>").Append(f.LoggingUnknown)
                .Append("</td><td>").Append(f.NoAccess).Append("</td><td>").Append(f.Unchecked).Append("</td><td>").Append(f.Disabled)
                .Append("</td><td>").Append(f.Usage.Requests).Append("</td><td>").Append(f.Usage.InputTokens).Append("</td><td>")
                .Append(f.Usage.OutputTokens).Append("</td><td>").Append(f.Usage.CacheReadTokens).Append("</td><td>")
                .Append(f.Usage.CacheWriteTokens).Append("</td><td>").Append(f.Usage.CacheHitRatio.ToString("P1", Invariant))
                .Append("</td><td>").Append(Usd(cost?.EstimatedCostUsd)).Append("</td></tr>");
        }

        html.Append("</tbody></table><h2>Traffic</h2><p>Requests: ").Append(report.Totals.Requests)
            .Append(" · input tokens: ").Append(report.Totals.InputTokens)
            .Append(" · output tokens: ").Append(report.Totals.OutputTokens)
            .Append(" · cache reads: ").Append(report.Totals.CacheReadTokens)
            .Append(" · cache writes: ").Append(report.Totals.CacheWriteTokens)
            .Append(" · cache hit ratio: ").Append(report.Totals.CacheHitRatio.ToString("P1", Invariant))
            .Append(" · estimated cost: ").Append(Usd(report.EstimatedCostUsd))
            .Append(" · in flight: ").Append(report.InFlight)
            .Append(" · waiting in the queue: ").Append(report.QueueWaiting)
            .Append(" · estimated wait: ").Append(report.EstimatedWaitSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)).Append(" s</p>")
            .Append("<p><a href=\"/api/info\">JSON</a></p></body></html>");
        return html.ToString();
    }

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;

    private static string E(string value) => WebUtility.HtmlEncode(value);

    private static string Usd(decimal? value) => value is { } usd ? "$" + usd.ToString("0.0000", Invariant) : "no price";
}
