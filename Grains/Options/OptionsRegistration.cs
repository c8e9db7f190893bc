using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AkLight.Grains.Options;

/// <summary>
/// The one way AKLight registers options: bound from their configuration section, checked by a validator when the
/// host starts (a bad value stops the silo with a message naming the key, rather than failing on first use).
/// </summary>
public static class OptionsRegistration
{
    /// <summary>Options that validate themselves (<see cref="IValidatedOptions"/>).</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class, IValidatedOptions =>
        services.AddValidatedOptions<T, ValidatedOptionsValidator<T>>(section);

    /// <summary>Options whose check needs more than themselves (other options, files): <typeparamref name="TValidator"/> does it.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T, TValidator>(this IServiceCollection services, string section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// Options needed while the host is still being built (which store, which listeners): bound the same way and
    /// validated at once, throwing what <c>ValidateOnStart</c> would.
    /// </summary>
    public static T GetValidatedOptions<T>(this IConfiguration configuration, string section) where T : class, IValidatedOptions, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        if (options.Validate() is { } problem) throw new OptionsValidationException(Microsoft.Extensions.Options.Options.DefaultName, typeof(T), [problem]);
        return options;
    }
}
