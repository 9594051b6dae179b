namespace OrleansProxy.Gateway.Streaming;

/// <summary>What a <c>content_block</c> or <c>delta</c> of a Messages event holds.</summary>
internal enum ModelEventPart
{
    None,

    /// <summary>A text block start or a <c>text_delta</c>.</summary>
    Text,

    /// <summary>A <c>tool_use</c> block start.</summary>
    ToolUse,

    /// <summary>An <c>input_json_delta</c> (a piece of a tool call's arguments).</summary>
    InputJson,

    /// <summary>Anything else (thinking, signatures, future kinds).</summary>
    Other,
}
