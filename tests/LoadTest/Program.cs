using OrleansProxy.LoadTest.Cli;
using OrleansProxy.LoadTest.Yarp;

namespace OrleansProxy.LoadTest;

/// <summary>
/// <c>OrleansProxy.LoadTest [options]</c> runs the comparison (see <see cref="LoadTestOptions"/>);
/// <c>OrleansProxy.LoadTest yarp --upstream URL --credential AK:SECRET:REGION</c> is the plain YARP signing
/// pass-through it starts as a child process.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "yarp")
        {
            return await SigningPassThrough.RunAsync(args[1..]);
        }

        return await LoadTestCommand.RunAsync(args);
    }
}
