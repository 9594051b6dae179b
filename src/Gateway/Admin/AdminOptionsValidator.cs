using Microsoft.Extensions.Options;

namespace OrleansProxy.Gateway.Admin;

/// <summary>Reports every problem with <see cref="AdminOptions"/> at once, at start-up.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
