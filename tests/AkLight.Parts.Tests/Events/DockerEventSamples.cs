namespace AkLight.Parts.Tests.Events;

/// <summary>
/// Event documents as the Docker Engine writes them on <c>GET /events</c>, one JSON object a line, in the shape of the
/// Engine API's <c>EventMessage</c> (<c>Type</c>, <c>Action</c>, <c>Actor</c> with <c>ID</c> and <c>Attributes</c>,
/// <c>scope</c>, <c>time</c>, <c>timeNano</c>); the actor's attributes are the container's labels plus <c>image</c>
/// and <c>name</c>, and <c>exitCode</c> on <c>die</c>. Engines before API 1.52 also wrote the deprecated
/// <c>status</c>, <c>id</c> and <c>from</c>.
/// </summary>
internal static class DockerEventSamples
{
    public const string Id = "ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743";

    /// <summary>The Engine API reference's own example: a container created (an action the agent leaves out).</summary>
    public const string Create = """{"Type":"container","Action":"create","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"com.example.some-label":"some-label-value","image":"alpine:latest","name":"my-container"}},"scope":"local","time":1629574695,"timeNano":1629574695515050000}""";

    public const string Start = """{"Type":"container","Action":"start","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"com.example.some-label":"some-label-value","image":"alpine:latest","name":"my-container"}},"scope":"local","time":1629574695,"timeNano":1629574695615050000}""";

    /// <summary>The main process killed by SIGKILL (128 + 9), with the deprecated fields of older engines.</summary>
    public const string DieLegacy = """{"status":"die","id":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","from":"alpine:latest","Type":"container","Action":"die","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"com.example.some-label":"some-label-value","exitCode":"137","image":"alpine:latest","name":"my-container"}},"scope":"local","time":1629574701,"timeNano":1629574701100000007}""";

    public const string Oom = """{"Type":"container","Action":"oom","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"image":"alpine:latest","name":"my-container"}},"scope":"local","time":1629574701,"timeNano":1629574701000000000}""";

    /// <summary>The health check's result is written into the action.</summary>
    public const string Unhealthy = """{"Type":"container","Action":"health_status: unhealthy","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"image":"alpine:latest","name":"my-container"}},"scope":"local","time":1629574720,"timeNano":1629574720000000000}""";

    /// <summary>Another type of object: a network connected to the container.</summary>
    public const string NetworkConnect = """{"Type":"network","Action":"connect","Actor":{"ID":"7dc8ac97d5d29ef6c31b6052f3938c1e8f2749abbd17d1bd1febf2608db1b474","Attributes":{"container":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","name":"bridge","type":"bridge"}},"scope":"local","time":1629574695,"timeNano":1629574695600000000}""";

    /// <summary>An engine before API 1.22: seconds only, no nanoseconds.</summary>
    public const string SecondsOnly = """{"Type":"container","Action":"kill","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"image":"alpine:latest","name":"my-container","signal":"15"}},"time":1629574700}""";
}
