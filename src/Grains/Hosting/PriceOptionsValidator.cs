using Microsoft.Extensions.Options;

namespace OrleansProxy.Hosting;

/// <summary>Reports every problem with <see cref="PriceOptions"/> at once, at start-up.</summary>
public sealed class PriceOptionsValidator : IValidateOptions<PriceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PriceOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
