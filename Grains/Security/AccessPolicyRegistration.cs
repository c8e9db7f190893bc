using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AkLight.Grains.Security;

/// <summary>
/// Reads <c>AkLight:Security</c> and the principals file once, while the host is built, and registers the one
/// <see cref="AccessPolicy"/>: the listeners' exposure checks and every door then ask it. A bad or empty file, or
/// one still holding salted passwords that cannot be converted, stops the silo before anything listens.
/// </summary>
public static class AccessPolicyRegistration
{
    /// <summary>The registered policy; loaded and registered on the first call.</summary>
    public static AccessPolicy AddAccessPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(AccessPolicy))?.ImplementationInstance is AccessPolicy registered) return registered;
        var options = configuration.GetValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        services.AddValidatedOptions<SecurityOptions>(SecurityOptions.Section);
        var throttle = new LoginThrottle(TimeProvider.System, options.MaxFailedLogins, options.FailedLoginWindow);
        AccessPolicy policy;
        if (!options.RequiresAuthentication) policy = new AccessPolicy(null, throttle);
        else
        {
            var path = options.PrincipalsFile;
            var migrated = MigrateAtStart(path);
            var principals = PrincipalsFile.Load(path);
            PrincipalsFile.CheckServesSomeone(principals, path);
            policy = new AccessPolicy(principals, throttle);
            services.AddHostedService(sp => new PrincipalsFileLog(sp.GetRequiredService<ILogger<PrincipalsFileLog>>(), Path.GetFullPath(path), principals.Count, migrated));
        }
        services.AddSingleton(policy);
        return policy;
    }

    /// <summary>Converts an old file in place; the silo never serves with salted passwords left on disk.</summary>
    private static IReadOnlyList<string> MigrateAtStart(string path)
    {
        try
        {
            return PrincipalsFileMigration.Migrate(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException && error is not FileNotFoundException)
        {
            throw new InvalidOperationException(
                $"principals file '{path}' holds keys in the old pbkdf2-sha256 form (salted passwords, which SCRAM accepts as passwords) " +
                $"and the silo cannot rewrite it ({error.Message}): run `AkLight.Silo principal migrate --file {path}` as a user who may write it, then start the silo again", error);
        }
    }
}
