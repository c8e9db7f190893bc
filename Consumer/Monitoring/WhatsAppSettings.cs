using System.Text.RegularExpressions;

namespace AkLight.Consumer.Monitoring;

/// <summary>
/// Alerts to WhatsApp through Twilio's Messages API: recipients from <c>--whatsapp-to</c> (repeatable) or
/// <c>AKLIGHT_WHATSAPP_TO</c> (comma-separated), the account and sender from the <c>TWILIO_*</c> variables only
/// (secrets stay off command lines, and out of <see cref="ToString"/> and every report).
/// </summary>
/// <remarks>Built by <see cref="Read"/>, which checks every part.</remarks>
internal sealed partial class WhatsAppSettings(string accountSid, string authToken, string from, IReadOnlyList<string> to, Uri apiUrl)
{
    public const string ToVariable = "AKLIGHT_WHATSAPP_TO";
    public const string AccountSidVariable = "TWILIO_ACCOUNT_SID";
    public const string AuthTokenVariable = "TWILIO_AUTH_TOKEN";
    public const string FromVariable = "TWILIO_WHATSAPP_FROM";
    public const string ApiUrlVariable = "TWILIO_API_URL";

    /// <summary>Twilio's REST API; tests point <see cref="ApiUrlVariable"/> at a local fake.</summary>
    public static readonly Uri DefaultApiUrl = new("https://api.twilio.com/");

    public string AccountSid { get; } = accountSid;

    public string AuthToken { get; } = authToken;

    /// <summary>The sender, E.164 (<c>+14155238886</c>): a WhatsApp-enabled Twilio number.</summary>
    public string From { get; } = from;

    /// <summary>Recipients, E.164.</summary>
    public IReadOnlyList<string> To { get; } = to;

    public Uri ApiUrl { get; } = apiUrl;

    /// <summary>The settings, or null when no recipient is given; throws <see cref="UsageException"/> naming what is missing or wrong.</summary>
    public static WhatsAppSettings? Read(IReadOnlyList<string> toOptions, Func<string, string?> variable)
    {
        var fromOption = toOptions.Count > 0;
        var to = fromOption ? toOptions : variable(ToVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (to.Count == 0) return null;
        var source = fromOption ? "option '--whatsapp-to'" : ToVariable;
        var recipients = to.Select(number => Number(number, source)).ToArray();

        string Required(string name) => variable(name) ?? throw new UsageException($"alerts to WhatsApp need {name} (Twilio's {Describe(name)})");
        var sid = Required(AccountSidVariable);
        if (!AccountSidPattern().IsMatch(sid)) throw new UsageException($"{AccountSidVariable} must be a Twilio account SID: AC and 32 hexadecimal digits");
        var token = Required(AuthTokenVariable);
        var from = Number(Required(FromVariable), FromVariable);
        var api = variable(ApiUrlVariable) is { } text ? ApiUrlFrom(text) : DefaultApiUrl;
        return new WhatsAppSettings(sid, token, from, recipients, api);
    }

    /// <summary>Without the auth token.</summary>
    public override string ToString() => $"WhatsApp from {From} to {string.Join(", ", To)} via {ApiUrl} (account {AccountSid})";

    private static string Number(string text, string source)
    {
        var number = text.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase) ? text["whatsapp:".Length..] : text;
        return PhoneNumberPattern().IsMatch(number)
            ? number
            : throw new UsageException($"{source} needs a phone number in E.164 form (+ country code and number, e.g. +14155238886), not '{text}'");
    }

    private static Uri ApiUrlFrom(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"{ApiUrlVariable} needs an http:// or https:// URL, not '{text}'");

    private static string Describe(string variable) => variable switch
    {
        AccountSidVariable => "account SID",
        AuthTokenVariable => "auth token",
        _ => "WhatsApp sender number",
    };

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhoneNumberPattern();

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();
}
