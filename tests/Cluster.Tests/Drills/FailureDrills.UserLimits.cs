using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using OrleansProxy.Cluster.Tests.Topology;
using OrleansProxy.Users;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// A user's concurrency and token limits are its grain's, not a gateway's: two user-token gateways together never
/// have more than <c>maxConcurrent</c> of its requests at Bedrock, the rest wait in the queue and then get 429; an
/// answer in flight holds its <c>max_tokens</c> against the tokens-per-minute limit until it ends, then only what
/// Bedrock billed counts; a deleted user is refused by both gateways at once; and a storm of cancelled and failing
/// streams gives every slot back.
/// </summary>
public sealed partial class FailureDrills
{
    /// <summary>How long the fake Bedrock takes to answer while a drill needs answers in flight.</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(3);

    [Fact, DrillOrder(8)]
    public async Task UserConcurrencyAndTokenLimitsHoldAcrossGateways_DeleteHoldsAtOnce_StormGivesSlotsBack()
    {
        var http = await StartUserGatewaysAsync(TimeSpan.FromSeconds(30));
        var report = new DrillReport("8. Users: maxConcurrent and tokens per minute across two gateways, delete at once, slots back after a storm", output);
        await using var diagnostics = await ClusterDiagnostics.ConnectAsync(Cluster);
        using var admin = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        admin.DefaultRequestHeaders.Add("x-admin-key", LocalCluster.AdminKey);
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var queueWait = LocalCluster.UserGatewayMaxQueueWait;
        await fixture.Fake.ClearRequestsAsync();
        try
        {
            // 1. maxConcurrent 2, 8 slow answers at once over both gateways. Two are answered after one slow answer,
            // two more after two (they got the slots the first two gave back); a third pair could start only after
            // 2 × 3 s, past the 4.5 s queue wait, so the last four get 429 once their wait is spent.
            var (concurrent, _, concurrentToken) = await CreateUserAsync(diagnostics, new UserLimits(MaxConcurrent: 2));
            await PatchEveryKeyAsync($$"""{"latencyMs":{{SlowAnswer.TotalMilliseconds}}}""");
            var waves = (int)(queueWait / SlowAnswer) + 1;
            var expectedAdmitted = Math.Min(8, 2 * waves);
            UserAnswer[] burst;
            int burstMaxInFlight;
            using (var stop = new CancellationTokenSource())
            {
                var watching = WatchInFlightAsync(concurrent, stop.Token);
                burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                    SendMessageAsync(http[i % 2], concurrentToken, $"drill8 {run} concurrency {i}", 16)));
                await stop.CancelAsync();
                burstMaxInFlight = await watching;
            }

            await PatchEveryKeyAsync("""{"latencyMs":0}""");
            var atBedrock = (await fixture.Fake.RequestsAsync())
                .Where(r => r.IsInvocation && r.Body?.Contains($"drill8 {run} concurrency ", StringComparison.Ordinal) == true).ToList();
            var ok = burst.Where(a => a.Status == 200).ToList();
            var refused = burst.Where(a => a.Status == 429).ToList();
            await WaitForNoneInFlightAsync(concurrent);
            var counted = Requests(await concurrent.GetAsync());
            report.Add("1. maxConcurrent 2, 8 at once over 2 gateways, Bedrock 3 s per answer, queue wait 4.5 s: 200 / 429",
                $"{ok.Count} / {refused.Count} (expected {expectedAdmitted} / {8 - expectedAdmitted})");
            report.Add("1. most in flight: user grain (polled every 50 ms) / at Bedrock (its own start and end times)",
                $"{burstMaxInFlight} / {MaxOverlap(atBedrock)}");
            report.Add("1. Bedrock calls / requests counted by the user grain", $"{atBedrock.Count} / {counted}");
            report.Add("1. the 200s answered after (s)", $"{string.Join(", ", ok.Select(a => Seconds(a.Elapsed)))}");
            report.Add("1. the 429s answered after (s)", $"{string.Join(", ", refused.Select(a => Seconds(a.Elapsed)))}");
            Assert.Equal(expectedAdmitted, ok.Count);
            Assert.Equal(8 - expectedAdmitted, refused.Count);
            Assert.All(refused, a =>
            {
                Assert.Contains("rate_limit_error", a.Body, StringComparison.Ordinal);
                Assert.Contains("maxConcurrent", a.Body, StringComparison.Ordinal);
                // Refused once the queue wait was spent, not before, and not much later.
                Assert.InRange(a.Elapsed, queueWait, queueWait + TimeSpan.FromSeconds(2));
            });
            Assert.Equal(2, burstMaxInFlight);
            Assert.InRange(MaxOverlap(atBedrock), 1, 2);
            Assert.Equal(expectedAdmitted, atBedrock.Count);
            Assert.Equal(expectedAdmitted, counted);

