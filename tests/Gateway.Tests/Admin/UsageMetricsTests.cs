using System.Net;
using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>Cache reads, writes, hit ratio and estimated cost on /metrics, the admin summary and /api/info.</summary>
[Collection(MetricsCollection.Name)]
public sealed class UsageMetricsTests(MetricsGatewayFixture fixture)
{
    [Fact]
    public async Task CachedAnswers_ShowCacheTokensHitRatioAndCostEverywhere()
    {
        foreach (var key in fixture.Keys)
        {
            fixture.Bedrock.Credential(key.AccessKeyId).CacheUsage = new FakeCacheUsage(ReadTokens: 9000, WriteTokens: 1200);
        }

        try
        {
            Assert.True(await fixture.ServedByAsync(fixture.Keys[0], 10));
            using var client = fixture.CreateClient();
            var text = "";
            for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(250))
            {
                text = await client.GetStringAsync("/metrics");
                if (text.Contains("kind=\"cache_read\"", StringComparison.Ordinal))
                {
                    break;
                }
            }

            Assert.Matches("proxy_tokens_total\\{[^}]*direction=\"cache_read\"[^}]*\\} \\d+", text);
            Assert.Matches("proxy_tokens_total\\{[^}]*direction=\"cache_write_5m\"[^}]*\\} \\d+", text);
            Assert.Matches("proxy_cost_estimated[A-Za-z_]*\\{[^}]*family=\"claude-3-haiku\"[^}]*\\} [0-9.e-]+", text);
            Assert.Matches("proxy_pool_tokens_total\\{[^}]*kind=\"cache_read\"[^}]*\\} \\d+", text);
            Assert.Matches("proxy_pool_cache_hit_ratio[A-Za-z_]*\\{[^}]*family=\"claude-3-haiku\"[^}]*\\} 0\\.\\d+", text);
            Assert.Matches("proxy_pool_cost_estimated[A-Za-z_]*\\{[^}]*family=\"claude-3-haiku\"[^}]*\\} [0-9.e-]+", text);
            Assert.Matches("proxy_credentials_daily_quota_exhausted\\{[^}]*family=\"claude-3-haiku\"[^}]*\\} 0", text);

            var summary = await AdminJsonAsync("/admin/api/summary");
            var haiku = summary.GetProperty("pool").GetProperty("families").EnumerateArray().Single(f => f.GetProperty("family").GetString() == "claude-3-haiku");
            Assert.True(haiku.GetProperty("usage").GetProperty("cacheReadTokens").GetInt64() >= 9000);
            Assert.InRange(haiku.GetProperty("usage").GetProperty("cacheHitRatio").GetDouble(), 0.01, 1);
            var cost = summary.GetProperty("costs").EnumerateArray().Single(c => c.GetProperty("family").GetString() == "claude-3-haiku");
            Assert.True(cost.GetProperty("estimatedCostUsd").GetDecimal() > 0);
            Assert.Equal(0.03m, summary.GetProperty("prices").GetProperty("claude-3-haiku").GetProperty("cacheRead").GetDecimal());

            var info = JsonDocument.Parse(await client.GetStringAsync("/api/info")).RootElement;
            Assert.True(info.GetProperty("estimatedCostUsd").GetDecimal() > 0);
            var infoCost = info.GetProperty("costs").EnumerateArray().Single(c => c.GetProperty("family").GetString() == "claude-3-haiku");
            Assert.True(infoCost.GetProperty("cacheReadTokens").GetInt64() >= 9000);
            Assert.Contains("Cache hit ratio", await client.GetStringAsync("/"), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var key in fixture.Keys)
            {
                fixture.Bedrock.Credential(key.AccessKeyId).CacheUsage = null;
            }
        }
    }

    private async Task<JsonElement> AdminJsonAsync(string path)
    {
        using var client = fixture.CreateAdminClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
