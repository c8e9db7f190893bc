using System.Text.Encodings.Web;
using System.Text.Json;

namespace AkLight.Consumer.Groups;

/// <summary>
/// The groups as one JSON document:
/// <c>{"groups":[{"group","members":[{"id","filters","partitions","lastHeartbeat"}],
/// "partitions":[{"topic","partition","owner","committed","logEndOffset","lag"}],"lag"}]}</c>.
/// A partition's <c>committed</c> and <c>owner</c> are null when the group has none.
/// </summary>
internal static class GroupsJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, IReadOnlyList<GroupDescription> groups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteStartArray("groups");
            foreach (var group in groups) WriteGroup(json, group);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteGroup(Utf8JsonWriter json, GroupDescription group)
    {
        json.WriteStartObject();
        json.WriteString("group", group.Group);
        json.WriteStartArray("members");
        foreach (var member in group.Members)
        {
            json.WriteStartObject();
            json.WriteString("id", member.MemberId);
            json.WriteStartArray("filters");
            foreach (var filter in member.Filters) json.WriteStringValue(filter);
            json.WriteEndArray();
            json.WriteNumber("partitions", member.Partitions);
            json.WriteString("lastHeartbeat", Timestamp(member.LastHeartbeat));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("partitions");
        foreach (var partition in group.Partitions)
        {
            json.WriteStartObject();
            json.WriteString("topic", partition.Topic);
            json.WriteNumber("partition", partition.Partition);
            if (partition.Owner is { } owner) json.WriteString("owner", owner);
            else json.WriteNull("owner");
            if (partition.Committed is { } committed) json.WriteNumber("committed", committed);
            else json.WriteNull("committed");
            json.WriteNumber("logEndOffset", partition.EndOffset);
            json.WriteNumber("lag", partition.Lag);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("lag", group.Partitions.Sum(p => p.Lag));
        json.WriteEndObject();
    }

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
