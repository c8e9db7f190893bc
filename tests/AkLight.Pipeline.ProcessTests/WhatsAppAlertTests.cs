namespace AkLight.Pipeline.ProcessTests;

/// <summary>
/// The monitor as a real process with <c>--whatsapp-to</c>: a firing alert reaches the (fake, local) Twilio
/// Messages API as a WhatsApp message, and the auth token appears nowhere in the monitor's output.
/// </summary>
public sealed class WhatsAppAlertTests
{
    private const string Recipient = "+491701234567";

    [Fact]
    public async Task A_firing_alert_is_sent_to_WhatsApp_through_Twilio()
    {
        await using var twilio = new FakeTwilio();
        await using var silo = await SiloProcess.StartAsync();
        var rules = Path.GetTempFileName();
        await File.WriteAllTextAsync(rules, "cpu > 50\n");
        try
        {
            using var monitor = ProcessRunner.StartDotnet(RepositoryPaths.ConsumerDll,
                ["monitor", "--plain", "--rules", rules, "--whatsapp-to", Recipient, "--broker", silo.Broker],
                environment: new Dictionary<string, string?>
                {
                    ["TWILIO_ACCOUNT_SID"] = FakeTwilio.AccountSid,
                    ["TWILIO_AUTH_TOKEN"] = FakeTwilio.AuthToken,
                    ["TWILIO_WHATSAPP_FROM"] = "+14155238886",
                    ["TWILIO_API_URL"] = twilio.ApiUrl,
                });
            await monitor.WaitForStdoutAsync(lines => lines.Any(l => l.StartsWith("monitoring ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30));
            Assert.Contains(monitor.Stdout, l => l.Contains($"WhatsApp to {Recipient}", StringComparison.Ordinal));

            var reading = string.Create(CultureInfo.InvariantCulture,
                $$"""{"value":90,"unit":"%","ts":"{{DateTimeOffset.UtcNow:O}}","producer":"e2e-agent","interval":1}""");
            var send = await Tools.ProducerAsync(["send", "--topic", "metrics/docker/h1/web/cpu", "--key", "web", "--message", reading, "--broker", silo.Broker]);
            Assert.True(send.ExitCode == 0, send.ToString());

            await Wait.UntilAsync(() => !twilio.Messages.IsEmpty, TimeSpan.FromSeconds(30), "the alert to reach Twilio", monitor.Describe);
            var message = Assert.Single(twilio.Messages);
            Assert.Equal("whatsapp:" + Recipient, message["To"]);
            Assert.StartsWith("AKLight: FIRING cpu-high on h1/web", message["Body"], StringComparison.Ordinal);

            monitor.Terminate();
            Assert.True(await monitor.WaitForExitAsync(TimeSpan.FromSeconds(20)) == 0, monitor.Describe());
            Assert.DoesNotContain(FakeTwilio.AuthToken, monitor.Describe(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rules);
        }
    }
}
