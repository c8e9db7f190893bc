using System.Text;
using AkLight.Client.Producing;

namespace AkLight.Examples.Sightings.Generating;

/// <summary>
/// Sends a seeded scenario, one event per interval so consumers visibly keep up live: logins as JSON and logoffs
/// as tombstones on <c>users/sessions</c> (keyed by user, so one user's events stay in order), sightings on
/// <c>sightings/{region}/{species}</c> (keyed by observer).
/// </summary>
internal static class GeneratorRole
{
    public static async Task<GeneratorTotals> RunAsync(IGrainFactory grains, GeneratorSettings settings, CancellationToken cancellationToken)
    {
        var events = Scenario.Build(settings.Seed, settings.Sightings, settings.Logins);
        var sent = new List<(ScenarioEvent Event, Task<DeliveryResult> Ack)>(events.Count);
        var producer = new Producer(grains);
        await using (producer.ConfigureAwait(false))
        {
            foreach (var scenarioEvent in events) // bounded: the scenario's length
            {
                sent.Add((scenarioEvent, Send(producer, scenarioEvent)));
                await Task.Delay(settings.Interval, cancellationToken).ConfigureAwait(false);
            }
        } // disposing sends what is still queued and waits for the answers
        var acks = await Task.WhenAll(sent.Select(s => s.Ack)).ConfigureAwait(false);
        var totals = Tally(sent.Select(s => s.Event), acks);
        Console.WriteLine(totals.Describe());
        return totals;
    }

    private static Task<DeliveryResult> Send(Producer producer, ScenarioEvent scenarioEvent) => scenarioEvent switch
    {
        LoginEvent login => producer.ProduceAsync(Topics.Sessions, Key(login.User.Name),
            MessageJson.Encode(new Login(login.User.Name, login.User.Region, login.Number))),
        // The tombstone: the user's key with no payload at all (not an empty one).
        LogoffEvent logoff => producer.ProduceAsync(Topics.Sessions, Key(logoff.User.Name), null),
        SightingEvent s => producer.ProduceAsync(Topics.Sightings(s.Region.Name, s.Species), Key(s.Observer),
            MessageJson.Encode(new Sighting(s.Observer, s.Region.Name, s.Species, s.Where.Lat, s.Where.Lon, DateTimeOffset.UtcNow))),
        _ => throw new ArgumentOutOfRangeException(nameof(scenarioEvent), scenarioEvent, "unknown scenario event"),
    };

    private static byte[] Key(string text) => Encoding.UTF8.GetBytes(text);

    private static GeneratorTotals Tally(IEnumerable<ScenarioEvent> events, IReadOnlyList<DeliveryResult> acks)
    {
        var byRegion = Catalog.Regions.ToDictionary(r => r.Name, _ => 0, StringComparer.Ordinal);
        int logins = 0, logoffs = 0;
        foreach (var scenarioEvent in events)
        {
            switch (scenarioEvent)
            {
                case LoginEvent: logins++; break;
                case LogoffEvent: logoffs++; break;
                case SightingEvent s: byRegion[s.Region.Name] = byRegion.GetValueOrDefault(s.Region.Name) + 1; break;
            }
        }
        var ends = acks
            .GroupBy(a => new TopicPartition(a.Topic, a.Partition))
            .ToDictionary(g => g.Key, g => g.Max(a => a.Offset) + 1);
        return new GeneratorTotals(byRegion, logins, logoffs, logins - logoffs, ends);
    }
}
