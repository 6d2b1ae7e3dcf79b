package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.MiniClusters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recompute}: the inventory's graph in BATCH mode gives the tables of the streaming run over
 * the same input, each overwritten in one snapshot; a range leaves out the events outside it; and
 * raw archives recompute like the events table.
 */
class RecomputeITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    /** The tables a recompute writes. */
    private static final List<KeylineTables.Spec> DERIVED =
            List.of(
                    KeylineTables.CREDENTIALS,
                    KeylineTables.IDENTITIES,
                    KeylineTables.CREDENTIAL_LOCATIONS,
                    KeylineTables.CREDENTIAL_CONSUMERS,
                    KeylineTables.CREDENTIAL_REACH,
                    KeylineTables.USAGE_DAILY,
                    KeylineTables.ALERTS);

    /** When a row was written, not what it says. */
    private static final Set<String> WRITE_TIMES = Set.of("updated_at", "detected_at");

    private static final String[] UNLIMITED = {
        "--max-resources-per-credential", "100000", "--max-consumers-per-credential", "100000"
    };

    @TempDir Path dir;

    @Test
    void aRecomputeOfTheEventsGivesTheTablesOfTheStreamingRun() throws Exception {
        Path estate = generate();
        Path lake = dir.resolve("lake");
        // Room for every resource and consumer of a key: which of more than the limit the state
        // keeps depends on the order of arrival, which BATCH mode does not keep.
        CliRuns.runBounded(
                estate,
                "--warehouse",
                lake.toString(),
                UNLIMITED[0],
                UNLIMITED[1],
                UNLIMITED[2],
                UNLIMITED[3]);
        CatalogLoader catalog = Catalogs.embedded(lake);
        Map<String, List<String>> streamed = tables(catalog, false);
        Map<String, Long> snapshots = snapshotCounts(catalog);
        long eventsSnapshot = currentSnapshot(catalog, KeylineTables.EVENTS).snapshotId();

        String output =
                recompute(
                        "--from",
                        "2000-01-01",
                        "--to",
                        "2100-01-01",
                        "--warehouse",
                        lake.toString(),
                        "--parallelism",
                        "2",
                        UNLIMITED[0],
                        UNLIMITED[1],
                        UNLIMITED[2],
                        UNLIMITED[3]);

        Map<String, List<String>> recomputed = tables(catalog, false);
        for (KeylineTables.Spec spec : DERIVED) {
            assertThat(recomputed.get(spec.name()))
                    .as(spec.name())
                    .isNotEmpty()
                    .isEqualTo(streamed.get(spec.name()));
            assertThat(snapshotCounts(catalog).get(spec.name()))
                    .as("snapshots of %s", spec.name())
                    .isEqualTo(snapshots.get(spec.name()) + 1);
            assertThat(currentSnapshot(catalog, spec).operation())
                    .as(spec.name())
                    .isEqualTo("overwrite");
        }
        assertThat(currentSnapshot(catalog, KeylineTables.EVENTS).snapshotId())
                .as("the events table is read, not written")
                .isEqualTo(eventsSnapshot);
        long events = count(catalog, KeylineTables.EVENTS);
        assertThat(output).contains(String.format("from %,d events", events));

        // A range: only what the events before its end say.
        Instant end = Instant.parse("2026-10-30T00:00:00Z");
        recompute("--from", "2000-01-01", "--to", end.toString(), "--warehouse", lake.toString());
        List<Record> credentials;
        try (TableReader reader = new TableReader(catalog)) {
            credentials = reader.rows(KeylineTables.CREDENTIALS);
        }
        assertThat(credentials).isNotEmpty().hasSizeLessThan(streamed.get("credentials").size());
        assertThat(credentials)
                .allSatisfy(
                        c ->
                                assertThat(
                                                ((OffsetDateTime) c.getField("first_seen_at"))
                                                        .toInstant())
                                        .isBefore(end));
    }

    @Test
    void aRecomputeOfRawArchivesGivesTheTablesOfTheStreamingRun() throws Exception {
        Path estate = generate();
        Path streamedLake = dir.resolve("streamed");
        CliRuns.runBounded(estate, "--warehouse", streamedLake.toString());
        Path recomputedLake = dir.resolve("recomputed");
        // The same pepper, so that both fingerprint alike.
        java.nio.file.Files.createDirectories(recomputedLake);
        java.nio.file.Files.copy(streamedLake.resolve("pepper"), recomputedLake.resolve("pepper"));
        recompute(
                "--from",
                "2000-01-01",
                "--to",
                "2100-01-01",
                "--input",
                estate.toString(),
                "--warehouse",
                recomputedLake.toString(),
                "--parallelism",
                "2");

        // Two readings of the same files differ in which first sighting they keep (see
        // CatalogFileITCase); everything else is equal.
        Map<String, List<String>> streamed = tables(Catalogs.embedded(streamedLake), true);
        Map<String, List<String>> recomputed = tables(Catalogs.embedded(recomputedLake), true);
        for (KeylineTables.Spec spec : DERIVED) {
            assertThat(recomputed.get(spec.name()))
                    .as(spec.name())
                    .isNotEmpty()
                    .isEqualTo(streamed.get(spec.name()));
        }
    }

    @Test
    void aWrongRangeIsOneSentence() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code =
                    Keyline.execute(
                            "recompute",
                            "--from",
                            "2026-11-02",
                            "--to",
                            "2026-11-01",
                            "--warehouse",
                            dir.toString());
        } finally {
            System.setErr(original);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("keyline: --to must be later than --from.");
    }

    private Path generate() {
        return CliRuns.generate(dir.resolve("estate"), 60, 5);
    }

    /** Runs {@code recompute} and returns what it printed. */
    private static String recompute(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        List<String> line = new ArrayList<>(List.of("recompute"));
        line.addAll(List.of(args));
        try {
            code = Keyline.execute(line.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return printed;
    }

    /** Every derived table's rows as sorted texts, without write times (and time stamps). */
    private static Map<String, List<String>> tables(CatalogLoader catalog, boolean withoutTimes)
            throws Exception {
        Map<String, List<String>> tables = new HashMap<>();
        try (TableReader reader = new TableReader(catalog)) {
            for (KeylineTables.Spec spec : DERIVED) {
                List<String> rows = new ArrayList<>();
                for (Record r : reader.rows(spec)) {
                    StringBuilder row = new StringBuilder();
                    for (Types.NestedField c : spec.schema().columns()) {
                        boolean time = c.type().typeId() == Type.TypeID.TIMESTAMP;
                        if (!WRITE_TIMES.contains(c.name()) && !(withoutTimes && time)) {
                            row.append(c.name())
                                    .append('=')
                                    .append(r.getField(c.name()))
                                    .append('|');
                        }
                    }
                    rows.add(row.toString());
                }
                rows.sort(null);
                tables.put(spec.name(), rows);
            }
        }
        return tables;
    }

    private static Map<String, Long> snapshotCounts(CatalogLoader catalog) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (TableReader reader = new TableReader(catalog)) {
            for (KeylineTables.Spec spec : DERIVED) {
                long n = 0;
                for (Snapshot ignored : reader.table(spec).snapshots()) {
                    n++;
                }
                counts.put(spec.name(), n);
            }
        }
        return counts;
    }

    private static Snapshot currentSnapshot(CatalogLoader catalog, KeylineTables.Spec spec)
            throws Exception {
        try (TableReader reader = new TableReader(catalog)) {
            return reader.table(spec).currentSnapshot();
        }
    }

    private static long count(CatalogLoader catalog, KeylineTables.Spec spec) throws Exception {
        try (TableReader reader = new TableReader(catalog)) {
            return reader.count(spec);
        }
    }
}
