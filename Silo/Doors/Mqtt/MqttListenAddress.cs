using System.Net;

namespace AkLight.Silo.Doors.Mqtt;

/// <summary>The address the MQTT listener binds, decided once at start.</summary>
internal sealed record class MqttListenAddress(IPAddress Value);
