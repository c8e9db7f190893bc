using System.Buffers.Binary;
using AkLight.Doors.ProcessTests.Kafka;

namespace AkLight.Doors.ProcessTests.Abuse;

/// <summary>
/// An attacker at the Kafka door of a silo with principals: connections that never authenticate, frames that
/// announce more than an authentication needs, produce without rights, and a small fetch asking for much.
/// </summary>
public sealed class KafkaAbuseTests(SecuredSilo secured) : SecuredSiloTest(secured)
{
    private const short TopicAuthorizationFailed = 29;

    [Fact]
    public async Task A_large_frame_before_authentication_closes_the_connection()
    {
        await using var wire = await KafkaWire.ConnectAsync(Secured.KafkaBootstrap);
        var announce = new byte[12];
        BinaryPrimitives.WriteInt32BigEndian(announce, 100 * 1024 * 1024); // the rest never comes
        BinaryPrimitives.WriteInt16BigEndian(announce.AsSpan(4), 3); // Metadata
        await wire.Stream.WriteAsync(announce);

        Assert.True(await wire.ClosedByBrokerAsync(TimeSpan.FromSeconds(5)), "the broker waited for 100 MiB from a client it does not know");
    }

    [Fact]
    public async Task A_connection_that_does_not_authenticate_is_closed()
    {
        await using var wire = await KafkaWire.ConnectAsync(Secured.KafkaBootstrap);
        var versions = await wire.RequestAsync(18, 0, _ => { });
        Assert.Equal(0, versions.Int16());

        // AuthenticationTimeout is 10 s by default.
        Assert.True(await wire.ClosedByBrokerAsync(TimeSpan.FromSeconds(30)), "an unauthenticated connection stayed open");
    }

    [Fact]
    public async Task One_address_cannot_hold_more_than_its_share_of_connections()
    {
        var held = new List<KafkaWire>();
        try
        {
            var refused = false;
            for (var i = 0; i < 150 && !refused; i++)
            {
                var wire = await ConnectAndAskAsync();
                if (wire is null) refused = true;
                else held.Add(wire);
            }
            Assert.True(refused, $"{held.Count} connections from one address were all served");
            Assert.InRange(held.Count, 1, 100); // MaxConnectionsPerAddress
        }
        finally
        {
            foreach (var wire in held) await wire.DisposeAsync();
        }

        // The slots are free again once those connections are gone.
        KafkaWire? admitted = null;
        for (var attempt = 0; attempt < 50 && admitted is null; attempt++) admitted = await ConnectAndAskAsync();
        Assert.NotNull(admitted);
        await admitted.DisposeAsync();
    }

    [Fact]
    public async Task Produce_without_rights_is_refused_before_its_records_are_decompressed()
    {
        // A gzip batch whose "compressed" records are garbage: decoding it fails, so only an answer of
        // TOPIC_AUTHORIZATION_FAILED (rather than CORRUPT_MESSAGE) shows the broker never decoded it.
        await using var outsider = await KafkaWire.ConnectAsAsync(Secured, "outsider");
        var answer = await outsider.RequestAsync(0, 3, w =>
        {
            w.String(null); // transactional id
            w.Int16(-1); // acks
            w.Int32(10_000);
            w.Array(new[] { "metrics/" + Names.Unique("abuse") }, (tw, topic) =>
            {
                tw.String(topic);
                tw.Array(new[] { 0 }, (pw, partition) =>
                {
                    pw.Int32(partition);
                    pw.Bytes(GzipBatchOfGarbage());
                });
            });
        });
        var partitions = Assert.Single(answer.Array(r => (r.String(), r.Array(p => (Index: p.Int32(), Error: p.Int16(), p.Int64(), p.Int64()))))).Item2;
        Assert.Equal(TopicAuthorizationFailed, Assert.Single(partitions).Error);
    }

    [Fact]
    public async Task A_fetch_naming_one_partition_a_hundred_times_draws_it_once()
    {
        var topic = "metrics/" + Names.Unique("abuse-fetch");
        using (var agent = new ProducerBuilder<string, string>(new ProducerConfig().As(Secured, "agent")).Build())
            await agent.ProduceAsync(new Confluent.Kafka.TopicPartition(topic, 0), new Message<string, string> { Key = "k", Value = new string('x', 64 * 1024) });

        await using var monitor = await KafkaWire.ConnectAsAsync(Secured, "monitor");
        var answer = await monitor.RequestAsync(1, 5, w =>
        {
            w.Int32(-1); // replica id
            w.Int32(0); // max wait
            w.Int32(1); // min bytes
            w.Int32(int.MaxValue); // max bytes
            w.Int8(0); // isolation
            w.Array(new[] { topic }, (tw, t) =>
            {
                tw.String(t);
                tw.Array(Enumerable.Repeat(0, 100).ToArray(), (pw, p) =>
                {
                    pw.Int32(p);
                    pw.Int64(0); // offset
                    pw.Int64(-1); // log start offset
                    pw.Int32(8 * 1024 * 1024); // partition max bytes
                });
            });
        });
        answer.Int32(); // throttle time
        var topics = answer.Array(r => (r.String(), r.Array(p => (Index: p.Int32(), Error: p.Int16(), HighWatermark: p.Int64(), p.Int64(), p.Int64(), p.Array(a => (a.Int64(), a.Int64())), Records: p.Bytes()))));
        var partition = Assert.Single(Assert.Single(topics).Item2);
        Assert.Equal(0, partition.Error);
        Assert.Equal(1, partition.HighWatermark);
        Assert.InRange(partition.Records.Length, 64 * 1024, 2 * 64 * 1024);
        Assert.True(answer.Length < 2 * 64 * 1024, $"a fetch of one 64 KiB message drew {answer.Length} bytes");
    }

    /// <summary>A connection the broker answers ApiVersions on; null when it closed or reset it instead.</summary>
    private async Task<KafkaWire?> ConnectAndAskAsync()
    {
        KafkaWire? wire = null;
        try
        {
            wire = await KafkaWire.ConnectAsync(Secured.KafkaBootstrap);
            Assert.Equal(0, (await wire.RequestAsync(18, 0, _ => { })).Int16());
            return wire;
        }
        catch (Exception error) when (error is IOException or EndOfStreamException or System.Net.Sockets.SocketException)
        {
            if (wire is not null) await wire.DisposeAsync();
            return null;
        }
    }

    /// <summary>A record batch v2 marked gzip whose compressed records are not gzip at all.</summary>
    private static byte[] GzipBatchOfGarbage()
    {
        var batch = new WireWriter();
        batch.Int64(0); // base offset
        var garbage = Enumerable.Repeat((byte)0x5a, 1024).ToArray();
        batch.Int32(49 + garbage.Length); // batch length: everything after this field
        batch.Int32(-1); // partition leader epoch
        batch.Int8(2); // magic
        batch.Int32(0); // crc: not computed
        batch.Int16(1); // attributes: gzip
        batch.Int32(0); // last offset delta
        batch.Int64(0); // base timestamp
        batch.Int64(0); // max timestamp
        batch.Int64(-1); // producer id
        batch.Int16(-1); // producer epoch
        batch.Int32(-1); // base sequence
        batch.Int32(1); // records
        var bytes = batch.ToArray();
        return [.. bytes, .. garbage];
    }
}
