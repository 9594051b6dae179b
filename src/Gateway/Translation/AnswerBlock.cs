namespace OrleansProxy.Gateway.Translation;

/// <summary>A content block of a Messages answer, as ranges into the answer JSON.</summary>
/// <param name="IsText">A <c>text</c> block (else a <c>tool_use</c> block; other kinds are not kept).</param>
/// <param name="Text">Text blocks: the string's escaped contents, without quotes.</param>
/// <param name="Id">Tool use: the id JSON string, with quotes.</param>
/// <param name="Name">Tool use: the name JSON string, with quotes.</param>
/// <param name="Input">Tool use: the input JSON object.</param>
internal readonly record struct AnswerBlock(bool IsText, JsonRange Text, JsonRange Id, JsonRange Name, JsonRange Input);
