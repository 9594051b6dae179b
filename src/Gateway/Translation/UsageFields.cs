using System.Text.Json;
using OrleansProxy.Usage;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// The counts of one Messages <c>usage</c> object (an answer's, <c>message_start</c>'s or <c>message_delta</c>'s);
/// -1 where a count is absent. <c>cache_creation</c> splits the cache writes by lifetime where the model reports it.
/// </summary>
internal struct UsageFields
{
    public long Input;
    public long Output;
    public long CacheRead;
    public long CacheWrite;
    public long CacheWrite5m;
    public long CacheWrite1h;

    public static UsageFields None => new() { Input = -1, Output = -1, CacheRead = -1, CacheWrite = -1, CacheWrite5m = -1, CacheWrite1h = -1 };

    /// <summary>Keeps every count <paramref name="later"/> has: Messages usage counts are totals, never increments.</summary>
    public void Update(in UsageFields later)
    {
        Input = later.Input >= 0 ? later.Input : Input;
        Output = later.Output >= 0 ? later.Output : Output;
        CacheRead = later.CacheRead >= 0 ? later.CacheRead : CacheRead;
        CacheWrite = later.CacheWrite >= 0 ? later.CacheWrite : CacheWrite;
        CacheWrite5m = later.CacheWrite5m >= 0 ? later.CacheWrite5m : CacheWrite5m;
        CacheWrite1h = later.CacheWrite1h >= 0 ? later.CacheWrite1h : CacheWrite1h;
    }

    /// <summary>
    /// The counts as billed. <paramref name="cacheReadOverride"/> and <paramref name="cacheWriteOverride"/> are Bedrock's
    /// own counts (invocation metrics, response headers), which win where present. Writes not split by lifetime are
    /// 5-minute writes, the default lifetime.
    /// </summary>
    public readonly TokenUsage ToTokenUsage(long inputOverride = -1, long outputOverride = -1, long cacheReadOverride = -1, long cacheWriteOverride = -1)
    {
        var write = cacheWriteOverride >= 0 ? cacheWriteOverride
            : CacheWrite >= 0 ? CacheWrite
            : Math.Max(0, CacheWrite5m) + Math.Max(0, CacheWrite1h);
        var write1h = Math.Clamp(CacheWrite1h, 0, write);
        return new TokenUsage(
            inputOverride >= 0 ? inputOverride : Math.Max(0, Input),
            outputOverride >= 0 ? outputOverride : Math.Max(0, Output),
            cacheReadOverride >= 0 ? cacheReadOverride : Math.Max(0, CacheRead),
            write - write1h,
            write1h);
    }

    /// <summary>Reads a <c>usage</c> object (the reader on its start); anything else is skipped.</summary>
    public static UsageFields Read(ref Utf8JsonReader reader)
    {
        var fields = None;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return fields;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8))
            {
                fields.Input = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("output_tokens"u8))
            {
                fields.Output = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                fields.CacheRead = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                fields.CacheWrite = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("cache_creation"u8))
            {
                reader.Read();
                ReadCacheCreation(ref reader, ref fields);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return fields;
    }

    private static void ReadCacheCreation(ref Utf8JsonReader reader, ref UsageFields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ephemeral_5m_input_tokens"u8))
            {
                fields.CacheWrite5m = ReadCount(ref reader);
            }
            else if (reader.ValueTextEquals("ephemeral_1h_input_tokens"u8))
            {
                fields.CacheWrite1h = ReadCount(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Reads the next value as a non-negative count; -1 (and the value skipped) for anything else.</summary>
    public static long ReadCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var count) && count >= 0)
        {
            return count;
        }

        reader.Skip();
        return -1;
    }
}
