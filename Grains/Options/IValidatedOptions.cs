namespace AkLight.Grains.Options;

/// <summary>
/// Options that can say what is wrong with them, so one validator (<see cref="ValidatedOptionsValidator{T}"/>)
/// serves them all and the same check runs on start and in unit tests.
/// </summary>
public interface IValidatedOptions
{
    /// <summary>The first problem, naming its key (<c>AkLight:Broker:MaxMessageBytes must be positive, got 0</c>), or null.</summary>
    string? Validate();
}
