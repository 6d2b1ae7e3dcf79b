package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.Catalogs;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.StreamedEstate;
import io.keyline.testing.Tables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under failures, and order independence: the same stream from Kafka is inventoried on
 * a MiniCluster of two TaskManagers calmly, with a TaskManager killed twice mid-stream, stopped
 * with a savepoint and resumed, and with its files sent in a random order; after each drains, every
 * table equals the calm run's, row for row.
 *
 * <p>The allowed out-of-orderness is longer than the whole input, so that no event is late in
 * either run whatever the interleaving of topics; a last event, sent once everything else is
 * committed, moves the watermark past the end, firing every timer in both runs alike.
 */
class FailoverITCase {

    private static final int PARALLELISM = 2;

    @TempDir static Path dir;

    private static MiniCluster cluster;
    private static EmbeddedKafka kafka;
    private static StreamedEstate estate;

    @BeforeAll
    static void start() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        // One slot of the job on each TaskManager, so that killing either fails the job.
        conf.set(ClusterOptions.EVENLY_SPREAD_OUT_SLOTS_STRATEGY, true);
        cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setNumTaskManagers(2)
                                .setNumSlotsPerTaskManager(PARALLELISM)
                                .setConfiguration(conf)
                                .build());
        cluster.start();
        TestStreamEnvironment.setAsContext(cluster, PARALLELISM);
        kafka = EmbeddedKafka.start();
        estate = StreamedEstate.generate(kafka, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        TestStreamEnvironment.unsetAsContext();
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    /** The run whose files are sent in a random order. */
    private static final String SHUFFLED = "shuffled";

    /** What happens to a run mid-stream; returns the job that goes on. */
    private interface Disruption {
        JobClient apply(JobClient job, CatalogLoader catalog, InventoryRunner.Options options)
                throws Exception;
    }

    private static Map<String, List<String>> calm;

    /** The tables of a run without failures, once for every test. */
    private static synchronized Map<String, List<String>> calm() throws Exception {
        if (calm == null) {
            calm = run("calm", (job, catalog, options) -> job);
            assertThat(calm.get("events")).hasSize(estate.expectedEvents() + 1);
            assertThat(calm.get("alerts")).isNotEmpty();
        }
        return calm;
    }

    @Test
    void killingATaskManagerTwiceLosesAndRepeatsNothing() throws Exception {
        Map<String, List<String>> killed =
                run(
                        "killed",
                        (job, catalog, options) -> {
                            StreamedEstate.awaitEvents(catalog, estate.expectedEvents() / 4);
                            cluster.terminateTaskManager(0).get();
                            long first = awaitRestart(job, 0);
                            cluster.startTaskManager();
                            StreamedEstate.awaitEvents(catalog, estate.expectedEvents() * 2 / 3);
                            cluster.terminateTaskManager(1).get();
                            awaitRestart(job, first);
                            cluster.startTaskManager();
                            return job;
                        });
        StreamedEstate.assertSameTables("failover", calm(), killed);
    }

    @Test
    void aShuffledStreamWithinTheAllowedLatenessGivesTheSameTables() throws Exception {
        Map<String, List<String>> shuffled = run(SHUFFLED, (job, catalog, options) -> job);
        // A file sent at another place in its topic has another offset; nothing else may differ.
        StreamedEstate.assertSameTables(
                "failover",
                StreamedEstate.withoutOffsets(calm()),
                StreamedEstate.withoutOffsets(shuffled));
    }

    @Test
    void stoppingWithASavepointAndResumingLosesAndRepeatsNothing() throws Exception {
        Map<String, List<String>> resumed =
                run(
                        "resumed",
                        (job, catalog, options) -> {
                            StreamedEstate.awaitEvents(catalog, estate.expectedEvents() / 2);
                            String savepoint =
                                    job.stopWithSavepoint(
                                                    false,
                                                    dir.resolve("savepoints").toUri().toString(),
                                                    SavepointFormatType.CANONICAL)
                                            .get();
                            // The next build of the job resumes from it.
                            return InventoryRunner.start(options.resumedFrom(savepoint));
                        });
        StreamedEstate.assertSameTables("failover", calm(), resumed);
    }

    /** Runs the job over its own copy of the stream; returns every table's rows, sorted. */
    private static Map<String, List<String>> run(String name, Disruption disruption)
            throws Exception {
        Map<String, String> topics = estate.produce(name, name.equals(SHUFFLED));
        Path data = dir.resolve(name);
        Path pepper = MiniClusters.pepper(data);
        CatalogLoader catalog = Catalogs.embedded(data);
        InventoryRunner.Options options =
                new InventoryRunner.Options(
                        null,
                        catalog,
                        InventorySettings.builder()
                                .bounded(false)
                                .outOfOrderness(Duration.ofDays(30))
                                // Nothing dropped from the bounded lists: a resource
                                // dropped and seen again starts a new first_seen_at,
                                // which depends on the order of the calls.
                                .maxResourcesPerCredential(100_000)
                                .maxConsumersPerCredential(100_000)
                                .idleness(Duration.ofSeconds(1))
                                .fingerprinter(Fingerprinter.fromFile(pepper))
                                .build(),
                        PARALLELISM,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        data.resolve("checkpoints"),
                        new KafkaInput.Settings(
                                kafka.bootstrapServers(),
                                topics,
                                "keyline-" + name,
                                KafkaInput.Start.EARLIEST,
                                Map.of(),
                                false),
                        null,
                        InventoryRunner.StateBackend.HASHMAP,
                        null);
        JobClient job = InventoryRunner.start(options);
        try {
            job = disruption.apply(job, catalog, options);
            estate.finish(name, catalog);
        } finally {
            job.cancel().get();
        }
        return StreamedEstate.tables(catalog);
    }

    /** Waits until the job has restarted after {@code after} and runs again; returns when. */
    private static long awaitRestart(JobClient job, long after) throws Exception {
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job.getJobID()).get();
            long restarted = graph.getStatusTimestamp(JobStatus.RESTARTING);
            if (restarted > after && graph.getState() == JobStatus.RUNNING) {
                return restarted;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The job did not restart after its TaskManager was killed");
    }
}
