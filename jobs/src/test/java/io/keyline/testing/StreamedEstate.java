package io.keyline.testing;

import io.keyline.demo.EstateGenerator;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
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
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;

/**
 * A small generated estate streamed through Kafka, for tests that run the continuous job several
 * times over the same input and compare the tables: each run gets topics of its own, named {@code
 * <run>.<format>}, one partition each, one message per file.
 *
 * <p>A run ends with {@link #finish}: one last event, sent once every event of the estate is in
 * {@code events}, moves the watermark past the end and fires every timer, in every run alike.
 * {@link #tables} then reads every table without the columns that differ between any two runs.
 */
public final class StreamedEstate {

    /** The credential of the last event; its row shows that the last event went through. */
    private static final String LAST_CREDENTIAL = "aws:access-key:AKIAQX7EXAMPLECONT02";

    /**
     * Columns that differ between any two runs: those stamped with the wall clock, and the context
     * an alert records of its credential (tier, owner, evidence), which is what was known when the
     * alert fired and so depends on the order in which topics happened to be read. An alert's
     * identity (its id, rule, severity, credential and time) does not.
     */
    private static final Set<String> RUN_DEPENDENT =
            Set.of("detected_at", "received_at", "privilege_tier", "owner", "details");

    private final EmbeddedKafka kafka;
    private final Path input;
    private final int expectedEvents;

    private StreamedEstate(EmbeddedKafka kafka, Path input, int expectedEvents) {
        this.kafka = kafka;
        this.input = input;
        this.expectedEvents = expectedEvents;
    }

    /** Generates the estate under {@code dir}; the pepper is the one of {@code dir}. */
    public static StreamedEstate generate(EmbeddedKafka kafka, Path dir) throws Exception {
        Path input = dir.resolve("input");
        EstateGenerator.generate(
                new EstateGenerator.Options(400, 6, 23L, LocalDate.of(2026, 11, 1), input));
        int events =
                InputParse.of(input, Fingerprinter.fromFile(MiniClusters.pepper(dir)))
                        .eventIds()
                        .size();
        return new StreamedEstate(kafka, input, events);
    }

    /** The events of the estate; {@code events} holds one more after {@link #finish}. */
    public int expectedEvents() {
        return expectedEvents;
    }

    /**
     * Sends every file of the estate to topics of this run, in path order or, when {@code
     * shuffled}, in an order of its own; returns the topics and their formats.
     */
    public Map<String, String> produce(String run, boolean shuffled) throws Exception {
        Map<String, String> topics = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(input)) {
            files = all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        if (shuffled) {
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
                EmbeddedKafka.sendFile(producer, topic, relative.toString(), file);
            }
        }
        return topics;
    }

    /**
     * Waits for every event of the estate, sends the last event, and waits until it is through and
     * no table changes any more.
     */
    public void finish(String run, CatalogLoader catalog) throws Exception {
        awaitEvents(catalog, expectedEvents);
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer()) {
            producer.send(
                            new ProducerRecord<>(
                                    run + ".cloudtrail",
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
                r -> LAST_CREDENTIAL.equals(r.getField("credential_id")));
        awaitQuiet(catalog);
    }

    /** Waits until {@code events} holds at least {@code atLeast} rows. */
    public static void awaitEvents(CatalogLoader catalog, long atLeast) throws Exception {
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

    /** Every table's rows, sorted, without the columns that differ between runs. */
    public static Map<String, List<String>> tables(CatalogLoader catalog) throws Exception {
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

    /** The tables with the Kafka offsets taken out of the origins of dead letters. */
    public static Map<String, List<String>> withoutOffsets(Map<String, List<String>> tables) {
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

    /**
     * Asserts that every table equals, row for row; both sides of a table that differs are written
     * to {@code target/<name>-<table>-{expected,actual}.txt}, for a diff.
     */
    public static void assertSameTables(
            String name, Map<String, List<String>> expected, Map<String, List<String>> actual)
            throws Exception {
        SoftAssertions tables = new SoftAssertions();
        for (String table : expected.keySet()) {
            if (!expected.get(table).equals(actual.get(table))) {
                Files.write(
                        Path.of("target", name + "-" + table + "-expected.txt"),
                        expected.get(table));
                Files.write(
                        Path.of("target", name + "-" + table + "-actual.txt"),
                        actual.get(table) == null ? List.of() : actual.get(table));
            }
            tables.assertThat(actual.get(table)).as(table).isEqualTo(expected.get(table));
        }
        tables.assertAll();
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

    /** Waits until no table has changed for four seconds (four checkpoint intervals). */
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
