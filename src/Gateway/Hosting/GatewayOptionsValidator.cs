using Microsoft.Extensions.Options;

namespace OrleansProxy.Gateway.Hosting;

/// <summary>Reports every problem with <see cref="GatewayOptions"/> at once, at start-up.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
