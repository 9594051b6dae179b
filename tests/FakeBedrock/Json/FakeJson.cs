using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansProxy.Testing.FakeBedrock.Json;

/// <summary>JSON writer settings shared by every answer the fake writes.</summary>
internal static class FakeJson
{
    /// <summary>
    /// AWS writes apostrophes and non-ASCII text as is ("You don't have access…"); the default
    /// encoder would escape them as <c>\u0027</c>, which breaks tests that look at raw bodies.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
