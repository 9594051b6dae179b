using Microsoft.Extensions.Logging;
using OrleansProxy.Credentials;
using OrleansProxy.Pool;

namespace OrleansProxy.Hosting;

/// <summary>
/// Registers this silo's <c>AWS_CREDENTIALS</c> with the key pool once the silo is active. Every silo does it;
/// registration is idempotent. Retries until the pool answers, so a silo starting before the cluster settles
/// still registers.
/// </summary>
public sealed partial class CredentialRegistration(
    IGrainFactory grains,
    ICredentialSecretStore secrets,
    ILogger<CredentialRegistration> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _registration = Task.CompletedTask;

    /// <summary>Completes once this silo's credentials are registered.</summary>
    public Task Completion => _registration;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(
        nameof(CredentialRegistration),
        ServiceLifecycleStage.Active,
        _ =>
        {
            _registration = Task.Run(() => RegisterAsync(_stopping.Token), CancellationToken.None);
            return Task.CompletedTask;
        },
        async _ =>
        {
            await _stopping.CancelAsync();
            await _registration.ContinueWith(static _ => { }, TaskScheduler.Default);
        });

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var descriptors = secrets.All.Select(c => c.ToDescriptor(CredentialSource.Environment)).ToList();
        if (descriptors.Count == 0)
        {
            LogNoCredentials(logger);
        }

        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var result = await grains.GetGrain<IKeyPoolGrain>(IKeyPoolGrain.DefaultKey)
                    .RegisterAsync(descriptors, replaceEnvironmentSet: true);
                LogRegistered(logger, descriptors.Count, result.Added, result.Retired);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRetry(logger, attempt, exception.GetType().Name);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "AWS_CREDENTIALS holds no credentials: the proxy has no AWS keys")]
    private static partial void LogNoCredentials(ILogger logger);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Registered {Count} credentials with the key pool ({Added} new, {Retired} retired)")]
    private static partial void LogRegistered(ILogger logger, int count, int added, int retired);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Credential registration attempt {Attempt} failed ({Error}); retrying")]
    private static partial void LogRetry(ILogger logger, int attempt, string error);
}
