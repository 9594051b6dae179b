namespace OrleansProxy.Testing.FakeBedrock.Invocation;

/// <summary>Legacy Text Completions answers: the whole completion, or its stream deltas.</summary>
internal static class TextCompletionJson
{
    public static byte[] Completion(string reply) => ModelEventJson.Write(w =>
    {
        w.WriteString("completion", reply);
        w.WriteString("stop_reason", "stop_sequence");
        w.WriteString("stop", TextCompletionBodyValidator.HumanTurn);
    });

    public static byte[] Delta(string text) => ModelEventJson.Write(w =>
    {
        w.WriteString("completion", text);
        w.WriteNull("stop_reason");
        w.WriteNull("stop");
    });

    public static byte[] Last(InvocationMetrics metrics) => ModelEventJson.Write(w =>
    {
        w.WriteString("completion", "");
        w.WriteString("stop_reason", "stop_sequence");
        w.WriteString("stop", TextCompletionBodyValidator.HumanTurn);
        ModelEventJson.WriteMetrics(w, metrics);
    });
}
