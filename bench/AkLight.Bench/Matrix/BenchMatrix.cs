using AkLight.Bench.Bulk;
using AkLight.Bench.Ceiling;
using AkLight.Bench.Report;
using AkLight.Bench.Scale;

namespace AkLight.Bench.Matrix;

/// <summary>
/// The whole matrix, one system at a time so none competes with another for the two cores: AKLight embedded (through
/// its .NET client, MQTT and Kafka doors, then bulk through the Kafka door), Mosquitto, Redis, then on one PostgreSQL
/// server the COPY ceiling, the AKLight cluster, its bulk run and failover, then scale and reactivation. A scenario that cannot run is recorded with its reason and the others go on.
/// </summary>
internal static class BenchMatrix
{
    public static async Task RunAsync(BenchReport report, string workRoot, CancellationToken cancellationToken)
    {
        var options = report.Options;
        var topics = new MetricTopics(options.Containers);
        var client = ClientSettings.From(options);

        await ScenarioAsync(report, "aklight-embedded", async () =>
        {
            await using var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-embedded", options, workRoot, cancellationToken).ConfigureAwait(false);
            var target = new AkLightTarget("aklight-embedded", silo.Gateways, () => silo.BrokerPids, client);
            report.Targets[target.Name] = await TargetRunner.RunAsync(target, topics, TargetRunner.StandardSpecs(options, target.Name), options, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "aklight-mqtt", async () =>
        {
            // The same workload through an embedded silo's MQTT door, beside Mosquitto with the same client.
            await using var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-mqtt", options, workRoot, cancellationToken).ConfigureAwait(false);
            var target = new MqttTarget("aklight-mqtt", silo.MqttPorts[0], () => silo.BrokerPids);
            report.Targets[target.Name] = await TargetRunner.RunAsync(target, topics, TargetRunner.StandardSpecs(options, target.Name), options, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "aklight-kafka", async () =>
        {
            // The same workload through an embedded silo's Kafka door, with Confluent.Kafka (librdkafka) clients.
            await using var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-kafka", options, workRoot, cancellationToken).ConfigureAwait(false);
            var target = new KafkaTarget("aklight-kafka", silo.KafkaPorts[0], () => silo.BrokerPids);
            report.Targets[target.Name] = await TargetRunner.RunAsync(target, topics, TargetRunner.StandardSpecs(options, target.Name), options, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "bulk", async () =>
        {
            await using var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-bulk", options, workRoot, cancellationToken).ConfigureAwait(false);
            report.Bulk.Add(await BulkScenario.RunAsync("embedded", silo.KafkaPorts, silo.BrokerPids, options.BulkMessages, cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "mosquitto", async () =>
        {
            await using var server = await MosquittoServer.StartAsync(workRoot, cancellationToken).ConfigureAwait(false);
            var target = new MqttTarget("mosquitto-qos1", server.Port, () => [server.Pid]);
            report.Targets[target.Name] = await TargetRunner.RunAsync(target, topics, TargetRunner.StandardSpecs(options, target.Name), options, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "redis", async () =>
        {
            await using var server = await RedisServer.StartAsync(workRoot, cancellationToken).ConfigureAwait(false);
            var target = new RedisStreamsTarget(server.Port, server.Pid);
            report.Targets[target.Name] = await TargetRunner.RunAsync(target, topics, TargetRunner.StandardSpecs(options, target.Name), options, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        await PostgresScenariosAsync(report, workRoot, topics, client, cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "scale", async () =>
            report.Scale = await IdleTopicsScenario.RunAsync(options, workRoot, client, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

        await ScenarioAsync(report, "reactivation", async () =>
        {
            await using var silo = await AkLightDeployment.StartEmbeddedAsync("aklight-reactivation", options, workRoot, cancellationToken).ConfigureAwait(false);
            report.Reactivation.Add(await ReactivationScenario.RunAsync(silo, options.LongLogMessages, cancellationToken).ConfigureAwait(false));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The COPY ceiling and the AKLight cluster (then its reactivation), on one throwaway PostgreSQL server.</summary>
    private static async Task PostgresScenariosAsync(BenchReport report, string workRoot, MetricTopics topics,
        AkLightClientSettings client, CancellationToken cancellationToken)
    {
        var options = report.Options;
        string[] scenarios = ["copy", "aklight-cluster", "bulk-cluster", "failover"];
        if (!scenarios.Any(options.Runs)) return;
        if (PostgresServer.Unavailable() is { } reason)
        {
            foreach (var scenario in scenarios.Where(options.Runs)) report.Skipped[scenario] = reason;
            Progress.Log($"skipping the COPY ceiling and the cluster: {reason}");
            return;
        }
        PostgresServer? postgres = null;
        await ScenarioAsync(report, "postgres", async () =>
            postgres = await PostgresServer.StartAsync(workRoot, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (postgres is null) return;
        await using (postgres)
        {
            await ScenarioAsync(report, "copy", async () =>
            {
                var database = await postgres.CreateDatabaseAsync("copy_ceiling", cancellationToken).ConfigureAwait(false);
                foreach (var writers in new[] { 1, 2 })
                {
                    var result = await CopyCeiling.RunAsync(database, topics, writers, options.CopyDuration, options.CopyBatchRows, postgres.Pid,
                        writers * 10_000_000L, cancellationToken).ConfigureAwait(false);
                    Progress.Log($"copy: {writers} writer(s), {result.BatchRows:N0} rows per transaction: {result.RowsPerSecond:N0} rows/s, PostgreSQL {result.PostgresCores:0.00} cores");
                    report.Copy.Add(result);
                }
            }, cancellationToken).ConfigureAwait(false);

            await ScenarioAsync(report, "aklight-cluster", async () =>
            {
                var database = await postgres.CreateDatabaseAsync("aklight_cluster", cancellationToken).ConfigureAwait(false);
                await using var cluster = await AkLightDeployment.StartClusterAsync("aklight-cluster", options, postgres, database, options.ClusterSilos, workRoot, cancellationToken)
                    .ConfigureAwait(false);
                if (options.ClusterSettle > TimeSpan.Zero) await Task.Delay(options.ClusterSettle, cancellationToken).ConfigureAwait(false);
                var target = new AkLightTarget("aklight-cluster", cluster.Gateways, () => cluster.BrokerPids, client);
                report.Targets[target.Name] = await TargetRunner.RunAsync(target, topics, TargetRunner.StandardSpecs(options, target.Name), options, cancellationToken).ConfigureAwait(false);
                if (options.Runs("reactivation"))
                    await ScenarioAsync(report, "reactivation (cluster)", async () =>
                        report.Reactivation.Add(await ReactivationScenario.RunAsync(cluster, options.LongLogMessages, cancellationToken).ConfigureAwait(false)),
                        cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);

            await ScenarioAsync(report, "bulk-cluster", async () =>
            {
                var database = await postgres.CreateDatabaseAsync("aklight_bulk", cancellationToken).ConfigureAwait(false);
                await using var cluster = await AkLightDeployment.StartClusterAsync("aklight-bulk-cluster", options, postgres, database, options.ClusterSilos, workRoot, cancellationToken)
                    .ConfigureAwait(false);
                report.Bulk.Add(await BulkScenario.RunAsync("cluster", cluster.KafkaPorts, cluster.BrokerPids, options.BulkMessages, cancellationToken).ConfigureAwait(false));
            }, cancellationToken).ConfigureAwait(false);

            await ScenarioAsync(report, "failover", async () =>
            {
                var database = await postgres.CreateDatabaseAsync("aklight_failover", cancellationToken).ConfigureAwait(false);
                await using var cluster = await AkLightDeployment.StartClusterAsync("aklight-failover", options, postgres, database, 2, workRoot, cancellationToken)
                    .ConfigureAwait(false);
                report.Failover = await Failover.FailoverScenario.RunAsync(cluster, options.FailoverDuration, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ScenarioAsync(BenchReport report, string name, Func<Task> body, CancellationToken cancellationToken)
    {
        if (!report.Options.Runs(name.Split(' ')[0]) && name != "postgres") return;
        Progress.Log($"== {name}");
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            report.Skipped[name] = $"{error.GetType().Name}: {error.Message}";
            Progress.Log($"{name} failed: {error}");
        }
    }
}
