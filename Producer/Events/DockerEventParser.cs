using System.Text.Json;
using AkLight.Monitoring.Events;

namespace AkLight.Producer.Events;

/// <summary>
/// Reads one event document of the Docker Engine's <c>/events</c> stream (<c>{"Type","Action","Actor":{"ID","Attributes"},
/// "scope","time","timeNano"}</c>, one JSON object a line) into a <see cref="ContainerEvent"/>. The engine writes
/// a health check's result into the action (<c>health_status: healthy</c>): that becomes action <c>health_status</c>
/// with status <c>healthy</c>; a <c>die</c> carries its exit code in the attribute <c>exitCode</c>.
/// </summary>
internal static class DockerEventParser
{
    private const string HealthStatusPrefix = EventActions.HealthStatus + ":";

    /// <summary>
    /// What one line says: the event and where it stands in the stream (<see cref="EngineEvent.Published"/> is null
    /// for an event the agent does not publish: another type, or an action not in <see cref="EventActions"/>).
    /// Throws <see cref="FormatException"/> for a line that is not an event document.
    /// </summary>
    public static EngineEvent Parse(string line)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException error)
        {
            throw new FormatException($"the engine sent an event that is not JSON: {error.Message}", error);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the engine sent an event that is not a JSON object");

        var type = Text(root, "Type");
        var action = Text(root, "Action") ?? throw new FormatException("the engine sent an event without an Action");
        var actor = root.TryGetProperty("Actor", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        var id = (actor.ValueKind == JsonValueKind.Object ? Text(actor, "ID") : null) ?? Text(root, "id") ?? "";
        var timeNano = TimeNano(root);
        var position = new EngineEvent(timeNano, id, action, null);
        if (type is not null && type != "container") return position;

        var (published, status) = Action(action);
        if (published is null || id.Length == 0) return position;

        var attributes = Attributes(actor);
        var name = attributes.TryGetValue("name", out var n) && n.Length > 0 ? n : id[..Math.Min(12, id.Length)];
        return position with
        {
            Published = new ContainerEvent
            {
                Action = published,
                Status = status,
                ExitCode = published == EventActions.Die && attributes.TryGetValue("exitCode", out var code) && int.TryParse(code, out var exit) ? exit : null,
                Time = DateTimeOffset.UnixEpoch.AddTicks(timeNano / 100),
                TimeNano = timeNano,
                ContainerId = id,
                Container = name,
                Image = attributes.GetValueOrDefault("image"),
                Attributes = attributes,
            },
        };
    }

    /// <summary>The published action and status for an engine action; (null, null) for one the agent leaves out.</summary>
    internal static (string? Action, string? Status) Action(string engineAction)
    {
        if (engineAction.StartsWith(HealthStatusPrefix, StringComparison.Ordinal))
            return (EventActions.HealthStatus, engineAction[HealthStatusPrefix.Length..].Trim());
        return EventActions.IsKnown(engineAction) && engineAction != EventActions.HealthStatus ? (engineAction, null) : (null, null);
    }

    /// <summary><c>timeNano</c>, else <c>time</c> (seconds) as engines before API 1.22 sent only that.</summary>
    private static long TimeNano(JsonElement root)
    {
        if (root.TryGetProperty("timeNano", out var nano) && nano.TryGetInt64(out var nanoseconds) && nanoseconds > 0) return nanoseconds;
        if (root.TryGetProperty("time", out var time) && time.TryGetInt64(out var seconds) && seconds > 0) return seconds * 1_000_000_000;
        throw new FormatException("the engine sent an event without a time");
    }

    private static Dictionary<string, string> Attributes(JsonElement actor)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (actor.ValueKind == JsonValueKind.Object && actor.TryGetProperty("Attributes", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var attribute in values.EnumerateObject())
                if (attribute.Value.ValueKind == JsonValueKind.String) attributes[attribute.Name] = attribute.Value.GetString()!;
        }
        return attributes;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// One event as read from the engine: the engine's time (nanoseconds since 1970), the actor's id and the engine's action
/// (what identifies it when the stream is read again), and the event to publish, if the agent publishes it.
/// </summary>
internal sealed record class EngineEvent(long TimeNano, string Id, string Action, ContainerEvent? Published);
