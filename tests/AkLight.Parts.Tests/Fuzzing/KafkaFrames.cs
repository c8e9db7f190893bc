using AkLight.Silo.Doors.Kafka.Protocol;

namespace AkLight.Parts.Tests.Fuzzing;

/// <summary>
/// Valid request frames (what follows the 4-byte size), written with the door's own <see cref="KafkaWriter"/>
/// the way librdkafka and the Java client write them: the corpus the fuzz tests damage.
/// </summary>
internal static class KafkaFrames
{
    /// <summary>Bytes of a request header with the client id "fuzz": key, version, correlation id, client id.</summary>
    public const int HeaderBytes = 2 + 2 + 4 + 2 + 4;

    public static IReadOnlyList<(string Name, byte[] Bytes)> Corpus { get; } =
    [
        ("ApiVersions v0", Frame(KafkaApiKey.ApiVersions, 0, _ => { })),
        ("ApiVersions v3", Frame(KafkaApiKey.ApiVersions, 3, w =>
        {
            w.CompactString("librdkafka");
            w.CompactString("2.6.0");
            w.NoTaggedFields();
        }, flexible: true)),
        ("Metadata v1", Frame(KafkaApiKey.Metadata, 1, w => w.Array(["logs/app", "metrics/docker/host1/web-1/cpu"], (a, t) => a.String(t)))),
        ("Metadata v8", Frame(KafkaApiKey.Metadata, 8, w =>
        {
            w.Array(["logs/app"], (a, t) => a.String(t));
            w.Bool(true); // allow auto topic creation
            w.Bool(false);
            w.Bool(false);
        })),
        ("Produce v7", Frame(KafkaApiKey.Produce, 7, w =>
        {
            w.String(null); // transactional id
            w.Int16(-1); // acks
            w.Int32(30_000);
            w.Array(["logs/app"], (t, name) =>
            {
                t.String(name);
                t.Array([0, 1], (p, index) =>
                {
                    p.Int32(index);
                    p.Bytes(RecordBatches.Batch(RecordBatches.Sample(), codec: (short)index));
                });
            });
        })),
        ("Fetch v11", Frame(KafkaApiKey.Fetch, 11, w =>
        {
            w.Int32(-1); // replica id
            w.Int32(500); // max wait
            w.Int32(1); // min bytes
            w.Int32(52_428_800); // max bytes
            w.Int8(0); // isolation level
            w.Int32(0); // session id
            w.Int32(-1); // session epoch
            w.Array(["logs/app"], (t, name) =>
            {
                t.String(name);
                t.Array([0, 1], (p, index) =>
                {
                    p.Int32(index);
                    p.Int32(-1); // current leader epoch
                    p.Int64(42); // fetch offset
                    p.Int64(-1); // log start offset
                    p.Int32(1_048_576); // partition max bytes
                });
            });
            w.Int32(0); // forgotten topics
            w.String(""); // rack id
        })),
        ("ListOffsets v5", Frame(KafkaApiKey.ListOffsets, 5, w =>
        {
            w.Int32(-1); // replica id
            w.Int8(0); // isolation level
            w.Array(["logs/app"], (t, name) =>
            {
                t.String(name);
                t.Array([0L, -2L, 1_700_000_000_000L], (p, timestamp) =>
                {
                    p.Int32(0);
                    p.Int32(-1); // leader epoch
                    p.Int64(timestamp);
                });
            });
        })),
        ("OffsetCommit v7", Frame(KafkaApiKey.OffsetCommit, 7, w =>
        {
            w.String("billing");
            w.Int32(3); // generation
            w.String("rdkafka-1234");
            w.String(null); // group instance id
            w.Array(["logs/app"], (t, name) =>
            {
                t.String(name);
                t.Array([0, 1], (p, index) =>
                {
                    p.Int32(index);
                    p.Int64(100 + index);
                    p.Int32(-1); // leader epoch
                    p.String("");
                });
            });
        })),
        ("OffsetCommit v2", Frame(KafkaApiKey.OffsetCommit, 2, w =>
        {
            w.String("billing");
            w.Int32(-1);
            w.String("");
            w.Int64(-1); // retention time
            w.Array(["logs/app"], (t, name) =>
            {
                t.String(name);
                t.Array([0], (p, index) =>
                {
                    p.Int32(index);
                    p.Int64(7);
                    p.String(null);
                });
            });
        })),
        ("JoinGroup v5", Frame(KafkaApiKey.JoinGroup, 5, w =>
        {
            w.String("billing");
            w.Int32(10_000); // session timeout
            w.Int32(300_000); // rebalance timeout
            w.String("");
            w.String(null); // group instance id
            w.String("consumer");
            w.Array(["range", "roundrobin"], (p, name) =>
            {
                p.String(name);
                p.Bytes([0, 1, 0, 0, 0, 1, 0, 8, .. "logs/app"u8, 0, 0, 0, 0]);
            });
        })),
        ("SyncGroup v3", Frame(KafkaApiKey.SyncGroup, 3, w =>
        {
            w.String("billing");
            w.Int32(1);
            w.String("rdkafka-1234");
            w.String(null);
            w.Array(["rdkafka-1234"], (a, member) =>
            {
                a.String(member);
                a.Bytes([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
            });
        })),
        ("Heartbeat v3", Frame(KafkaApiKey.Heartbeat, 3, w =>
        {
            w.String("billing");
            w.Int32(1);
            w.String("rdkafka-1234");
            w.String(null);
        })),
        ("OffsetFetch v5", Frame(KafkaApiKey.OffsetFetch, 5, w =>
        {
            w.String("billing");
            w.Array(["logs/app"], (t, name) =>
            {
                t.String(name);
                t.Array([0, 1, 2], (p, index) => p.Int32(index));
            });
        })),
        ("CreateTopics v4", Frame(KafkaApiKey.CreateTopics, 4, w =>
        {
            w.Array(["logs/new"], (t, name) =>
            {
                t.String(name);
                t.Int32(4);
                t.Int16(1);
                t.Int32(0); // replica assignments
                t.Array([("retention.ms", "86400000"), ("cleanup.policy", "compact")], (c, config) =>
                {
                    c.String(config.Item1);
                    c.String(config.Item2);
                });
            });
            w.Int32(30_000);
            w.Bool(false);
        })),
        ("DescribeConfigs v2", Frame(KafkaApiKey.DescribeConfigs, 2, w =>
        {
            w.Array(["logs/app"], (r, name) =>
            {
                r.Int8(2);
                r.String(name);
                r.Array(["retention.ms"], (k, key) => k.String(key));
            });
            w.Bool(false);
        })),
        ("DeleteTopics v3", Frame(KafkaApiKey.DeleteTopics, 3, w =>
        {
            w.Array(["logs/old"], (t, name) => t.String(name));
            w.Int32(30_000);
        })),
        ("FindCoordinator v2", Frame(KafkaApiKey.FindCoordinator, 2, w =>
        {
            w.String("billing");
            w.Int8(0);
        })),
        ("InitProducerId v1", Frame(KafkaApiKey.InitProducerId, 1, w =>
        {
            w.String(null);
            w.Int32(60_000);
        })),
        ("SaslHandshake v1", Frame(KafkaApiKey.SaslHandshake, 1, w => w.String("PLAIN"))),
        ("SaslAuthenticate v1", Frame(KafkaApiKey.SaslAuthenticate, 1, w => w.Bytes("\0agent\0secret"u8))),
    ];

    public static byte[] Frame(KafkaApiKey key, short version, Action<KafkaWriter> body, bool flexible = false)
    {
        var writer = new KafkaWriter();
        writer.Int16((short)key);
        writer.Int16(version);
        writer.Int32(1234); // correlation id
        writer.String("fuzz");
        if (flexible) writer.NoTaggedFields();
        body(writer);
        return writer.Written.ToArray();
    }
}
