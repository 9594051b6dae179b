using System.Globalization;
using System.Text.Json;
using OrleansProxy.Usage;
using OrleansProxy.Users;

namespace OrleansProxy.Gateway.Users;

/// <summary>
/// The one JSON form of a <see cref="UserView"/>, shared by the admin API, the dashboard and <c>/v1/me</c>: camelCase,
/// ISO-8601 UTC timestamps, nulls for unset settings. A view carries no token or token hash, so neither can leak here.
/// </summary>
public static class UserJson
{
    /// <summary>The view as a UTF-8 JSON object.</summary>
    public static byte[] ToUtf8(UserView view)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, view);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the view as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, UserView view)
    {
        var spec = view.Spec;
        writer.WriteStartObject();
        writer.WriteString("id", view.Id);
        writer.WriteString("name", spec.Name);
        WriteTime(writer, "created", view.Created);
        WriteTime(writer, "expiresAt", spec.ExpiresAt);
        writer.WriteBoolean("disabled", view.Disabled);
        WriteString(writer, "disabledReason", view.DisabledReason);
        WriteTime(writer, "tokenRotated", view.TokenRotated);
        WriteFamilies(writer, spec.AllowedFamilies);
        WriteLimits(writer, spec.Limits);
        WriteQuotas(writer, view.Quotas);
        WriteBudgets(writer, view.Budgets);
        writer.WriteNumber("inFlight", view.InFlight);
        writer.WriteNumber("requestsLastMinute", view.RequestsLastMinute);
        writer.WriteNumber("tokensLastMinute", view.TokensLastMinute);
        WriteUsage(writer, view.Periods);
        writer.WriteEndObject();
    }

    /// <summary>Writes a usage counter set's fields (requests, the five token kinds, cost) into the current object.</summary>
    public static void WriteCounters(Utf8JsonWriter writer, UsageCounters usage)
    {
        writer.WriteNumber("requests", usage.Requests);
        writer.WriteNumber("inputTokens", usage.Tokens.Input);
        writer.WriteNumber("outputTokens", usage.Tokens.Output);
        writer.WriteNumber("cacheReadInputTokens", usage.Tokens.CacheRead);
        writer.WriteNumber("cacheWrite5mInputTokens", usage.Tokens.CacheWrite5m);
        writer.WriteNumber("cacheWrite1hInputTokens", usage.Tokens.CacheWrite1h);
        writer.WriteNumber("costUsd", usage.CostUsd);
    }

    /// <summary>A UTC instant as the API writes it: <c>2026-12-04T00:00:00Z</c>, fractions only when there are some.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void WriteFamilies(Utf8JsonWriter writer, IReadOnlyList<string>? families)
    {
        if (families is not { Count: > 0 })
        {
            writer.WriteNull("allowedFamilies");
            return;
        }

        writer.WriteStartArray("allowedFamilies");
        foreach (var family in families)
        {
            writer.WriteStringValue(family);
        }

        writer.WriteEndArray();
    }

    private static void WriteLimits(Utf8JsonWriter writer, UserLimits limits)
    {
        writer.WriteStartObject("limits");
        WriteNumber(writer, "maxConcurrent", limits.MaxConcurrent);
        WriteNumber(writer, "requestsPerMinute", limits.RequestsPerMinute);
        WriteNumber(writer, "tokensPerMinute", limits.TokensPerMinute);
        writer.WriteEndObject();
    }

    private static void WriteQuotas(Utf8JsonWriter writer, IReadOnlyList<QuotaStatus> quotas) =>
        WriteObjects(writer, "quotas", quotas, static (w, quota) =>
        {
            w.WriteString("family", quota.Quota.Family);
            w.WriteString("period", UsagePeriods.Name(quota.Quota.Period));
            w.WriteNumber("tokens", quota.Quota.Tokens);
            w.WriteNumber("used", quota.Used);
            w.WriteNumber("left", quota.Left);
            WriteTime(w, "resetsAt", quota.ResetsAt);
        });

    private static void WriteBudgets(Utf8JsonWriter writer, IReadOnlyList<BudgetStatus> budgets) =>
        WriteObjects(writer, "budgets", budgets, static (w, budget) =>
        {
            w.WriteString("period", UsagePeriods.Name(budget.Budget.Period));
            w.WriteNumber("usd", budget.Budget.Usd);
            w.WriteNumber("spentUsd", budget.SpentUsd);
            w.WriteNumber("leftUsd", budget.LeftUsd);
            WriteTime(w, "resetsAt", budget.ResetsAt);
        });

    /// <summary>Writes <paramref name="name"/> as an array holding one object per item.</summary>
    private static void WriteObjects<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStartObject();
            writeFields(writer, item);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteUsage(Utf8JsonWriter writer, IReadOnlyList<PeriodUsage> periods)
    {
        writer.WriteStartObject("usage");
        foreach (var period in periods)
        {
            writer.WriteStartObject(UsagePeriods.Name(period.Period));
            WriteTime(writer, "start", period.Start);
            WriteTime(writer, "resetsAt", period.ResetsAt);
            writer.WriteStartObject("families");
            foreach (var (family, usage) in period.ByFamily.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(family);
                WriteCounters(writer, usage);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is { } value)
        {
            writer.WriteString(name, FormatTime(value));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
