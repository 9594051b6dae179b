using Microsoft.Extensions.Options;

namespace OrleansProxy.Hosting;

/// <summary>Reports every problem with <see cref="CredentialPoolOptions"/> at once, at start-up.</summary>
public sealed class CredentialPoolOptionsValidator : IValidateOptions<CredentialPoolOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CredentialPoolOptions options)
    {
        var problems = options.Validate().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
