using OrleansProxy.Gateway.Errors;

namespace OrleansProxy.Gateway.Translation;

/// <summary>
/// 400 errors that name the offending field, worded like Anthropic's own validation errors
/// (<c>max_tokens: Field required</c>) so clients and people reading logs recognise them.
/// </summary>
internal static class FieldErrors
{
    public static ProxyError Required(string path) => Invalid(path, "Field required");

    public static ProxyError NotString(string path) => Invalid(path, "Input should be a valid string");

    public static ProxyError NotInteger(string path) => Invalid(path, "Input should be a valid integer");

    public static ProxyError NotNumber(string path) => Invalid(path, "Input should be a valid number");

    public static ProxyError NotBoolean(string path) => Invalid(path, "Input should be a valid boolean");

    public static ProxyError NotList(string path) => Invalid(path, "Input should be a valid list");

    public static ProxyError NotObject(string path) => Invalid(path, "Input should be a valid dictionary");

    public static ProxyError Invalid(string path, string problem) => ProxyError.InvalidRequest($"{path}: {problem}");
}
