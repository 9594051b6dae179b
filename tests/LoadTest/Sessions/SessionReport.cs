using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.LoadTest.Sessions;

/// <summary>The replay's Markdown report: cache reads and writes, estimated cost and load spread per run.</summary>
internal static partial class SessionReport
{
    // USD per million tokens, Claude Sonnet 4.5 on Bedrock (Anthropic's list prices): until the price table of the
    // usage work is merged, a constant is enough to compare runs of one model.
    private const double InputPrice = 3.00;
    private const double CacheWritePrice = 3.75;
    private const double CacheReadPrice = 0.30;
    private const double OutputPrice = 15.00;

    public static string Write(
        IReadOnlyList<ReplayResult> runs, int sessions, int turns, int requestsPerSession, int accounts, int keysPerAccount, string[] regions)
    {
        var text = new StringBuilder();
        text.AppendLine("# Session affinity replay").AppendLine();
        text.AppendLine(Invariant($"{sessions} synthetic Claude Code sessions of {turns} turns (growing conversation, ~7.2k-token system prompt and tools marked for caching, newest turn marked; two parallel sub-agents of 2 steps at turns 3 and 6): {requestsPerSession} requests per session, all sessions at once, non-streaming, model {SessionWorkload.Model}. Fake Bedrock with {accounts} accounts × {keysPerAccount} keys, {accounts / regions.Length} accounts in each of {string.Join(" and ", regions)}; its prompt cache is per account, region, model and prefix (5-minute lifetime, 1,024-token minimum, 20-block lookback). Cost: Sonnet 4.5 list prices (input ${InputPrice}, cache write ${CacheWritePrice}, cache read ${CacheReadPrice}, output ${OutputPrice} per million tokens)."));
        text.AppendLine().AppendLine($"Run at {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (load average {LoadAverage()}).").AppendLine();
        text.AppendLine("| run | requests ok / failed | cold requests per session (nothing read) | cache-write tokens per session | cacheable input read from cache | estimated cost (USD) | cost per session | requests per account max ÷ mean | wall time |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var reference = runs.FirstOrDefault(r => r.Keys.Count <= keysPerAccount);
        foreach (var run in runs)
        {
            var figures = Figures.Of(run, sessions);
            text.AppendLine(Invariant($"| {run.Label} | {run.Served.Count} / {run.Failed} | {figures.ColdPerSession:0.0} | {figures.WriteTokensPerSession:N0} | {figures.ReadShare:P1} | {figures.Cost:0.00} | {figures.Cost / sessions:0.0000} | {(figures.Accounts > 1 ? figures.LoadSpread.ToString("0.00", CultureInfo.InvariantCulture) : "(one account)")} | {run.Elapsed.TotalSeconds:0.0} s |"));
        }

        if (reference is not null)
        {
            var referenceReads = Figures.Of(reference, sessions).ReadTokens;
            text.AppendLine();
            foreach (var run in runs.Where(r => r != reference))
            {
                var figures = Figures.Of(run, sessions);
                text.AppendLine(Invariant($"- {run.Label}: cache reads {figures.ReadTokens:N0} tokens = {figures.ReadTokens / (double)referenceReads:P1} of the one-account reference ({referenceReads:N0}); requests per account {string.Join(", ", figures.PerAccount)}."));
            }
        }

        text.AppendLine().AppendLine("Every request writes its newest turn (the growing conversation), so writes are counted in tokens; a cold request is one that read nothing. Each session has 5 requests that cannot be warm: its first turn and its four sub-agents' first steps.");
        text.AppendLine().AppendLine("Targets (issue 13): with 50 sessions, ≥ 95 % of the cache reads a single account gets; max ÷ mean account load ≤ 1.3.");
        return text.ToString();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\[s(\d+)\]")]
    private static partial Regex SessionMarker();

    private sealed record Figures(
        long ReadTokens, double ReadShare, double ColdPerSession, double WriteTokensPerSession, double Cost, int Accounts, double LoadSpread,
        IReadOnlyList<int> PerAccount)
    {
        public static Figures Of(ReplayResult run, int sessions)
        {
            long read = run.Served.Sum(r => (long)r.CacheReadTokens), write = run.Served.Sum(r => (long)r.CacheWriteTokens);
            long input = run.Served.Sum(r => (long)r.InputTokens), output = run.Served.Sum(r => (long)r.OutputTokens);
            // A cold request found nothing of its prompt cached: the whole prefix was written (or the session's first).
            var cold = run.Served.Count(r => r.CacheReadTokens == 0 && SessionMarker().IsMatch(r.Body));
            var cost = (input * InputPrice + write * CacheWritePrice + read * CacheReadPrice + output * OutputPrice) / 1e6;
            var perAccount = run.Keys.Select(k => AccessKeyIds.AccountOf(k.AccessKeyId)!).Distinct()
                .Select(a => run.Served.Count(r => AccessKeyIds.AccountOf(r.AccessKeyId!) == a)).OrderDescending().ToList();
            var spread = perAccount.Count > 0 && perAccount.Average() > 0 ? perAccount.Max() / perAccount.Average() : 0;
            return new Figures(read, read + write > 0 ? read / (double)(read + write) : 0,
                cold / (double)sessions, write / (double)sessions, cost, perAccount.Count, spread, perAccount);
        }
    }
}