            // 2. Tokens per minute: a slow answer in flight holds its max_tokens, which with the first answer's real
            // usage reaches the limit exactly, so a request through the other gateway is refused until it ends; then
            // only what the fake billed counts.
            const long TokensPerMinute = 1000;
            var tokensSpec = new UserSpec("drill", null, null, new UserLimits(TokensPerMinute: TokensPerMinute), [], []);
            var (tokens, tokensId, tokensToken) = await CreateUserAsync(diagnostics, tokensSpec.Limits);
            var first = await SendMessageAsync(http[0], tokensToken, $"drill8 {run} tokens first", 16);
            Assert.Equal(200, first.Status);
            await WaitForNoneInFlightAsync(tokens);
            var firstUsed = Billed(await fixture.Fake.RequestsAsync(), $"drill8 {run} tokens first").Sum(r => (long)r.InputTokens + r.OutputTokens);
            Assert.InRange(firstUsed, 1, TokensPerMinute - 100);
            var reservation = TokensPerMinute - firstUsed;
            await PatchEveryKeyAsync($$"""{"latencyMs":{{SlowAnswer.TotalMilliseconds}}}""");
            var slowSending = SendMessageAsync(http[1], tokensToken, $"drill8 {run} tokens slow", (int)reservation);
            await Eventually.TrueAsync(async () => (await tokens.GetAsync())?.InFlight == 1, TimeSpan.FromSeconds(5), "the slow answer admitted");
            var during = await tokens.GetAsync();
            var whileInFlight = await SendMessageAsync(http[0], tokensToken, $"drill8 {run} tokens refused", 16);
            var slowStillInFlight = !slowSending.IsCompleted;
            var slow = await slowSending;
            await PatchEveryKeyAsync("""{"latencyMs":0}""");
            await WaitForNoneInFlightAsync(tokens);
            var afterSlow = await tokens.GetAsync();
            var again = await SendMessageAsync(http[0], tokensToken, $"drill8 {run} tokens again", 16);
            await WaitForNoneInFlightAsync(tokens);
            var billed = Billed(await fixture.Fake.RequestsAsync(), $"drill8 {run} tokens ");
            var billedTokens = billed.Sum(r => (long)r.InputTokens + r.OutputTokens);
            var tokensView = await tokens.GetAsync();
            var total = tokensView!.Periods.Single(p => p.Period == UsagePeriod.Total).ByFamily.GetValueOrDefault(Family);
            // Lowered to exactly what was used: refused on real usage alone, with nothing reserved.
            await tokens.UpdateAsync(tokensSpec with { Limits = new UserLimits(TokensPerMinute: billedTokens) });
            var onRealUsage = await SendMessageAsync(http[1], tokensToken, $"drill8 {run} tokens real usage", 16);
            report.Add("2. limit / first answer's tokens / max_tokens of the slow answer in flight",
                $"{TokensPerMinute} / {firstUsed} / {reservation}");
            report.Add("2. grain while it is in flight: in flight / tokens (used + reserved)", $"{during?.InFlight} / {during?.TokensLastMinute}");
            report.Add("2. request through the other gateway meanwhile (retry-after)", $"{whileInFlight.Status} (retry-after {whileInFlight.RetryAfter} s; the slow answer still in flight: {slowStillInFlight})");
            report.Add("2. slow answer / next request after it ended", $"{slow.Status} / {again.Status}");
            report.Add("2. grain's tokens in the last minute after it ended / billed by the fake for the first two",
                $"{afterSlow?.TokensLastMinute} / {Billed(billed, "tokens first").Concat(Billed(billed, "tokens slow")).Sum(r => (long)r.InputTokens + r.OutputTokens)}");
            report.Add("2. usage counted by the grain: requests / input / output tokens",
                $"{total.Requests} / {total.Tokens.Input} / {total.Tokens.Output}");
            report.Add("2. billed by the fake: answers / input / output tokens",
                $"{billed.Count} / {billed.Sum(r => r.InputTokens)} / {billed.Sum(r => r.OutputTokens)}");
            report.Add("2. limit lowered to the tokens used: next request", $"{onRealUsage.Status}");
            Assert.Equal(TokensPerMinute, during?.TokensLastMinute);
            Assert.Equal(1, during?.InFlight);
            Assert.Equal(429, whileInFlight.Status);
            Assert.True(slowStillInFlight, "the refused request was answered only after the slow answer had ended");
            Assert.Contains("rate_limit_error", whileInFlight.Body, StringComparison.Ordinal);
            Assert.Contains($"({firstUsed} used, {reservation} reserved", whileInFlight.Body, StringComparison.Ordinal);
            Assert.Equal(200, slow.Status);
            Assert.Equal(200, again.Status);
            Assert.Equal(3, billed.Count);
            Assert.Equal(3, total.Requests);
            Assert.Equal(billed.Sum(r => (long)r.InputTokens), total.Tokens.TotalInput);
            Assert.Equal(billed.Sum(r => (long)r.OutputTokens), total.Tokens.Output);
            Assert.Equal(billedTokens, tokensView.TokensLastMinute);
            Assert.Equal(429, onRealUsage.Status);
            Assert.Contains($"({billedTokens} used, 0 reserved", onRealUsage.Body, StringComparison.Ordinal);

