using OrleansProxy.Credentials;

namespace OrleansProxy.Checks;

/// <summary>The logging check's answer and what it proves.</summary>
/// <param name="Verdict">Whether the answer settles anything.</param>
/// <param name="Logging">The logging status it proves (meaningful when conclusive).</param>
/// <param name="Detail">A short, secret-free description for dashboards.</param>
public sealed record LoggingCheckResult(CheckVerdict Verdict, LoggingCheck Logging, string Detail);
