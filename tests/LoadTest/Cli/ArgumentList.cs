using System.Globalization;

namespace OrleansProxy.LoadTest.Cli;

/// <summary><c>--name value</c> pairs; a name may repeat. Unknown names are the caller's to refuse.</summary>
internal sealed class ArgumentList
{
    private readonly List<(string Name, string Value)> _values = [];

    public IEnumerable<string> Names => _values.Select(v => v.Name).Distinct(StringComparer.Ordinal);

    public static ArgumentList Parse(IReadOnlyList<string> args)
    {
        var list = new ArgumentList();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new FormatException($"Unexpected argument '{args[i]}': options are --name value pairs (see bench/README.md).");
            }

            list._values.Add((args[i][2..], args[++i]));
        }

        return list;
    }

    public string? Optional(string name) => _values.LastOrDefault(v => v.Name == name).Value;

    public string Required(string name) => Optional(name) ?? throw new FormatException($"--{name} is required.");

    public IReadOnlyList<string> All(string name) => [.. _values.Where(v => v.Name == name).Select(v => v.Value)];

    public int Int(string name, int fallback, int min, int max)
    {
        if (Optional(name) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"--{name} must be a whole number from {min} to {max}.");
    }

    public TimeSpan Seconds(string name, double fallback, double min, double max)
    {
        if (Optional(name) is not { } text)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? TimeSpan.FromSeconds(value)
            : throw new FormatException($"--{name} must be a number of seconds from {min} to {max}.");
    }
}
