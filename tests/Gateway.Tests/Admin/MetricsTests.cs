using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansProxy.Credentials;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Info;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>The Prometheus scrape endpoint: the gateway's meter, the pool gauge, Orleans' and ASP.NET Core's meters.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsTests(MetricsGatewayFixture fixture)
{
    private async Task<string> ScrapeAsync()
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Metrics_ExportProxyPoolOrleansHttpAndRuntimeMeters()
    {
        _ = await fixture.ServedByAsync(fixture.Keys[0], 1);

        // The pool gauges report once the first pool snapshot has arrived. ASP.NET Core records a request's duration
        // when the request ends, which can be after its client has read the answer: a scrape right after the proxied
        // calls may not show it yet, the next one does.
        var text = await ScrapeAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(20);
             !(text.Contains("proxy_credentials{", StringComparison.Ordinal) && text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal))
             && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(250);
            text = await ScrapeAsync();
        }

        foreach (var status in Enum.GetNames<CredentialStatus>())
        {
            Assert.Matches($"proxy_credentials\\{{[^}}]*status=\"{status}\"[^}}]*\\}} \\d+", text);
        }

        Assert.Matches("proxy_credentials_disabled\\{[^}]*\\} \\d+", text);
        Assert.Matches("proxy_requests_total\\{[^}]*endpoint=\"Messages\"", text);
        Assert.Contains("proxy_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("proxy_tokens_total", text, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"Microsoft.Orleans\"", text, StringComparison.Ordinal);
        // Which Orleans instruments have a value yet depends on timing (observable gauges report on their first
        // collection); that Orleans' meter is exported with at least one orleans_* series is what matters.
        Assert.Matches("\norleans_[a-z_]+[{ ]", text);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total", text, StringComparison.Ordinal);
    }

    /// <summary>Reads this gateway's gauge directly, with the values of this pool's snapshot.</summary>
    [Fact]
    public async Task PoolGauge_CountsThisPoolsCredentialsByStatus()
    {
        var services = fixture.Factory.Services;
        var meter = services.GetRequiredService<IMeterFactory>().Create(ProxyMetrics.MeterName);
        var cache = services.GetRequiredService<PoolSnapshotCache>();
        var snapshot = await cache.GetAsync(CancellationToken.None);
        for (var deadline = DateTime.UtcNow.AddSeconds(5); snapshot.ByStatus.GetValueOrDefault(CredentialStatus.Active) < fixture.Keys.Count && DateTime.UtcNow < deadline;)
        {
            // The cache keeps a snapshot for a second; one taken while the keys were still being checked may be there.
            await Task.Delay(100);
            snapshot = await cache.GetAsync(CancellationToken.None);
        }

        var measured = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "proxy.credentials")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                measured[(string)tag.Value!] = value;
            }
        });
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(
            Enum.GetValues<CredentialStatus>().ToDictionary(s => s.ToString(), s => snapshot.ByStatus.GetValueOrDefault(s)),
            measured);
        Assert.True(measured["Active"] >= fixture.Keys.Count);
    }

    [Fact]
    public async Task Metrics_CarryNoCredentialIdOrKey()
    {
        var text = await ScrapeAsync();

        foreach (var credential in fixture.AllCredentials)
        {
            Assert.DoesNotContain(credential.Id, text, StringComparison.Ordinal);
            Assert.DoesNotContain(credential.AccessKeyId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(credential.SecretAccessKey, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(AdminGatewayFixture.TestAdminKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminGatewayFixture.ProxyKey, text, StringComparison.Ordinal);
    }
}
