using System.Text.Json;
using OrleansProxy.Testing.FakeBedrock.Behaviour;
using OrleansProxy.Testing.FakeBedrock.Errors;
using OrleansProxy.Testing.FakeBedrock.Invocation;

namespace OrleansProxy.Testing.FakeBedrock.Endpoints;

/// <summary>
/// <c>GET /logging/modelinvocations</c> (GetModelInvocationLoggingConfiguration). The product uses
/// keys only when this proves prompts are not logged, so each answer shape matters.
/// </summary>
internal static class LoggingEndpoint
{
    public const string DefaultAccountId = "123456789012";

    public static Task HandleAsync(BedrockCall call)
    {
        var account = call.Account;
        if (account.ThrottleControlPlane && account.TryTakeThrottle())
        {
            return call.FailAsync(AwsErrors.Throttling(account.ThrottleMessage));
        }

        var accountId = account.Account ?? DefaultAccountId;
        return account.Logging switch
        {
            FakeLoggingMode.NoPermission => call.FailAsync(AwsErrors.LoggingAccessDenied(accountId, account.Region)),
            FakeLoggingMode.ConfiguredTextOff => call.OkJsonAsync(Configured(accountId, textDelivery: false)),
            FakeLoggingMode.Enabled => call.OkJsonAsync(Configured(accountId, textDelivery: true)),
            _ => call.OkJsonAsync("{}"u8.ToArray()),
        };
    }

    private static byte[] Configured(string accountId, bool textDelivery) => ModelEventJson.Write(w =>
    {
        w.WriteStartObject("loggingConfig");
        if (textDelivery)
        {
            w.WriteStartObject("cloudWatchConfig");
            w.WriteString("logGroupName", "/aws/bedrock/modelinvocations");
            w.WriteString("roleArn", $"arn:aws:iam::{accountId}:role/fake-bedrock-invocation-logging");
            w.WriteEndObject();
        }
        else
        {
            WriteS3Config(w, accountId);
        }

        w.WriteBoolean("textDataDeliveryEnabled", textDelivery);
        w.WriteBoolean("imageDataDeliveryEnabled", textDelivery);
        w.WriteBoolean("embeddingDataDeliveryEnabled", textDelivery);
        w.WriteEndObject();
    });

    private static void WriteS3Config(Utf8JsonWriter w, string accountId)
    {
        w.WriteStartObject("s3Config");
        w.WriteString("bucketName", $"fake-bedrock-invocation-logs-{accountId}");
        w.WriteString("keyPrefix", "bedrock/");
        w.WriteEndObject();
    }
}
