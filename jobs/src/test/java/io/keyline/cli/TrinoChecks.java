package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.TrailEvents;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Trino 476 reads what Keyline wrote: the demo's tables in a catalog of a subclass's, through a
 * Trino started by {@code deploy/local/trino.sh} (its own JVM, on Java 24 or newer), read-only,
 * with the views of {@code sql/trino/views}. Every table read through Trino equals the same table
 * read through Iceberg, row for row; every view and example query runs, and each view's answer
 * equals the same question answered from the Iceberg rows; time travel reads an earlier snapshot;
 * and the script's maintenance (Trino's optimize, expire_snapshots and remove_orphan_files through
 * a writable catalog of its own) rewrites the data so that reads apply no delete file, and expires
 * the old snapshots, without changing a row.
 *
 * <p>The subclasses run after {@code package} with the other integration tests: Trino takes a
 * minute to unpack and start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrinoChecks {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String NEW_KEY = "AKIAQX7EXAMPLETRINO1";

    /** The test's own folder, under target/ (it outlives the run, for a look after a failure). */
    Path dir;

    private Path home;
    private Connection trino;

    /** The port the Trino under test listens on. */
    int port;

    private long firstCredentialsSnapshot;

    /** Writes the demo's tables into the catalog under test. */
    abstract void writeTables() throws Exception;

    /** The options that name the catalog under test, to Keyline and to the script. */
    abstract List<String> catalogOptions();

    /** The catalog under test, for reading it through Iceberg. */
    abstract CatalogLoader catalog();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "trino-test");
        writeTables();
        // A later run on the same catalog adds a key: a second snapshot to travel back from.
        firstCredentialsSnapshot = snapshot("credentials");
        Path later = Files.createDirectories(dir.resolve("later").resolve("cloudtrail"));
        Files.writeString(
                later.resolve("new-key.jsonl"),
                TrailEvents.newAdminKey(
                        "2026-11-30T10:00:00Z", "2026-11-30T10:01:00Z", NEW_KEY, "svc-trino"));
        List<String> run =
                new ArrayList<>(
                        List.of("run", "--bounded", "--input", later.getParent().toString()));
        run.addAll(catalogOptions());
        run.addAll(List.of("--parallelism", "1"));
        assertThat(Keyline.execute(run.toArray(String[]::new))).isZero();

        home = Path.of("target", "trino").toAbsolutePath();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> start = new ArrayList<>(List.of("start"));
        start.addAll(catalogOptions());
        start.addAll(
                List.of(
                        "--port",
                        String.valueOf(port),
                        "--home",
                        home.toString(),
                        "--maintenance"));
        script(start.toArray(String[]::new));
        trino = DriverManager.getConnection("jdbc:trino://localhost:" + port, "keyline", null);
    }

    @AfterAll
    void stop() throws Exception {
        if (trino != null) {
            trino.close();
        }
        if (home != null) {
            script("stop", "--home", home.toString());
        }
    }

    @Test
    @Order(1)
    void everyTableReadThroughTrinoEqualsTheSameTableReadThroughIceberg() throws Exception {
        for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
            List<String> columns =
                    spec.schema().columns().stream()
                            .map(Types.NestedField::name)
                            .collect(Collectors.toList());
            List<String> expected = new ArrayList<>();
            for (Record r : iceberg(spec)) {
                expected.add(
                        columns.stream()
                                .map(c -> canonical(r.getField(c)))
                                .collect(Collectors.joining("|")));
            }
            List<String> actual = new ArrayList<>();
            try (Statement s = trino.createStatement();
                    ResultSet rows =
                            s.executeQuery(
                                    "SELECT "
                                            + columns.stream()
                                                    .map(c -> select(spec, c))
                                                    .collect(Collectors.joining(", "))
                                            + " FROM keyline.keyline."
                                            + spec.name())) {
                while (rows.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = jdbc(rows.getObject(i));
                        if (value != null
                                && spec.schema().findField(columns.get(i - 1)).type().typeId()
                                        == org.apache.iceberg.types.Type.TypeID.TIMESTAMP) {
                            value = OffsetDateTime.parse((String) value);
                        }
                        row.add(canonical(value));
                    }
                    actual.add(String.join("|", row));
                }
            }
            expected.sort(null);
            actual.sort(null);
            assertThat(actual).as(spec.name()).isNotEmpty().isEqualTo(expected);
        }
    }

    @Test
    @Order(2)
    void everyViewAnswersWhatTheIcebergRowsSay() throws Exception {
        List<Record> credentials = iceberg(KeylineTables.CREDENTIALS);
        Map<String, OffsetDateTime> unusedAlerts = new HashMap<>();
        for (Record a : iceberg(KeylineTables.ALERTS)) {
            if ("unused-privileged-credential".equals(a.getField("rule"))) {
                unusedAlerts.merge(
                        (String) a.getField("credential_id"),
                        (OffsetDateTime) a.getField("event_time"),
                        (x, y) -> x.isAfter(y) ? x : y);
            }
        }
        Set<String> unused = new HashSet<>();
        Set<String> orphaned = new HashSet<>();
        long live = 0;
        for (Record c : credentials) {
            String id = (String) c.getField("credential_id");
            OffsetDateTime alerted = unusedAlerts.get(id);
            OffsetDateTime lastUsed = (OffsetDateTime) c.getField("last_used_at");
            if (alerted != null
                    && "Active".equals(c.getField("status"))
                    && (lastUsed == null || lastUsed.isBefore(alerted))) {
                unused.add(id);
            }
            boolean notDeleted =
                    c.getField("deleted_at") == null && !"Deleted".equals(c.getField("status"));
            if (notDeleted) {
                live++;
                if (c.getField("owner") == null
                        || Set.of("departed", "none").contains(c.getField("owner_status"))) {
                    orphaned.add(id);
                }
            }
        }
        Set<String> credentialIds =
                credentials.stream()
                        .map(c -> (String) c.getField("credential_id"))
                        .collect(Collectors.toSet());
        Set<String> exposed = new HashSet<>();
        for (Record l : iceberg(KeylineTables.CREDENTIAL_LOCATIONS)) {
            if (!Boolean.TRUE.equals(l.getField("managed"))
                    && credentialIds.contains(l.getField("credential_id"))) {
                exposed.add(l.getField("credential_id") + "|" + l.getField("location_id"));
            }
        }
        Set<String> chains = new HashSet<>();
        for (Record i : iceberg(KeylineTables.IDENTITIES)) {
            if (i.getField("deleted_at") != null || i.getField("trusted_principals") == null) {
                continue;
            }
            for (Object p : (List<?>) i.getField("trusted_principals")) {
                String principal = (String) p;
                String system =
                        principal.startsWith("arn:") || principal.endsWith(".amazonaws.com")
                                ? "aws"
                                : principal.split(":", -1)[0];
                if (!system.equals(i.getField("system"))) {
                    chains.add(principal + "|" + i.getField("identity_id"));
                }
            }
        }
        Map<String, Integer> radius = new HashMap<>();
        for (Record r : iceberg(KeylineTables.EFFECTIVE_REACH)) {
            if ("credential".equals(r.getField("origin_kind"))) {
                radius.merge((String) r.getField("origin_id"), 1, Integer::sum);
            }
        }
        Set<String> blast = new HashSet<>();
        for (String id : credentialIds) {
            blast.add(id + "|" + radius.getOrDefault(id, 0));
        }
        assertThat(radius).as("the graph ran: some credential reaches something").isNotEmpty();
        Set<String> people = new HashSet<>();
        for (Record e : iceberg(KeylineTables.EVENTS)) {
            if ("PERSON".equals(e.getField("kind")) && e.getField("actor") != null) {
                people.add((String) e.getField("actor"));
            }
        }

        assertThat(strings("SELECT email FROM views.keyline.people")).isEqualTo(people);
        assertThat(
                        strings(
                                "SELECT credential_id FROM"
                                        + " views.keyline.unused_privileged_credentials"))
                .isNotEmpty()
                .isEqualTo(unused);
        assertThat(strings("SELECT credential_id FROM views.keyline.orphaned_credentials"))
                .isNotEmpty()
                .isEqualTo(orphaned);
        assertThat(
                        strings(
                                "SELECT credential_id || '|' || location_id FROM"
                                        + " views.keyline.exposed_secrets"))
                .isNotEmpty()
                .isEqualTo(exposed);
        assertThat(
                        strings(
                                "SELECT trusted_principal || '|' || identity_id FROM"
                                        + " views.keyline.cross_system_chains"))
                .isNotEmpty()
                .isEqualTo(chains);
        assertThat(
                        strings(
                                "SELECT CAST(sum(credentials) AS varchar) FROM"
                                        + " views.keyline.credentials_by_owner"))
                .containsExactly(String.valueOf(live));
        assertThat(
                        strings(
                                "SELECT credential_id || '|' || CAST(blast_radius AS varchar) FROM"
                                        + " views.keyline.credential_blast_radius"))
                .isEqualTo(blast);
        // The lineage of the key the later run added: its creator, identity, owner, alerts.
        assertThat(
                        strings(
                                "SELECT relation || ' ' || target FROM"
                                        + " views.keyline.credential_lineage WHERE credential_id"
                                        + " = 'aws:access-key:"
                                        + NEW_KEY
                                        + "'"))
                .contains(
                        "created by ana.silva@example.com",
                        "identity arn:aws:iam::111122223333:user/svc-trino");
    }

    @Test
    @Order(3)
    void theExampleQueriesRunAndTimeTravelReadsTheEarlierSnapshot() throws Exception {
        List<Path> examples;
        try (Stream<Path> files = Files.list(ROOT.resolve("sql/trino/examples"))) {
            examples = files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            try (Statement s = trino.createStatement();
                    ResultSet rows =
                            s.executeQuery(Files.readString(example).trim().replaceAll(";$", ""))) {
                assertThat(rows.next()).as("%s answers", example.getFileName()).isTrue();
            }
        }
        String key = "'aws:access-key:" + NEW_KEY + "'";
        assertThat(
                        strings(
                                "SELECT credential_id FROM keyline.keyline.credentials WHERE"
                                        + " credential_id = "
                                        + key))
                .hasSize(1);
        assertThat(
                        strings(
                                "SELECT credential_id FROM keyline.keyline.credentials FOR VERSION"
                                        + " AS OF "
                                        + firstCredentialsSnapshot
                                        + " WHERE credential_id = "
                                        + key))
                .isEmpty();
        assertThat(
                        strings(
                                "SELECT CAST(count(*) AS varchar) FROM keyline.keyline.credentials"
                                        + " FOR VERSION AS OF "
                                        + firstCredentialsSnapshot))
                .containsExactly(String.valueOf(countAt("credentials", firstCredentialsSnapshot)));
    }

    /** Last: it expires the snapshots the time-travel test reads. */
    @Test
    @Order(5)
    void maintenanceAppliesTheDeletesAndExpiresSnapshotsWithoutChangingARow() throws Exception {
        Map<String, List<String>> before = new HashMap<>();
        for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
            before.put(spec.name(), rows(spec));
        }
        Map<String, String> summary = summary("credentials");
        assertThat(deletesToApply("credentials"))
                .as("delete files a read of credentials applies before maintenance")
                .isPositive();
        assertThat(snapshots("credentials")).isGreaterThan(1);

        script(
                "maintain",
                "--port",
                String.valueOf(port),
                "--home",
                home.toString(),
                "--retention",
                "0s");

        Map<String, String> after = summary("credentials");
        // The delete files stay in the table's metadata, but no data file is older than them now,
        // so a read applies none.
        assertThat(deletesToApply("credentials")).isZero();
        assertThat(Long.parseLong(after.get("total-data-files")))
                .isLessThanOrEqualTo(Long.parseLong(summary.get("total-data-files")));
        assertThat(snapshots("credentials")).isEqualTo(1);
        for (KeylineTables.Spec spec : KeylineTables.ALL.values()) {
            assertThat(rows(spec)).as(spec.name()).isEqualTo(before.get(spec.name()));
        }
        everyTableReadThroughTrinoEqualsTheSameTableReadThroughIceberg();
    }

    @Test
    @Order(4)
    void theCatalogIsReadOnly() {
        assertThatThrownBy(
                        () -> {
                            try (Statement s = trino.createStatement()) {
                                s.execute("DELETE FROM keyline.keyline.credentials");
                            }
                        })
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access Denied");
    }

    /** Trino's expression for a column, in a form whose value compares with Iceberg's. */
    private static String select(KeylineTables.Spec spec, String column) {
        Types.NestedField field = spec.schema().findField(column);
        String quoted = '"' + column + '"';
        if (field.type().typeId() == org.apache.iceberg.types.Type.TypeID.TIMESTAMP) {
            // ISO-8601 with its microseconds, which canonical() reads back.
            return "to_iso8601(" + quoted + ")";
        }
        if (field.type().typeId() == org.apache.iceberg.types.Type.TypeID.DATE) {
            return "CAST(" + quoted + " AS varchar)";
        }
        return quoted;
    }

    /** A value of either side as one text: timestamps in microseconds, maps sorted. */
    private static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof OffsetDateTime) {
            OffsetDateTime t = (OffsetDateTime) value;
            return String.valueOf(
                    ChronoUnit.MICROS.between(OffsetDateTime.parse("1970-01-01T00:00:00Z"), t));
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof Map) {
            return new TreeMap<>((Map<?, ?>) value).toString();
        }
        if (value instanceof List) {
            return ((List<?>) value).stream().map(TrinoChecks::canonical).toList().toString();
        }
        return value.toString();
    }

    private static Object jdbc(Object value) throws SQLException {
        if (value instanceof Array) {
            return Arrays.asList((Object[]) ((Array) value).getArray());
        }
        return value;
    }

    /** The first column of a query's rows, as texts. */
    Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Statement s = trino.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(Objects.toString(rows.getString(1)));
            }
        }
        return values;
    }

    /**
     * Runs {@code deploy/local/trino.sh} with {@code args} and waits for it; its output goes to
     * {@code target/trino-<command>.log}.
     */
    private void script(String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", ROOT.resolve("deploy/local/trino.sh").toString()));
        command.addAll(List.of(args));
        Path log = Path.of("target", "trino-" + args[0] + ".log");
        Process p =
                new ProcessBuilder(command)
                        .directory(ROOT.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("trino.sh %s ends", args[0]).isTrue();
        assertThat(p.exitValue()).as("trino.sh %s; see %s", args[0], log).isZero();
    }

    /** A table's rows read through Iceberg, each as one text, sorted. */
    private List<String> rows(KeylineTables.Spec spec) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Record r : iceberg(spec)) {
            rows.add(
                    spec.schema().columns().stream()
                            .map(c -> canonical(r.getField(c.name())))
                            .collect(Collectors.joining("|")));
        }
        rows.sort(null);
        return rows;
    }

    /** What {@code read} finds in a table of the catalog under test, read through Iceberg. */
    private <T> T onTable(String table, TableRead<T> read) throws Exception {
        Catalog catalog = catalog().loadCatalog();
        try {
            return read.apply(catalog.loadTable(KeylineTables.ALL.get(table).id()));
        } finally {
            ((AutoCloseable) catalog).close();
        }
    }

    private interface TableRead<T> {
        T apply(Table table) throws Exception;
    }

    private Map<String, String> summary(String table) throws Exception {
        return onTable(table, t -> t.currentSnapshot().summary());
    }

    /** How many delete files a full read of the table applies, summed over its files. */
    private long deletesToApply(String table) throws Exception {
        return onTable(
                table,
                t -> {
                    long deletes = 0;
                    try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks =
                            t.newScan().planFiles()) {
                        for (org.apache.iceberg.FileScanTask task : tasks) {
                            deletes += task.deletes().size();
                        }
                    }
                    return deletes;
                });
    }

    private int snapshots(String table) throws Exception {
        return onTable(
                table,
                t -> {
                    int count = 0;
                    for (var ignored : t.snapshots()) {
                        count++;
                    }
                    return count;
                });
    }

    List<Record> iceberg(KeylineTables.Spec spec) throws Exception {
        try (TableReader reader = new TableReader(catalog())) {
            return reader.rows(spec);
        }
    }

    private long snapshot(String table) throws Exception {
        return onTable(table, t -> t.currentSnapshot().snapshotId());
    }

    private long countAt(String table, long snapshot) throws Exception {
        return onTable(
                table,
                t -> {
                    long count = 0;
                    try (CloseableIterable<Record> rows =
                            IcebergGenerics.read(t).useSnapshot(snapshot).build()) {
                        for (Record ignored : rows) {
                            count++;
                        }
                    }
                    return count;
                });
    }
}
