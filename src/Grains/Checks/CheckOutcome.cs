namespace OrleansProxy.Checks;

/// <summary>Whether a check settled everything it asked, or must be retried soon.</summary>
/// <param name="Complete">False when an answer was throttled or failed transiently.</param>
public sealed record CheckOutcome(bool Complete);
