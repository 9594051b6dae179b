using System.Globalization;
using System.Reflection;
using System.Text;
using OrleansProxy.Cluster.Tests.Load;
using Xunit.Abstractions;

namespace OrleansProxy.Cluster.Tests.Drills;

/// <summary>
/// One drill's figures: printed to the test output and collected, with every other drill's of this run, in
/// <c>drill-results.md</c> beside the test assembly. Published before the drill asserts, so a failing drill still
/// leaves its figures.
/// </summary>
public sealed class DrillReport(string title, ITestOutputHelper output)
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Sections = [];
    private static readonly DateTimeOffset RunStarted = DateTimeOffset.UtcNow;
    private readonly List<(string Figure, string Value)> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>Where the run's figures are written.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "drill-results.md");

    /// <summary>Adds one figure.</summary>
    public void Add(string figure, FormattableString value) => _rows.Add((figure, value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Adds a duration in seconds.</summary>
    public void Add(string figure, TimeSpan value) => Add(figure, $"{value.TotalSeconds:0.00} s");

    /// <summary>Adds a load run's figures, labelled with <paramref name="label"/>.</summary>
    public void Add(string label, LoadFigures load)
    {
        Add($"{label}: requests sent / succeeded / failed", $"{load.Sent} / {load.Succeeded} / {load.Failed}");
        Add($"{label}: success rate", $"{load.SuccessRate * 100:0.00} %");
        Add($"{label}: latency p50 / p99 / max", $"{load.P50.TotalMilliseconds:0} / {load.P99.TotalMilliseconds:0} / {load.Max.TotalMilliseconds:0} ms");
        if (load.Disruption is { } disruption)
        {
            Add($"{label}: disruption (fault → last failed or ≥{LoadFigures.SlowRequest.TotalSeconds:0} s request done)", disruption);
        }

        foreach (var (error, count) in load.Failures.Take(5))
        {
            Add($"{label}: failed with", $"{count} × {error.ReplaceLineEndings(" ").Replace("|", "/", StringComparison.Ordinal)}");
        }
    }

    /// <summary>Adds a remark under the figures.</summary>
    public void Note(string text) => _notes.Add(text);

    /// <summary>Prints the figures and rewrites <c>drill-results.md</c> with every drill published so far.</summary>
    public void Publish()
    {
        var section = new StringBuilder().Append("## ").AppendLine(title).AppendLine()
            .AppendLine("| figure | value |").AppendLine("|---|---|");
        foreach (var (figure, value) in _rows)
        {
            section.Append("| ").Append(figure).Append(" | ").Append(value).AppendLine(" |");
        }

        foreach (var note in _notes)
        {
            section.AppendLine().AppendLine(note);
        }

        var text = section.ToString();
        output.WriteLine(text);
        lock (Gate)
        {
            Sections.Add(text);
            var configuration = typeof(DrillReport).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
            var file = new StringBuilder()
                .AppendLine("# Cluster failure drills").AppendLine()
                .AppendLine(CultureInfo.InvariantCulture,
                    $"Run of {RunStarted:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores ({configuration} build): Redis, fake Bedrock, 2 silos and 2 gateways as separate processes on 127.0.0.1.")
                .AppendLine();
            Sections.ForEach(s => file.AppendLine(s));
            File.WriteAllText(FilePath, file.ToString());
        }
    }
}
