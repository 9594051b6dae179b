using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OrleansProxy.Gateway.Tests.Admin;

/// <summary>One log entry as written: category, event, the formatted message and every structured value.</summary>
public sealed record LogRecord(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string>> State, string? Exception)
{
    /// <summary>Everything the entry carries, as one text to search.</summary>
    public string AllText()
    {
        var text = new StringBuilder().Append(Category).Append(' ').Append(Message);
        foreach (var (key, value) in State)
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }

        return text.Append(' ').Append(Exception).ToString();
    }

    public string? Value(string key) => State.FirstOrDefault(p => p.Key == key).Value;
}

/// <summary>Records every log entry the gateway writes (added to the host under test), for secret scans and audit checks.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<KeyValuePair<string, string>>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values.Add(new(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
            }

            records.Enqueue(new LogRecord(category, logLevel, eventId, formatter(state, exception), values, exception?.ToString()));
        }
    }
}
