package io.keyline.bench;

import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The state the continuous job holds for an estate: the job reads the estate's files as {@code
 * keyline run} does, on the heap or on RocksDB, until its tables hold everything the bounded run
 * wrote; then a savepoint is taken and its size read, stage by stage. The savepoint is canonical on
 * the heap (the serialized state) and native on RocksDB (its files, as checkpoints hold them).
 */
final class StateSize {

    /** The keyed stages whose state grows with the credentials and identities of the estate. */
    static final Map<String, String> PER_CREDENTIAL =
            new java.util.TreeMap<>(
                    Map.of(
                            "credential-lineage",
                            "credential stage",
                            "identity",
                            "identity stage",
                            "directory",
                            "HR directory stage",
                            "token-aliases",
                            "token aliases"));

    private static final Duration PATIENCE = Duration.ofHours(2);

    /** The continuous run's catalog, for the write measures, and the backend it ran on. */
    record Run(CatalogLoader catalog, String backend) {}

    private StateSize() {}

    static Run measure(
            Estate estate,
            Path work,
            int p,
            InventoryRunner.StateBackend backend,
            Duration checkpointInterval,
            EndToEnd.Run expected,
            Results results)
            throws Exception {
        String kind = backend.name().toLowerCase(Locale.ROOT);
        Path data = work.resolve("state-" + kind + "-" + estate.identities());
        Files2.deleteTree(data);
        java.nio.file.Files.createDirectories(data);
        CatalogLoader catalog = Catalogs.embedded(data);
        System.out.printf("Running the inventory job continuously on %s...%n", kind);
        long started = System.nanoTime();
        JobClient job =
                InventoryRunner.start(
                        new InventoryRunner.Options(
                                estate.input(),
                                catalog,
                                InventorySettings.builder()
                                        .bounded(false)
                                        .fingerprinter(estate.fingerprinter())
                                        .build(),
                                p,
                                Duration.ofSeconds(5),
                                checkpointInterval,
                                data.resolve("checkpoints").toUri().toString(),
                                null,
                                null,
                                backend,
                                null,
                                java.util.List.of()));
        Path savepoint;
        double caughtUp;
        try {
            caughtUp = awaitTables(catalog, expected, started);
            System.out.println("Taking a savepoint...");
            savepoint =
                    Path.of(
                            java.net.URI.create(
                                    toUri(
                                            job.triggerSavepoint(
                                                            data.resolve("savepoints")
                                                                    .toUri()
                                                                    .toString(),
                                                            backend
                                                                            == InventoryRunner
                                                                                    .StateBackend
                                                                                    .ROCKSDB
                                                                    ? SavepointFormatType.NATIVE
                                                                    : SavepointFormatType.CANONICAL)
                                                    .get(30, TimeUnit.MINUTES))));
        } finally {
            job.cancel().get(5, TimeUnit.MINUTES);
        }
        Map<String, Long> sizes = sizes(savepoint);
        report(kind, sizes, Files2.size(savepoint), caughtUp, expected, results);
        return new Run(catalog, kind);
    }

    private static String toUri(String path) {
        return path.contains("://") || path.startsWith("file:")
                ? path
                : Path.of(path).toUri().toString();
    }

    /** Waits until the tables hold what the bounded run wrote; the seconds it took. */
    static double awaitTables(CatalogLoader catalog, EndToEnd.Run expected, long started)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(5000);
            try (TableReader tables = new TableReader(catalog)) {
                if (!tables.exists(KeylineTables.EVENTS)) {
                    continue;
                }
                long events = tables.count(KeylineTables.EVENTS);
                long credentials = tables.count(KeylineTables.CREDENTIALS);
                System.out.printf(
                        "  events %,d of %,d, credentials %,d of %,d%n",
                        events, expected.events(), credentials, expected.credentials());
                if (events >= expected.events() && credentials >= expected.credentials()) {
                    return (System.nanoTime() - started) / 1e9;
                }
            }
        }
        throw new IllegalStateException(
                "The continuous job did not catch up with the bounded run within " + PATIENCE);
    }

    /** The bytes of each operator's state in a savepoint, by uid where the uid is known. */
    static Map<String, Long> sizes(Path savepoint) throws Exception {
        CheckpointMetadata metadata;
        try (InputStream in = Files.newInputStream(savepoint.resolve("_metadata"))) {
            metadata =
                    Checkpoints.loadCheckpointMetadata(
                            new DataInputStream(in),
                            StateSize.class.getClassLoader(),
                            savepoint.toString());
        }
        Map<OperatorID, String> names = new LinkedHashMap<>();
        for (String uid : PER_CREDENTIAL.keySet()) {
            names.put(OperatorIdentifier.forUid(uid).getOperatorId(), uid);
        }
        names.put(OperatorIdentifier.forUid("dedup").getOperatorId(), "dedup");
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (OperatorState state : metadata.getOperatorStates()) {
            String name = names.getOrDefault(state.getOperatorID(), "other");
            sizes.merge(name, state.getStateSize(), Long::sum);
        }
        return sizes;
    }

    private static void report(
            String kind,
            Map<String, Long> sizes,
            long onDisk,
            double caughtUp,
            EndToEnd.Run expected,
            Results results) {
        long perCredential = 0;
        for (String uid : PER_CREDENTIAL.keySet()) {
            perCredential += sizes.getOrDefault(uid, 0L);
        }
        long dedup = sizes.getOrDefault("dedup", 0L);
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        long credentials = Math.max(1, expected.credentials());
        for (Map.Entry<String, String> stage : PER_CREDENTIAL.entrySet()) {
            results.add(
                    new Measure(
                            "state_bytes_per_credential_"
                                    + stage.getKey().replace('-', '_')
                                    + suffix(kind),
                            Math.round(
                                    (double) sizes.getOrDefault(stage.getKey(), 0L) / credentials),
                            "bytes",
                            "the " + stage.getValue() + "'s state per credential, on " + kind));
        }
        results.add(
                        new Measure(
                                "state_bytes_per_credential" + suffix(kind),
                                Math.round((double) perCredential / credentials),
                                "bytes",
                                "the keyed stages that hold credentials, identities, people and"
                                        + " token aliases, per credential, on "
                                        + kind
                                        + " (target: under 1024)"))
                .add(
                        new Measure(
                                "state_bytes_total_per_credential_" + kind,
                                Math.round((double) total / credentials),
                                "bytes",
                                "every operator's state (the de-duplication's event ids included),"
                                        + " per credential, on "
                                        + kind))
                .add(
                        new Measure(
                                "dedup_state_bytes_per_event_" + kind,
                                Math.round((double) dedup / Math.max(1, expected.events())),
                                "bytes",
                                "the de-duplication's state per event it remembers, on " + kind))
                .add(
                        new Measure(
                                "state_bytes_" + kind,
                                total,
                                "bytes",
                                "every operator's state in the savepoint, on " + kind))
                .add(
                        new Measure(
                                "savepoint_bytes_on_disk_" + kind,
                                onDisk,
                                "bytes",
                                "the savepoint's files on disk, on " + kind))
                .add(
                        new Measure(
                                "continuous_catch_up_seconds_" + kind,
                                Math.round(caughtUp),
                                "s",
                                "the continuous job, from submission until its tables held what"
                                        + " the bounded run wrote, on "
                                        + kind));
    }

    /** The heap's figure is the headline {@code state_bytes_per_credential}. */
    private static String suffix(String kind) {
        return kind.equals("hashmap") ? "" : "_" + kind;
    }
}
