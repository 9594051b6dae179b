namespace OrleansProxy.Gateway.Translation;

/// <summary>A slice of a JSON document, kept as offsets so the bytes can be copied out later without decoding.</summary>
/// <param name="Start">Offset of the first byte.</param>
/// <param name="Length">Length in bytes; 0 means absent.</param>
internal readonly record struct JsonRange(int Start, int Length)
{
    public bool IsEmpty => Length == 0;

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> json) => json.Slice(Start, Length);
}
