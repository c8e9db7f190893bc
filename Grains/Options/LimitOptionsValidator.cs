namespace AkLight.Grains.Options;

/// <summary>
/// Stops the silo at start when a limit is out of range, or when the defaults for new topics break the limits
/// (every first publish would then fail), naming the setting.
/// </summary>
internal sealed class LimitOptionsValidator(BrokerOptions broker) : IValidateOptions<LimitOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitOptions options)
    {
        if (options.Validate() is { } error) return ValidateOptionsResult.Fail(error);
        var defaults = broker.TopicDefaults.Select(r => (Setting: $"TopicDefaults rule '{r.Filter}'", Settings: new TopicSettings(r.Partitions, r.Retention)))
            .Prepend(("DefaultPartitions/DefaultRetention", new TopicSettings(broker.DefaultPartitions, broker.DefaultRetention)));
        foreach (var (setting, settings) in defaults)
        {
            try
            {
                options.CheckTopic(settings);
            }
            catch (LimitExceededException exceeded)
            {
                return ValidateOptionsResult.Fail($"{BrokerOptions.Section}:{setting} breaks a limit: {exceeded.Message}");
            }
        }
        return ValidateOptionsResult.Success;
    }
}