            // 3. Deleted through gateway 2's admin API: both gateways refuse its token at once.
            var deleteStarted = Stopwatch.GetTimestamp();
            using (var deleted = await admin.DeleteAsync(new Uri(Cluster.UserGateways[1], $"/admin/api/users/{tokensId}")))
            {
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            }

            var deleteTook = Stopwatch.GetElapsedTime(deleteStarted);
            var afterDelete = await Task.WhenAll(http.Select((c, g) => UntilRefusedAsync(c, tokensToken, $"drill8 {run} deleted {g}")));
            using var lookup = await admin.GetAsync(new Uri(Cluster.UserGateways[0], $"/admin/api/users/{tokensId}"));
            report.Add("3. DELETE /admin/api/users/{id} through gateway 2 took", deleteTook);
            report.Add("3. then gateway 1 / gateway 2 answer (ms after the DELETE answered)",
                $"{afterDelete[0].Status} ({afterDelete[0].Elapsed.TotalMilliseconds:0}) / {afterDelete[1].Status} ({afterDelete[1].Elapsed.TotalMilliseconds:0})");
            report.Add("3. GET of the user through gateway 1 / grain", $"{(int)lookup.StatusCode} / {((await tokens.GetAsync()) is null ? "gone" : "still there")}");
            Assert.All(afterDelete, a =>
            {
                Assert.Equal(401, a.Status);
                Assert.Contains("authentication_error", a.Body, StringComparison.Ordinal);
                Assert.True(a.Elapsed < TimeSpan.FromSeconds(2), $"refused {a.Elapsed.TotalMilliseconds:0} ms after the delete");
            });
            Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
            Assert.Null(await tokens.GetAsync());

