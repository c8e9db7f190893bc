namespace AkLight.Doors.ProcessTests.Kafka;

/// <summary>Confluent client settings for the secured silo's Kafka door.</summary>
internal static class KafkaSasl
{
    /// <summary><paramref name="config"/> pointed at <paramref name="silo"/>, signing in as <paramref name="principal"/> with SASL/PLAIN.</summary>
    public static T As<T>(this T config, SecuredSilo silo, string principal) where T : ClientConfig
    {
        config.BootstrapServers = silo.KafkaBootstrap;
        config.SecurityProtocol = SecurityProtocol.SaslPlaintext;
        config.SaslMechanism = SaslMechanism.Plain;
        config.SaslUsername = principal;
        config.SaslPassword = silo.KeyOf(principal);
        return config;
    }
}
