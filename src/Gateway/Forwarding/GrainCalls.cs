namespace OrleansProxy.Gateway.Forwarding;

/// <summary>
/// Retries grain calls that failed because the cluster changed under them (a silo died, a message was rejected
/// while grains moved, a call timed out), with a short capped backoff. Errors from the grains' own logic are
/// not retried.
/// </summary>
public static class GrainCalls
{
    private static readonly TimeSpan[] Delays =
    [
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500),
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4),
    ];

    /// <summary>Whether a grain call's exception means "try again", not "this failed".</summary>
    public static bool IsTransient(Exception exception) => exception is TimeoutException
        or SiloUnavailableException
        or OrleansMessageRejectionException
        or GatewayTooBusyException
        or Orleans.Runtime.Messaging.ConnectionFailedException
        or OrleansException { InnerException: TimeoutException or SiloUnavailableException };

    /// <summary>Runs <paramref name="call"/> until it succeeds, fails for good, or the retries run out.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, Action<Exception, int>? onRetry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (attempt < Delays.Length && IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                onRetry?.Invoke(exception, attempt + 1);
                await Task.Delay(Delays[attempt], cancellationToken);
            }
        }
    }
}
