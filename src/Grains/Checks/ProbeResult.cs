using OrleansProxy.Credentials;

namespace OrleansProxy.Checks;

/// <summary>What the access probe of one family proved.</summary>
/// <param name="Verdict">Whether the answer settles anything.</param>
/// <param name="Access">The access it proves (meaningful when conclusive).</param>
/// <param name="Detail">A short, secret-free description for dashboards.</param>
public sealed record ProbeResult(CheckVerdict Verdict, FamilyAccess Access, string Detail);
