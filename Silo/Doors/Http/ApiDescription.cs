namespace AkLight.Silo.Doors.Http;

/// <summary>The OpenAPI document's introduction: the conventions every endpoint shares.</summary>
internal static class ApiDescription
{
    public const string Text = """
        Topics, produce, reads, Server-Sent Events, consumer sessions and groups of an AKLight silo.

        * Topic names and filters travel in the query string or the JSON body, never in the path: they contain `/`,
          and filters `+` and `#` (write `%2B` and `%23` in a query string).
        * Messages are `{"topic","partition","offset","key","timestamp","payload"}`, as the Consumer tool's `--json`
          prints them: key and payload are UTF-8 text, or base64 marked by `"keyEncoding":"base64"` /
          `"encoding":"base64"`; `headers` (`[{"name","value"}]`) only when the message has some.
        * Errors are RFC 7807 problem documents (`application/problem+json`) with `detail` saying what is wrong and a
          `code`: 400 bad topic, filter, offset or payload; 404 unknown topic, session or group member; 409 a topic
          that exists with other settings; 413 a message over `AkLight:Broker:MaxMessageBytes` or a body over
          `AkLight:Http:MaxRequestBytes`; 416 an offset outside the log, with `startOffset` and `endOffset`;
          503 the store or the cluster is unreachable.
        """;
}
