using System.Runtime.InteropServices;
using OrleansProxy.Testing.FakeBedrock.Hosting;

namespace OrleansProxy.Testing.FakeBedrock;

/// <summary>
/// Standalone fake Bedrock for out-of-process tests, benchmarks and cluster drills:
/// <c>dotnet run --project tests/FakeBedrock -- --urls http://127.0.0.1:5099 --credentials "AKIA…:secret:us-east-1"</c>.
/// Prints <c>FakeBedrock listening on …</c> once it accepts requests.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        CommandLine commandLine;
        try
        {
            commandLine = CommandLine.Parse(args, Environment.GetEnvironmentVariable("FAKE_BEDROCK_CREDENTIALS"));
        }
        catch (FormatException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 2;
        }

        await using var server = await FakeBedrockServer.StartAsync(commandLine.Options);
        foreach (var (accessKeyId, secretAccessKey, region) in commandLine.Credentials)
        {
            server.AddCredential(accessKeyId, secretAccessKey, region);
        }

        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stopping.TrySetResult(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stopping.TrySetResult(); });

        Console.WriteLine($"FakeBedrock listening on {server.BaseUri.GetLeftPart(UriPartial.Authority)}");
        await stopping.Task;
        return 0;
    }
}
