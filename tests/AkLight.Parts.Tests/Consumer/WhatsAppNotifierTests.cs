using AkLight.TestSupport;

namespace AkLight.Parts.Tests.Consumer;

/// <summary>Alerts to WhatsApp through Twilio's Messages API, against a local fake that checks the request as Twilio defines it.</summary>
public sealed class WhatsAppNotifierTests
{
    private const string Sender = "+14155238886";
    private const string Recipient = "+491701234567";

    private static AlertEvent Alert(string rule = "cpu-high") =>
        new(rule, "h1", "web", true, 93.1, new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero), $"FIRING {rule} on h1/web: cpu = 93.1 (cpu > 80 for 30s)");

    private static Dictionary<string, string> Variables(FakeTwilio twilio, string token = FakeTwilio.AuthToken) => new()
    {
        [WhatsAppSettings.AccountSidVariable] = FakeTwilio.AccountSid,
        [WhatsAppSettings.AuthTokenVariable] = token,
        [WhatsAppSettings.FromVariable] = Sender,
        [WhatsAppSettings.ApiUrlVariable] = twilio.ApiUrl,
    };

    private static WhatsAppSettings Settings(IReadOnlyDictionary<string, string> variables, params string[] to) =>
        WhatsAppSettings.Read(to, name => variables.GetValueOrDefault(name))!;

    private static AlertNotifier Notifier(WhatsAppSettings settings, List<string> reports) =>
        new(new TwilioWhatsAppChannel(settings, settings.To[0]), report => { lock (reports) reports.Add(report); }, TimeSpan.FromMilliseconds(1));

    [Fact]
    public async Task Each_alert_is_one_form_encoded_message_with_basic_auth_in_order()
    {
        await using var twilio = new FakeTwilio();
        var reports = new List<string>();
        await using (var notifier = Notifier(Settings(Variables(twilio), Recipient), reports))
        {
            notifier.Notify(Alert("a"));
            notifier.Notify(Alert("b"));
        } // closing sends what is queued

        Assert.Equal([201, 201], twilio.Answers);
        var messages = twilio.Messages.ToArray();
        Assert.All(messages, m =>
        {
            Assert.Equal("whatsapp:" + Recipient, m["To"]);
            Assert.Equal("whatsapp:" + Sender, m["From"]);
        });
        Assert.Equal("AKLight: FIRING a on h1/web: cpu = 93.1 (cpu > 80 for 30s) at 2026-11-25 12:00:01 UTC", messages[0]["Body"]);
        Assert.StartsWith("AKLight: FIRING b ", messages[1]["Body"], StringComparison.Ordinal);
        Assert.Empty(reports);
    }

    [Fact]
    public async Task Failures_are_retried_with_backoff_and_a_refusal_is_reported_without_the_secret()
    {
        await using var twilio = new FakeTwilio();
        var reports = new List<string>();

        twilio.FailNext(AlertNotifier.Attempts - 1);
        await using (var notifier = Notifier(Settings(Variables(twilio), Recipient), reports)) notifier.Notify(Alert());
        Assert.Equal([503, 503, 201], twilio.Answers);
        Assert.Single(twilio.Messages);
        Assert.Empty(reports);

        const string wrongToken = "wrong-token-0d9c";
        await using (var notifier = Notifier(Settings(Variables(twilio, wrongToken), Recipient), reports)) notifier.Notify(Alert());
        Assert.Equal(401, twilio.Answers.Last());
        Assert.Equal(4, twilio.Answers.Count); // a refusal is not tried again
        var report = Assert.Single(reports);
        Assert.Contains("401", report, StringComparison.Ordinal);
        Assert.Contains("Authenticate (Twilio error 20003)", report, StringComparison.Ordinal);
        Assert.Contains(Recipient, report, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_API_is_tried_a_bounded_number_of_times_then_reported()
    {
        var variables = new Dictionary<string, string>
        {
            [WhatsAppSettings.AccountSidVariable] = FakeTwilio.AccountSid,
            [WhatsAppSettings.AuthTokenVariable] = FakeTwilio.AuthToken,
            [WhatsAppSettings.FromVariable] = Sender,
            [WhatsAppSettings.ApiUrlVariable] = $"http://127.0.0.1:{FreePorts.Pick()}",
        };
        var reports = new List<string>();
        await using (var notifier = Notifier(Settings(variables, Recipient), reports)) notifier.Notify(Alert());

        var report = Assert.Single(reports);
        Assert.Contains($"after {AlertNotifier.Attempts} attempt(s)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_name_what_is_missing_or_wrong_and_never_show_the_token()
    {
        var complete = new Dictionary<string, string>
        {
            [WhatsAppSettings.AccountSidVariable] = FakeTwilio.AccountSid,
            [WhatsAppSettings.AuthTokenVariable] = FakeTwilio.AuthToken,
            [WhatsAppSettings.FromVariable] = "whatsapp:" + Sender,
        };
        string? Lookup(Dictionary<string, string> v, string name) => v.GetValueOrDefault(name);

        Assert.Null(WhatsAppSettings.Read([], name => Lookup(complete, name)));
        var settings = WhatsAppSettings.Read([Recipient], name => Lookup(complete, name))!;
        Assert.Equal(Sender, settings.From);
        Assert.Equal(WhatsAppSettings.DefaultApiUrl, settings.ApiUrl);
        Assert.DoesNotContain(FakeTwilio.AuthToken, settings.ToString(), StringComparison.Ordinal);

        var fromVariable = WhatsAppSettings.Read([], name => name == WhatsAppSettings.ToVariable ? $"{Recipient}, +15551234567" : Lookup(complete, name))!;
        Assert.Equal([Recipient, "+15551234567"], fromVariable.To);

        var missing = Assert.Throws<UsageException>(() => WhatsAppSettings.Read([Recipient], name => name == WhatsAppSettings.AuthTokenVariable ? null : Lookup(complete, name)));
        Assert.Contains(WhatsAppSettings.AuthTokenVariable, missing.Message, StringComparison.Ordinal);
        var badNumber = Assert.Throws<UsageException>(() => WhatsAppSettings.Read(["0170 1234"], name => Lookup(complete, name)));
        Assert.Contains("--whatsapp-to", badNumber.Message, StringComparison.Ordinal);
        Assert.Contains("E.164", badNumber.Message, StringComparison.Ordinal);
        var badSid = Assert.Throws<UsageException>(() => WhatsAppSettings.Read([Recipient], name => name == WhatsAppSettings.AccountSidVariable ? "nope" : Lookup(complete, name)));
        Assert.Contains(WhatsAppSettings.AccountSidVariable, badSid.Message, StringComparison.Ordinal);
    }
}
