package io.keyline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.EmbeddedKafka;
import io.keyline.testing.InputParse;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.Tables;
import io.keyline.testing.TrailEvents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    /**
     * Columns that differ between any two runs: those stamped with the wall clock, and the context
     * an alert records of its credential (tier, owner, evidence), which is what was known when the
     * alert fired and so depends on the order in which topics happened to be read. An alert's
     * identity (its id, rule, severity, credential and time) does not.
     */
    private static final Set<String> RUN_DEPENDENT =
            Set.of("detected_at", "received_at", "privilege_tier", "owner", "details");

    @TempDir static Path dir;

    private static MiniCluster cluster;
    private static EmbeddedKafka kafka;
    private static Path input;
    private static int expectedEvents;

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
        input = dir.resolve("input");
        EstateGenerator.generate(
                new EstateGenerator.Options(400, 6, 23L, LocalDate.of(2026, 11, 1), input));
        expectedEvents =
                InputParse.of(input, Fingerprinter.fromFile(MiniClusters.pepper(dir)))
                        .eventIds()
                        .size();
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
            assertThat(calm.get("events")).hasSize(expectedEvents + 1);
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
                            awaitEvents(catalog, expectedEvents / 4);
                            cluster.terminateTaskManager(0).get();
                            long first = awaitRestart(job, 0);
                            cluster.startTaskManager();
                            awaitEvents(catalog, expectedEvents * 2 / 3);
                            cluster.terminateTaskManager(1).get();
                            awaitRestart(job, first);
                            cluster.startTaskManager();
                            return job;
                        });
        assertSameTables(calm(), killed);
    }

    @Test
    void aShuffledStreamWithinTheAllowedLatenessGivesTheSameTables() throws Exception {
        Map<String, List<String>> shuffled = run(SHUFFLED, (job, catalog, options) -> job);
        // A file sent at another place in its topic has another offset; nothing else may differ.
        assertSameTables(withoutOffsets(calm()), withoutOffsets(shuffled));
    }

    private static Map<String, List<String>> withoutOffsets(Map<String, List<String>> tables) {
        Map<String, List<String>> without = new TreeMap<>();
        tables.forEach(
                (table, rows) ->
                        without.put(
                                table,
                                rows.stream()
                                        .map(
                                                row ->
                                                        row.replaceAll(
                                                                "(origin=kafka:[^|@]+)@\\d+/",
                                                                "$1@*/"))
                                        .sorted()
                                        .collect(Collectors.toList())));
        return without;
    }

    @Test
    void stoppingWithASavepointAndResumingLosesAndRepeatsNothing() throws Exception {
        Map<String, List<String>> resumed =
                run(
                        "resumed",
                        (job, catalog, options) -> {
                            awaitEvents(catalog, expectedEvents / 2);
                            String savepoint =
                                    job.stopWithSavepoint(
                                                    false,
                                                    dir.resolve("savepoints").toUri().toString(),
                                                    SavepointFormatType.CANONICAL)
                                            .get();
                            // The next build of the job resumes from it.
                            return InventoryRunner.start(options.resumedFrom(savepoint));
                        });
        assertSameTables(calm(), resumed);
    }

    private static void assertSameTables(
            Map<String, List<String>> expected, Map<String, List<String>> actual) throws Exception {
        org.assertj.core.api.SoftAssertions tables = new org.assertj.core.api.SoftAssertions();
        for (String table : expected.keySet()) {
            if (!expected.get(table).equals(actual.get(table))) {
                // Both sides in full, for a diff: an assertion message would be cut short.
                Files.write(
                        Path.of("target", "failover-" + table + "-expected.txt"),
                        expected.get(table));
                Files.write(
                        Path.of("target", "failover-" + table + "-actual.txt"), actual.get(table));
            }
            tables.assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        tables.assertAll();
    }

    /** Runs the job over its own copy of the stream; returns every table's rows, sorted. */
    private static Map<String, List<String>> run(String name, Disruption disruption)
            throws Exception {
        Map<String, String> topics = produce(name);
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
                                .flushInterval(Duration.ofMillis(500))
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
            awaitEvents(catalog, expectedEvents);
            // Everything is in: the last event moves the watermark past the end.
            try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
                producer.send(
                                new ProducerRecord<>(
                                        name + ".cloudtrail",
                                        TrailEvents.call(
                                                        "2027-01-15T00:00:00Z",
                                                        "GetCallerIdentity",
                                                        TrailEvents.OTHER_KEY,
                                                        "null",
                                                        "null")
                                                .getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            Tables.await(
                    catalog,
                    KeylineTables.CREDENTIALS,
                    r -> "aws:access-key:AKIAQX7EXAMPLECONT02".equals(r.getField("credential_id")));
            awaitQuiet(catalog);
        } finally {
            job.cancel().get();
        }
        Map<String, List<String>> tables = new TreeMap<>();
        try (TableReader reader = new TableReader(catalog)) {
            for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
                List<String> rows = new ArrayList<>();
                for (Record r : reader.rows(spec)) {
                    rows.add(withoutWallClock(r, spec));
                }
                rows.sort(null);
                tables.put(spec.name(), rows);
            }
        }
        return tables;
    }

    private static String withoutWallClock(Record r, KeylineTables.Spec spec) {
        StringBuilder row = new StringBuilder();
        spec.schema()
                .columns()
                .forEach(
                        c -> {
                            boolean alertContext =
                                    spec.name().equals("alerts")
                                            && RUN_DEPENDENT.contains(c.name());
                            if (!alertContext
                                    && !c.name().equals("received_at")
                                    && !c.name().equals("detected_at")) {
                                Object value = r.getField(c.name());
                                if (c.name().equals("origin") && value != null) {
                                    // Each run reads topics of its own: kafka:<run>.<format>/...
                                    value =
                                            String.valueOf(value)
                                                    .replaceFirst("^kafka:[a-z]+\\.", "kafka:");
                                }
                                row.append(c.name()).append('=').append(value);
                                row.append('|');
                            }
                        });
        return row.toString();
    }

    /** Sends every file of the estate to topics of this run, one partition each, in path order. */
    private static Map<String, String> produce(String run) throws Exception {
        Map<String, String> topics = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(input)) {
            files = all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        if (run.equals(SHUFFLED)) {
            // Every file in a random order: within the allowed out-of-orderness, as it is.
            Collections.shuffle(files, new Random(7));
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            for (Path file : files) {
                Path relative = input.relativize(file);
                String name = file.getFileName().toString();
                if (relative.getNameCount() < 2 || name.startsWith("_")) {
                    continue;
                }
                String format = relative.getName(0).toString();
                String topic = run + "." + format;
                if (!topics.containsKey(topic)) {
                    kafka.createTopic(topic, 1);
                    topics.put(topic, format);
                }
                long observedAt =
                        io.keyline.source.RawRecordFormat.observedAt(
                                new org.apache.flink.core.fs.Path(file.toUri()),
                                Files.getLastModifiedTime(file).toMillis());
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        null,
                                        observedAt,
                                        relative.toString().getBytes(StandardCharsets.UTF_8),
                                        Files.readAllBytes(file)))
                        .get();
            }
        }
        return topics;
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

    private static void awaitEvents(CatalogLoader catalog, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Tables.PATIENCE.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            try (TableReader reader = new TableReader(catalog)) {
                count = reader.count(KeylineTables.EVENTS);
            }
            if (count >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "The events table holds " + count + " rows, not " + atLeast + ", after waiting");
    }

    /** Waits until no table has changed for four checkpoint intervals. */
    private static void awaitQuiet(CatalogLoader catalog) throws Exception {
        String last = null;
        long since = System.nanoTime();
        long deadline = since + Tables.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String now = snapshots(catalog);
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > Duration.ofSeconds(4).toNanos()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The tables kept changing");
    }

    private static String snapshots(CatalogLoader loader) throws Exception {
        Catalog catalog = loader.loadCatalog();
        try {
            StringBuilder ids = new StringBuilder();
            for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
                Table table = catalog.loadTable(spec.id());
                Snapshot s = table.currentSnapshot();
                // What a snapshot holds, not its id: an empty commit every few checkpoints
                // (which the Iceberg sink makes to keep its checkpoint id current) changes nothing.
                ids.append(
                                s == null
                                        ? "-"
                                        : s.summary().get("total-records")
                                                + "/"
                                                + s.summary().get("total-equality-deletes")
                                                + "/"
                                                + s.summary().get("total-position-deletes"))
                        .append(',');
            }
            return ids.toString();
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }
}
