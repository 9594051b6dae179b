using System.Collections.Concurrent;

namespace OrleansProxy.Cluster.Tests;

/// <summary>
/// Fails chosen grain calls as the cluster would while it forms (a message rejected, a silo gone), so tests can
/// check that nothing the pool decided is lost to one failed call.
/// </summary>
public sealed class CallFaults
{
    private readonly ConcurrentDictionary<(string Grain, string Method), int> _failures = new();

    /// <summary>Makes the next <paramref name="times"/> calls of <paramref name="method"/> on <paramref name="grain"/> fail.</summary>
    public void Fail(GrainId grain, string method, int times) => _failures[(grain.ToString(), method)] = times;

    /// <summary>Calls still to fail.</summary>
    public int Remaining(GrainId grain, string method) => _failures.GetValueOrDefault((grain.ToString(), method));

    /// <summary>The silo's incoming call filter.</summary>
    public Task InvokeAsync(IIncomingGrainCallContext context)
    {
        var key = (context.TargetId.ToString(), context.MethodName);
        while (_failures.TryGetValue(key, out var left) && left > 0)
        {
            if (_failures.TryUpdate(key, left - 1, left))
            {
                throw new TimeoutException($"Injected failure of {context.MethodName} on {context.TargetId}.");
            }
        }

        return context.Invoke();
    }
}
