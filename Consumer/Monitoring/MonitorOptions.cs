namespace AkLight.Consumer.Monitoring;

/// <summary>What the monitor was asked to do: the command line first, then the <c>AKLIGHT_*</c> variables, then defaults.</summary>
/// <param name="Filters">Topic filters to watch (<c>--filter</c>, <c>AKLIGHT_FILTERS</c>, default <c>metrics/docker/#</c> and <c>events/docker/#</c>).</param>
/// <param name="SessionId">The session (<c>--session</c>, <c>AKLIGHT_SESSION</c>, default <c>monitor-&lt;machine name&gt;</c>).</param>
/// <param name="Persistent">Keep the session's offsets (<c>--persistent</c>, <c>AKLIGHT_PERSISTENT</c>, default false).</param>
/// <param name="Rules">Threshold and event rules (<c>--rules FILE</c>, <c>AKLIGHT_RULES</c>, default <see cref="RuleSet.BuiltIn"/>).</param>
/// <param name="RulesSource">Where the rules came from, for the start line.</param>
/// <param name="Webhook">Where to POST alerts (<c>--webhook</c>, <c>AKLIGHT_WEBHOOK</c>), or null.</param>
/// <param name="WhatsApp">Where to send alerts on WhatsApp through Twilio (<c>--whatsapp-to</c>, <c>TWILIO_*</c>), or null.</param>
/// <param name="SilenceIntervals">Missed intervals before the silence alarm (<c>--silence-intervals</c>, <c>AKLIGHT_SILENCE_INTERVALS</c>, default 3).</param>
/// <param name="Plain">Plain lines instead of the live table (<c>--plain</c>; also whenever standard output is not a terminal).</param>
/// <param name="Brokers">Broker addresses; empty means <c>AKLIGHT_BROKERS</c> or the default.</param>
internal sealed record class MonitorOptions(
    IReadOnlyList<string> Filters,
    string SessionId,
    bool Persistent,
    RulesFile Rules,
    string RulesSource,
    Uri? Webhook,
    WhatsAppSettings? WhatsApp,
    int SilenceIntervals,
    bool Plain,
    IReadOnlyList<string> Brokers)
{
    public const string FiltersVariable = "AKLIGHT_FILTERS";
    public const string SessionVariable = "AKLIGHT_SESSION";
    public const string PersistentVariable = "AKLIGHT_PERSISTENT";
    public const string RulesVariable = "AKLIGHT_RULES";
    public const string WebhookVariable = "AKLIGHT_WEBHOOK";
    public const string SilenceIntervalsVariable = "AKLIGHT_SILENCE_INTERVALS";

    public const int DefaultSilenceIntervals = 3;

    public static readonly string[] ValueOptions = ["filter", "session", "rules", "webhook", "whatsapp-to", "silence-intervals", "broker"];

    public static readonly string[] Switches = ["persistent", "plain", "help"];

    /// <summary>Reads the monitor's settings; throws <see cref="UsageException"/> for anything wrong, naming the option or variable.</summary>
    /// <param name="environment">Looks up an environment variable (tests pass their own).</param>
    public static MonitorOptions From(ParsedArguments args, Func<string, string?> environment)
    {
        string? Variable(string name) => environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        IReadOnlyList<string> filters = args.All("filter") is { Count: > 0 } given ? given
            : Variable(FiltersVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } listed ? listed
            : [MetricTopics.AllMetrics, EventTopics.AllEvents];
        foreach (var filter in filters)
        {
            if (TopicFilter.Validate(filter) is { } problem) throw new UsageException(problem);
        }

        var session = args.Single("session") ?? Variable(SessionVariable) ?? $"monitor-{Environment.MachineName}";
        if (string.IsNullOrWhiteSpace(session)) throw new UsageException("option '--session' needs a non-empty id");

        var persistent = args.Has("persistent") || ParseBool(Variable(PersistentVariable), PersistentVariable);

        var rulesPath = args.Single("rules") ?? Variable(RulesVariable);
        var rules = rulesPath is null ? RuleSet.BuiltIn : RuleSet.Load(rulesPath);

        var webhookText = args.Single("webhook");
        var webhook = ParseWebhook(webhookText ?? Variable(WebhookVariable), webhookText is null ? WebhookVariable : "option '--webhook'");

        var whatsApp = WhatsAppSettings.Read(args.All("whatsapp-to"), Variable);

        var silenceIntervals = args.PositiveInt("silence-intervals")
            ?? ParsePositive(Variable(SilenceIntervalsVariable), SilenceIntervalsVariable)
            ?? DefaultSilenceIntervals;

        return new MonitorOptions(filters, session, persistent, rules, rulesPath ?? "built-in rules", webhook, whatsApp, silenceIntervals, args.Has("plain"), args.All("broker"));
    }

    private static bool ParseBool(string? text, string variable) => text?.ToLowerInvariant() switch
    {
        null or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new UsageException($"{variable} must be true or false, not '{text}'"),
    };

    private static int? ParsePositive(string? text, string variable)
    {
        if (text is null) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new UsageException($"{variable} needs a positive whole number, not '{text}'");
    }

    private static Uri? ParseWebhook(string? text, string source)
    {
        if (text is null) return null;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"{source} needs an http:// or https:// URL, not '{text}'");
    }
}