            // 4. 40 streams at once, half cancelled mid-stream, some failed by the fake (before the answer, mid-stream,
            // or cut off): every slot comes back.
            var (storm, _, stormToken) = await CreateUserAsync(diagnostics, new UserLimits(MaxConcurrent: 50));
            await PatchEveryKeyAsync("""{"streamChunkDelayMs":100,"streamChunks":20,"failNext":2,"fault":"ServiceUnavailable"}""");
            await fixture.Fake.PatchAsync(ClusterFixture.Keys[1].AccessKeyId,
                """{"midStreamException":{"exceptionType":"internalServerException","afterChunks":5}}""");
            await fixture.Fake.PatchAsync(ClusterFixture.Keys[2].AccessKeyId, """{"cutNext":2}""");
            string[] outcomes;
            int stormMaxInFlight;
            using (var stop = new CancellationTokenSource())
            {
                var watching = WatchInFlightAsync(storm, stop.Token);
                outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => StreamAsync(
                    http[i % 2], stormToken, $"drill8 {run} storm {i}", i % 4 < 2 ? TimeSpan.FromMilliseconds(300 + 20 * i) : null)));
                await stop.CancelAsync();
                stormMaxInFlight = await watching;
            }

            var stormEnded = Stopwatch.GetTimestamp();
            UserView? stormView = null;
            var slotsBack = await Eventually.TrueAsync(
                async () => (stormView = await storm.GetAsync()) is { InFlight: 0 } && Requests(stormView) == 40,
                TimeSpan.FromSeconds(10),
                "every slot of the storm given back and its 40 requests counted",
                lastSeen: () => $"{stormView?.InFlight} in flight, {Requests(stormView)} requests counted");
            var stormAtBedrock = (await fixture.Fake.RequestsAsync())
                .Where(r => r.IsInvocation && r.Body?.Contains($"drill8 {run} storm ", StringComparison.Ordinal) == true).ToList();
            report.Add("4. 40 streams over 2 gateways (maxConcurrent 50), 20 cancelled: outcomes",
                $"{string.Join(", ", outcomes.GroupBy(o => o).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}");
            var stormTotal = stormView!.Periods.Single(p => p.Period == UsagePeriod.Total).ByFamily.GetValueOrDefault(Family);
            report.Add("4. Bedrock calls: 200 (then cut, failed mid-stream or not) / 5xx before any answer (retried elsewhere) / abandoned by the gateway",
                $"{stormAtBedrock.Count(r => r.StatusCode == 200)} / {stormAtBedrock.Count(r => r.StatusCode >= 500)} / {stormAtBedrock.Count(r => r.ClientAborted)}");
            report.Add("4. most in flight in the user grain during the storm", $"{stormMaxInFlight}");
            report.Add("4. last client done → grain has 0 in flight and 40 requests counted", slotsBack);
            report.Add("4. grain's tokens in the last minute (used + reserved) / tokens it counted for the storm",
                $"{stormView.TokensLastMinute} / {stormTotal.AllTokens}");
            Assert.DoesNotContain("timed out", outcomes);
            // 20 were to be cancelled; one whose stream the fake broke off before its cancel time ended that way instead.
            Assert.InRange(outcomes.Count(o => o == "cancelled mid-stream"), 10, 20);
            Assert.Contains(stormAtBedrock, r => r.StatusCode >= 500);
            Assert.True(slotsBack < TimeSpan.FromSeconds(5), $"slots came back after {slotsBack.TotalSeconds:0.0} s");
            // Nothing is left reserved against the tokens-per-minute window either.
            Assert.Equal(stormTotal.AllTokens, stormView.TokensLastMinute);
        }
        finally
        {
            report.Publish();
            await PatchEveryKeyAsync("""{"reset":true}""");
            foreach (var client in http)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<(IUserGrain User, string Id, string Token)> CreateUserAsync(ClusterDiagnostics diagnostics, UserLimits limits)
    {
        var id = "usr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var token = "opx-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var user = diagnostics.Client.GetGrain<IUserGrain>(id);
        await user.CreateAsync(new UserSpec("drill", null, null, limits, [], []), Hash(token));
        return (user, id, token);
    }

    /// <summary>Patches every key the fake knows, the one drill 6 added at run time too (it serves again).</summary>
    private async Task PatchEveryKeyAsync(string patchJson) =>
        await Task.WhenAll((await fixture.Fake.AccessKeyIdsAsync()).Select(id => fixture.Fake.PatchAsync(id, patchJson)));

    /// <summary>The fake's successful invocations whose body carries <paramref name="marker"/>.</summary>
    private static List<FakeRequest> Billed(IEnumerable<FakeRequest> requests, string marker) =>
        [.. requests.Where(r => r.IsInvocation && r.StatusCode == 200 && r.Body?.Contains(marker, StringComparison.Ordinal) == true)];

    /// <summary>The most requests open at once at the fake, from its own start and end times.</summary>
    private static int MaxOverlap(IEnumerable<FakeRequest> requests)
    {
        var max = 0;
        var open = 0;
        // At one instant an end comes before a start: a slot given back, then taken.
        foreach (var (_, delta) in requests
            .SelectMany(r => new[] { (At: r.StartedAt, Delta: 1), (At: r.CompletedAt ?? DateTimeOffset.MaxValue, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta))
        {
            open += delta;
            max = Math.Max(max, open);
        }

        return max;
    }

    /// <summary>The most requests the user grain had in flight while <paramref name="stop"/> was not cancelled.</summary>
    private static async Task<int> WatchInFlightAsync(IUserGrain user, CancellationToken stop)
    {
        var max = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                max = Math.Max(max, (await user.GetAsync())?.InFlight ?? 0);
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception exception) when (exception is OrleansException or TimeoutException)
            {
                // A slow read: the next one counts.
            }
        }

        return max;
    }

    /// <summary>Slots are given back off the request path, just after the answer: waits until the grain has none.</summary>
    private static Task WaitForNoneInFlightAsync(IUserGrain user) =>
        Eventually.TrueAsync(async () => (await user.GetAsync())?.InFlight == 0, TimeSpan.FromSeconds(5), "the user's slots given back");

    private static HttpRequestMessage Message(string token, string text, int maxTokens, bool stream)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/proxy/aws/claude/v1/messages")
        {
            Content = new StringContent(
                $$"""{"model":"claude-3-haiku-20240307","max_tokens":{{maxTokens}},"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{text}}"}]}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        return request;
    }

    private static async Task<UserAnswer> SendMessageAsync(HttpClient client, string token, string text, int maxTokens)
    {
        using var request = Message(token, text, maxTokens, stream: false);
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var retryAfter = response.Headers.TryGetValues("retry-after", out var values) ? values.FirstOrDefault() : null;
        return new UserAnswer((int)response.StatusCode, body, Stopwatch.GetElapsedTime(started), retryAfter);
    }

    /// <summary>Sends until the gateway answers 401 (at most 5 s); the answer and how long after the first try it came.</summary>
    private static async Task<UserAnswer> UntilRefusedAsync(HttpClient client, string token, string text)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var answer = await SendMessageAsync(client, token, text, 16);
            if (answer.Status == 401 || Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
            {
                return answer with { Elapsed = Stopwatch.GetElapsedTime(started) };
            }

            await Task.Delay(50);
        }
    }

    /// <summary>One streamed request, cancelled <paramref name="cancelAfter"/> after its answer began; how it ended.</summary>
    private static async Task<string> StreamAsync(HttpClient client, string token, string text, TimeSpan? cancelAfter)
    {
        using var request = Message(token, text, 64, stream: true);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, bound.Token);
            if (!response.IsSuccessStatusCode)
            {
                await response.Content.ReadAsStringAsync(bound.Token);
                return $"HTTP {(int)response.StatusCode}";
            }

            if (cancelAfter is { } after)
            {
                bound.CancelAfter(after);
            }

            var body = await response.Content.ReadAsStringAsync(bound.Token);
            return body.Contains("event: message_stop", StringComparison.Ordinal) ? "completed"
                : body.Contains("event: error", StringComparison.Ordinal) ? "error event mid-stream"
                : "ended incomplete";
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            return cancelAfter is null ? "timed out" : "cancelled mid-stream";
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            return "connection broke";
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    private sealed record UserAnswer(int Status, string Body, TimeSpan Elapsed, string? RetryAfter);
}
