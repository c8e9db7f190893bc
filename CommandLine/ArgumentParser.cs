namespace AkLight.CommandLine;

/// <summary>
/// A tiny parser for <c>--name value</c>, <c>--name=value</c> and <c>--switch</c> options. Options that take a
/// value may repeat; anything not declared is a usage error. Every tool takes <c>--token</c> (<see cref="TokenOption"/>)
/// and <c>--tls-ca</c> (<see cref="TlsCaOption"/>).
/// </summary>
internal static class ArgumentParser
{
    /// <summary>The option every tool takes: the API key it connects with.</summary>
    public const string TokenOption = "token";

    /// <summary>The option every tool takes: the CA certificate of brokers that run TLS (turns TLS on).</summary>
    public const string TlsCaOption = "tls-ca";

    /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> naming the first problem.</summary>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> switches)
    {
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var setSwitches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new UsageException($"unexpected argument '{arg}'");
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            if (switches.Contains(name))
            {
                if (equals >= 0) throw new UsageException($"option '--{name}' takes no value");
                setSwitches.Add(name);
                continue;
            }
            if (!valueOptions.Contains(name) && name != TokenOption && name != TlsCaOption) throw new UsageException($"unknown option '--{name}'");
            AddValue(values, name, equals >= 0 ? arg[(equals + 1)..] : NextValue(args, ref i, name));
        }
        // The key goes where the connection looks for it, so no tool has to pass it along.
        if (values.Remove(TokenOption, out var token)) Environment.SetEnvironmentVariable(AkLight.Client.Connection.BrokerConnection.TokenVariable, token[^1]);
        if (values.Remove(TlsCaOption, out var ca)) Environment.SetEnvironmentVariable(AkLight.Client.Connection.Tls.BrokerTls.CaVariable, ca[^1]);
        return new ParsedArguments(values, setSwitches);
    }

    /// <summary>The value of <c>--name value</c>: the argument after the option's, which it consumes.</summary>
    public static string NextValue(IReadOnlyList<string> args, ref int i, string name) =>
        i + 1 < args.Count ? args[++i] : throw new UsageException($"option '--{name}' needs a value");

    /// <summary>Adds one more value of a repeatable option.</summary>
    public static void AddValue(Dictionary<string, List<string>> values, string name, string value)
    {
        if (!values.TryGetValue(name, out var list)) values[name] = list = [];
        list.Add(value);
    }
}
