using System.Text.Json;
using OrleansProxy.Bedrock;
using OrleansProxy.Credentials;

namespace OrleansProxy.Checks;

/// <summary>
/// Reads Bedrock's answers to the logging check and the access probe. Privacy first: logging counts as off only
/// when the answer conclusively says no prompt text is delivered anywhere.
/// </summary>
public static class CheckInterpreter
{
    /// <summary>Interprets a <c>GET /logging/modelinvocations</c> answer.</summary>
    public static LoggingCheckResult Logging(int statusCode, string? errorTypeHeader, string body)
    {
        if (statusCode == 200)
        {
            return LoggingFromConfiguration(body);
        }

        var error = BedrockError.From(statusCode, errorTypeHeader, MessageOf(body));
        return error.Outcome switch
        {
            OutcomeKind.Revoked => new(CheckVerdict.Revoked, LoggingCheck.NotChecked, $"{error.Type} on the logging check"),
            OutcomeKind.Throttled => new(CheckVerdict.Throttled, LoggingCheck.NotChecked, "logging check throttled"),
            // No bedrock:GetModelInvocationLoggingConfiguration permission: the status cannot be known.
            OutcomeKind.AccessDenied => new(CheckVerdict.Conclusive, LoggingCheck.Unknown,
                "no permission to read the logging configuration (bedrock:GetModelInvocationLoggingConfiguration)"),
            _ => new(CheckVerdict.Transient, LoggingCheck.NotChecked, $"logging check failed: {statusCode} {error.Type}"),
        };
    }

    /// <summary>Interprets the answer to an <c>InvokeModel</c> probe whose body Bedrock must reject.</summary>
    public static ProbeResult Probe(int statusCode, string? errorTypeHeader, string body)
    {
        if (statusCode is >= 200 and < 300)
        {
            // The probe body is invalid on purpose; an accepted call still proves access.
            return new(CheckVerdict.Conclusive, FamilyAccess.Granted, "probe accepted");
        }

        var error = BedrockError.From(statusCode, errorTypeHeader, MessageOf(body));
        switch (error.Type)
        {
            case "ValidationException" when error.Message.Contains("max_tokens", StringComparison.Ordinal):
                // Validation of the body runs only after authorisation for the model: proof of access.
                return new(CheckVerdict.Conclusive, FamilyAccess.Granted, "access proven by validation of the probe body");
            case "ValidationException" when error.Message.Contains("model identifier is invalid", StringComparison.OrdinalIgnoreCase):
                return new(CheckVerdict.Conclusive, FamilyAccess.NotInRegion, "model id not offered in this region");
            case "ResourceNotFoundException":
                return new(CheckVerdict.Conclusive, FamilyAccess.NotInRegion, "model not offered in this region");
            case "AccessDeniedException":
                return new(CheckVerdict.Conclusive, FamilyAccess.Denied, "no access to the model");
        }

        return error.Outcome switch
        {
            OutcomeKind.Revoked => new(CheckVerdict.Revoked, FamilyAccess.Unknown, $"{error.Type} on the access probe"),
            OutcomeKind.Throttled => new(CheckVerdict.Throttled, FamilyAccess.Unknown, "access probe throttled"),
            _ => new(CheckVerdict.Transient, FamilyAccess.Unknown, $"access probe inconclusive: {statusCode} {error.Type}"),
        };
    }

    private static LoggingCheckResult LoggingFromConfiguration(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Inconclusive("the logging configuration is not a JSON object");
            }

            if (!document.RootElement.TryGetProperty("loggingConfig", out var config) || config.ValueKind == JsonValueKind.Null)
            {
                return new(CheckVerdict.Conclusive, LoggingCheck.Off, "model invocation logging was never configured");
            }

            if (config.ValueKind != JsonValueKind.Object)
            {
                return Inconclusive("loggingConfig is not an object");
            }

            var hasDestination = IsObject(config, "cloudWatchConfig") || IsObject(config, "s3Config");
            if (!hasDestination)
            {
                return new(CheckVerdict.Conclusive, LoggingCheck.Off, "logging has no destination");
            }

            // AWS defaults text delivery to on; only an explicit false proves prompts are not delivered.
            if (config.TryGetProperty("textDataDeliveryEnabled", out var text) && text.ValueKind == JsonValueKind.False)
            {
                return new(CheckVerdict.Conclusive, LoggingCheck.Off, "logging is configured without text delivery");
            }

            return new(CheckVerdict.Conclusive, LoggingCheck.On, "prompts are delivered to a log destination");
        }
        catch (JsonException)
        {
            return Inconclusive("the logging configuration is not valid JSON");
        }
    }

    // An answer we cannot read is not proof that logging is off.
    private static LoggingCheckResult Inconclusive(string detail) => new(CheckVerdict.Conclusive, LoggingCheck.Unknown, detail);

    private static bool IsObject(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object;

    private static string? MessageOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && (document.RootElement.TryGetProperty("message", out var message) || document.RootElement.TryGetProperty("Message", out message))
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
