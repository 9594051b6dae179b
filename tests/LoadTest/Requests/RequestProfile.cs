namespace OrleansProxy.LoadTest.Requests;

/// <summary>How one row builds its requests and tells a good answer from a bad one.</summary>
internal abstract class RequestProfile
{
    /// <summary>A new request (non-streaming or streaming); the caller sends and disposes it.</summary>
    public abstract HttpRequestMessage Create(bool stream);

    /// <summary>Whether a whole answer is what a client wanted (status, content type, a marker of a complete body).</summary>
    public abstract bool IsGoodAnswer(bool stream, HttpResponseMessage response, ReadOnlySpan<byte> body);
}
