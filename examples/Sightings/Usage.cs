namespace AkLight.Examples.Sightings;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        Usage:
          AkLight.Examples.Sightings ROLE [options]

        Roles:
          all         everything below in one process; exits once every group has handled all that was
                      sent, printing checks (exit code 0 when they all hold)
          generator   sends a seeded run: logins (JSON) and logoffs (tombstones) on users/sessions,
                      sightings on sightings/{region}/{species}
          dashboard   live counts (group "dashboard"): users online, sightings per region, notifiers' lag
          notifier    greets logins and logoffs (group "notifiers", shared by every notifier)
          panel       sightings in one user's home region (group "panel-{user}")

        Options:
          --broker host:port   broker gateway (repeatable); default: $AKLIGHT_BROKERS, else 127.0.0.1:30000
          --seconds N          stop after N seconds at the latest (default 60)
          --seed N             generator: the scenario's seed (default 42)
          --sightings N        generator: sightings to send (default 200)
          --logins N           generator: logins among them, at most one per sighting (default 20)
          --interval-ms N      generator: pause between two events (default 25)
          --id N               notifier: its number, member notifier-N of the group (default 1)
          --user NAME          panel: whose panel (default alice)
          --notifiers N        all: how many notifiers share the group (default 3)
          --panels A,B         all: whose panels (default alice,bob)

        Users: alice and erin (north), bob and frank (south), carol (east), dave (west).
        Start consumers before the generator: groups new to the broker begin at the end of the log.
        Exit codes: 0 done, 1 a check or something else failed, 2 bad input, 3 broker unreachable.
        """;
}
