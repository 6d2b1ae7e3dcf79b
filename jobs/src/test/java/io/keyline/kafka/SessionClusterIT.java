package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.sink.Catalogs;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SessionCluster;
import io.keyline.testing.StreamedEstate;
import io.keyline.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once on a real cluster: Keyline's jar, as the build packages it, is uploaded to a Flink
 * session cluster of separate JVMs (a JobManager and two TaskManagers) and run through the REST
 * API, twice over the same stream from Kafka: once calmly, and once with a TaskManager process
 * killed with SIGKILL mid-stream. After both drain, every table of the second run equals the
 * first's, row for row.
 *
 * <p>It runs after {@code package}, as an integration test, because it needs the packaged jar.
 */
class SessionClusterIT {

    private static final int PARALLELISM = 2;

    @TempDir static Path dir;

    private static EmbeddedKafka kafka;
    private static StreamedEstate estate;
    private static SessionCluster cluster;
    private static String jar;

    @BeforeAll
    static void start() throws Exception {
        Path packaged = Path.of(System.getProperty("keyline.jar", "target/keyline.jar"));
        assertThat(packaged).as("the packaged job jar").isRegularFile();
        kafka = EmbeddedKafka.start();
        estate = StreamedEstate.generate(kafka, dir);
        cluster =
                SessionCluster.start(
                        dir.resolve("cluster"),
                        Path.of("target", "session-cluster-logs"),
                        2,
                        PARALLELISM);
        jar = cluster.upload(packaged);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void aTaskManagerKilledWithSigkillLosesAndRepeatsNothing() throws Exception {
        Map<String, List<String>> calm = run("calm", false);
        assertThat(calm.get("events")).hasSize(estate.expectedEvents() + 1);
        assertThat(calm.get("alerts")).isNotEmpty();

        Map<String, List<String>> killed = run("killed", true);
        StreamedEstate.assertSameTables("session-cluster", calm, killed);
    }

    /** Submits a run over its own topics; returns its tables once it has drained. */
    private static Map<String, List<String>> run(String name, boolean kill) throws Exception {
        Map<String, String> topics = estate.produce(name, false);
        Path data = dir.resolve(name);
        MiniClusters.pepper(data);
        CatalogLoader catalog = Catalogs.embedded(data);
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "run",
                        "--warehouse",
                        data.toString(),
                        "--checkpoint-dir",
                        Files.createDirectories(data.resolve("checkpoints")).toString(),
                        "--checkpoint-interval",
                        "1",
                        "--parallelism",
                        String.valueOf(PARALLELISM),
                        "--kafka-bootstrap",
                        kafka.bootstrapServers(),
                        "--kafka-group",
                        "keyline-" + name,
                        "--kafka-start",
                        "earliest",
                        // Longer than the whole input, so no event is late whatever the
                        // interleaving of topics; nothing dropped from the bounded lists.
                        "--out-of-orderness",
                        String.valueOf(60 * 24 * 30),
                        "--idleness",
                        "1",
                        "--max-resources-per-credential",
                        "100000",
                        "--max-consumers-per-credential",
                        "100000"));
        topics.forEach(
                (topic, format) -> {
                    args.add("--kafka-topic");
                    args.add(topic + "=" + format);
                });
        String job = cluster.run(jar, "io.keyline.cli.Keyline", args);
        try {
            cluster.awaitRunning(job);
            if (kill) {
                StreamedEstate.awaitEvents(catalog, estate.expectedEvents() / 3);
                cluster.killTaskManager(1);
                awaitRestart(job);
            }
            estate.finish(name, catalog);
        } finally {
            cluster.cancel(job);
        }
        return StreamedEstate.tables(catalog);
    }

    /** Waits until the job has been restarted and runs again on the TaskManager that is left. */
    private static void awaitRestart(String job) throws Exception {
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        JsonNode state = null;
        while (System.nanoTime() < deadline) {
            state = cluster.job(job);
            if (state.path("timestamps").path("RESTARTING").asLong() > 0) {
                cluster.awaitRunning(job);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "The job did not restart after its TaskManager was killed: " + state);
    }
}
