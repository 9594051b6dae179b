using OrleansProxy.Models;

namespace OrleansProxy.Checks;

/// <summary>What listing a credential's region proved.</summary>
/// <param name="Verdict">Conclusive (listed, or not permitted), Revoked, Throttled or Transient (keep the last listing).</param>
/// <param name="Listing">The listing when conclusive; null when neither call was permitted.</param>
/// <param name="Detail">A short, secret-free description for dashboards.</param>
public sealed record ModelListingResult(CheckVerdict Verdict, ModelListing? Listing, string Detail);
