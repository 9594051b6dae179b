namespace OrleansProxy.Users;

/// <summary>A user grain's answer to an <see cref="AdmissionRequest"/>.</summary>
/// <param name="Refusal">Why not, or <see cref="RefusalKind.None"/> when admitted.</param>
/// <param name="Message">For a refusal, the client-facing reason (names the limit; never a token).</param>
/// <param name="RetryAfter">For a refusal, when asking again may succeed.</param>
/// <param name="ResetsAt">For a spent quota or budget, when its period resets (null: never, a total).</param>
[GenerateSerializer, Immutable, Alias("OrleansProxy.Admission")]
public sealed record Admission(
    [property: Id(0)] RefusalKind Refusal,
    [property: Id(1)] string? Message = null,
    [property: Id(2)] TimeSpan RetryAfter = default,
    [property: Id(3)] DateTimeOffset? ResetsAt = null)
{
    /// <summary>Admitted.</summary>
    public static Admission Admitted { get; } = new(RefusalKind.None);

    /// <summary>Whether the request may go on.</summary>
    public bool IsAdmitted => Refusal == RefusalKind.None;
}
