using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansProxy.Gateway.Forwarding;
using OrleansProxy.Gateway.Hosting;
using OrleansProxy.Gateway.Tests.TestSupport;

namespace OrleansProxy.Gateway.Tests.Forwarding;

/// <summary>The gateway's one bounded queue: its length, its metrics and its pauses.</summary>
public sealed class RequestQueueTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));

    private RequestQueue Queue(int maxLength, TimeSpan? heartbeat = null) => new(
        Options.Create(new GatewayOptions { MaxQueueLength = maxLength, HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(10) }),
        _time, new ProxyMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));

    [Fact]
    public void CredentialAndUserWaits_ShareOneLength_AndTheMetricsReturnToZero()
    {
        using var length = new GatewayMeasurements(_services, "proxy.queue.length", "reason");
        using var rejected = new GatewayMeasurements(_services, "proxy.queue.rejected", "reason");
        var queue = Queue(maxLength: 2);

        var credential = queue.TryJoin(QueueReason.Credential, _time.GetTimestamp(), null);
        var user = queue.TryJoin(QueueReason.UserConcurrency, _time.GetTimestamp(), null);
        var overCredential = queue.TryJoin(QueueReason.Credential, _time.GetTimestamp(), null);
        var overUser = queue.TryJoin(QueueReason.UserConcurrency, _time.GetTimestamp(), null);

        Assert.NotNull(credential);
        Assert.NotNull(user);
        Assert.Null(overCredential);
        Assert.Null(overUser);
        Assert.Equal(2, queue.Waiting);
        Assert.Equal(["credential:1", "user_concurrency:1"], rejected.Sorted);
        // A rejected request never entered: the length counts only the two that wait.
        Assert.Equal(1, length.Sum("credential"));
        Assert.Equal(1, length.Sum("user_concurrency"));

        credential.Dispose();
        credential.Dispose();
        Assert.Equal(1, queue.Waiting);
        Assert.NotNull(queue.TryJoin(QueueReason.Credential, _time.GetTimestamp(), null));
        user.Dispose();

        Assert.Equal(1, queue.Waiting);
        Assert.Equal(1, length.Sum("credential"));
        Assert.Equal(0, length.Sum("user_concurrency"));
    }

    [Fact]
    public void NoQueue_RejectsEveryWaiter()
    {
        var queue = Queue(maxLength: 0);

        Assert.Null(queue.TryJoin(QueueReason.UserConcurrency, _time.GetTimestamp(), null));
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task Pause_IsCutToTheBudget_ThenRefusesToWait()
    {
        var queue = Queue(maxLength: 10);
        using var wait = queue.TryJoin(QueueReason.Credential, _time.GetTimestamp(), null)!;

        var pause = wait.PauseAsync(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(pause.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(await pause);
        Assert.False(await wait.PauseAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), CancellationToken.None));
        Assert.Equal(TimeSpan.FromSeconds(2), wait.Waited);
    }

    [Fact]
    public async Task Pause_IsAtLeastFiftyMilliseconds_AndSendsDueHeartbeats()
    {
        var queue = Queue(maxLength: 10, heartbeat: TimeSpan.FromMilliseconds(300));
        var heartbeats = 0;
        using var wait = queue.TryJoin(QueueReason.UserConcurrency, _time.GetTimestamp(), _ =>
        {
            heartbeats++;
            return Task.CompletedTask;
        })!;

        var quick = wait.PauseAsync(TimeSpan.Zero, TimeSpan.FromSeconds(10), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(49));
        Assert.False(quick.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await quick);
        Assert.Equal(0, heartbeats);

        // A 5 s retry hint is cut to the heartbeat that is due 250 ms later.
        var slow = wait.PauseAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.True(await slow);
        Assert.Equal(1, heartbeats);
    }

    [Fact]
    public async Task Pause_EndsWhenTheClientGoesAway()
    {
        var queue = Queue(maxLength: 10);
        using var cancel = new CancellationTokenSource();
        var wait = queue.TryJoin(QueueReason.Credential, _time.GetTimestamp(), null)!;

        var pause = wait.PauseAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pause);
        wait.Dispose();
        Assert.Equal(0, queue.Waiting);
    }

    public void Dispose() => _services.Dispose();
}
