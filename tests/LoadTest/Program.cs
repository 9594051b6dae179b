using OrleansProxy.LoadTest.Cli;
using OrleansProxy.LoadTest.Yarp;

namespace OrleansProxy.LoadTest;

/// <summary>
/// <c>OrleansProxy.LoadTest [options]</c> runs the comparison (see <see cref="LoadTestOptions"/>);
/// <c>OrleansProxy.LoadTest yarp --upstream URL --credential AK:SECRET:REGION</c> is the plain YARP signing
/// pass-through it starts as a child process; <c>OrleansProxy.LoadTest sessions --gateway-dll DLL</c> replays
/// Claude-Code-like sessions with session affinity on and off (bench/sessions.sh).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "yarp")
        {
            return await SigningPassThrough.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "sessions")
        {
            return await Sessions.SessionReplayCommand.RunAsync(args[1..]);
        }

        return await LoadTestCommand.RunAsync(args);
    }
}
