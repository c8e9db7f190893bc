namespace AkLight.Grains.Options;

/// <summary>Validates options by what they say of themselves (<see cref="IValidatedOptions.Validate"/>).</summary>
public sealed class ValidatedOptionsValidator<T> : IValidateOptions<T> where T : class, IValidatedOptions
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
