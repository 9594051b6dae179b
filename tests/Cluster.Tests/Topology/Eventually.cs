using System.Diagnostics;

namespace OrleansProxy.Cluster.Tests.Topology;

/// <summary>Polling for conditions that other processes make true.</summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Waits until <paramref name="condition"/> holds and returns how long that took; fails after
    /// <paramref name="timeout"/>, or at once when <paramref name="hopeless"/> says it never will; the failure says what
    /// <paramref name="lastSeen"/> describes.
    /// </summary>
    public static async Task<TimeSpan> TrueAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string what, Func<bool>? hopeless = null, Func<string>? lastSeen = null)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await condition())
            {
                return Stopwatch.GetElapsedTime(started);
            }

            if (hopeless?.Invoke() == true)
            {
                throw new InvalidOperationException($"Gave up waiting for: {what} (the process exited).");
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                var seen = lastSeen is null ? "" : $" Last seen: {lastSeen()}.";
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for: {what}.{seen}");
            }

            await Task.Delay(Poll);
        }
    }
}
