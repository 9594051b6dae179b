using OrleansProxy.Pool;

namespace OrleansProxy.Gateway.Tests.TestSupport;

/// <summary>Waits for the key pool to reach a state: credential summaries reach it as one-way messages.</summary>
internal static class PoolWait
{
    public static async Task UntilAsync(IKeyPoolGrain pool, Func<PoolSnapshot, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition(await pool.GetSnapshotAsync()))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The pool did not reach the expected state within 15 s.");
            }

            await Task.Delay(20);
        }
    }
}
