package io.keyline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.cli.Keyline;
import io.keyline.demo.EstateGenerator;
import io.keyline.format.Json;
import io.keyline.graph.GraphJob;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The batch side of Keyline, measured: a recompute of a generated estate from its raw files, side
 * by side with DuckDB computing only the last use of each access key and its daily usage over the
 * same CloudTrail files; and the graph job's time and heap on the tables of estates of several
 * sizes. Writes {@code DIR/results.csv} and {@code DIR/results.md}.
 */
@Command(
        name = "lineage-bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures recompute against DuckDB over the same raw files, and the graph job at"
                    + " several sizes; writes DIR/results.csv (measure,value,unit) and"
                    + " DIR/results.md."
        })
public final class LineageBench implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Results folder.")
    Path out;

    @Option(
            names = "--identities",
            paramLabel = "N",
            description = "Identities of the recompute estate. Default: ${DEFAULT-VALUE}")
    int identities = 200_000;

    @Option(
            names = "--days",
            paramLabel = "D",
            description = "Days of CloudTrail of the recompute estate. Default: ${DEFAULT-VALUE}")
    int days = 7;

    @Option(
            names = "--graph-identities",
            paramLabel = "N",
            split = ",",
            description =
                    "Estate sizes the graph job is measured at; the recompute estate's size is"
                            + " measured on its tables, the others on estates of one day."
                            + " Default: 200000,1000000")
    List<Integer> graphIdentities = List.of(200_000, 1_000_000);

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the jobs and DuckDB's threads. Default: the cores.")
    Integer parallelism;

    private static final LocalDate END = LocalDate.of(2026, 11, 1);

    public static void main(String[] args) {
        Bench.runAndExit(new LineageBench(), args);
    }

    @Override
    public Integer call() throws Exception {
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        Machine machine = Machine.current();
        Path work = out.resolve("work");
        Results results = new Results();
        results.setting("parallelism (and DuckDB threads)", String.valueOf(p))
                .setting("estate", "generated, AWS only (--no-systems), seed 1, ending " + END)
                .setting("catalog", "embedded JDBC catalog on SQLite, local warehouse")
                .setting("graph hop limit", String.valueOf(GraphJob.DEFAULT_HOP_LIMIT));

        // The recompute estate, and the two ways over its raw files.
        Path warehouse = recomputeAgainstDuckDb(work, identities, days, p, results);

        // The graph job at each size.
        for (int n : graphIdentities) {
            Path tables = warehouse;
            if (n != identities) {
                Path in = generate(work.resolve("input-" + n), n, 1);
                tables = work.resolve("warehouse-" + n);
                double setup = recompute(in, tables, p);
                results.add(
                        new Measure(
                                "graph_setup_recompute_seconds_" + n,
                                setup,
                                "s",
                                "the recompute that wrote the tables of "
                                        + n
                                        + " identities (one day)"));
            }
            Graph g = graph(tables, p);
            results.add(
                            new Measure(
                                    "graph_seconds_" + n,
                                    g.seconds,
                                    "s",
                                    "keyline graph on the tables of " + n + " identities"))
                    .add(
                            new Measure(
                                    "graph_peak_heap_mb_" + n,
                                    g.peakHeapBytes / (1024.0 * 1024),
                                    "MiB",
                                    "the JVM's largest used heap while the graph job ran (sampled every 50 ms, garbage included; the job's sorts and joins use Flink's managed memory, 512 MiB off the heap, on top)"))
                    .add(new Measure("graph_edges_" + n, g.edges, "count", "lineage_edges rows"))
                    .add(
                            new Measure(
                                    "graph_cluster_rows_" + n,
                                    g.members,
                                    "count",
                                    "lineage_clusters rows (identities and credentials)"))
                    .add(
                            new Measure(
                                    "graph_reach_rows_" + n,
                                    g.reach,
                                    "count",
                                    "effective_reach rows"));
        }

        results.setting(
                "load average (1 min) at the end", Results.load(Machine.currentLoadAverage()));
        results.writeTo(out, machine, Instant.now());
        for (Measure m : results.measures()) {
            System.out.printf("%-40s %12s %s%n", m.name(), m.formattedValue(), m.unit());
        }
        System.out.println(
                "Results written to "
                        + out.resolve(Results.CSV)
                        + " and "
                        + out.resolve(Results.MARKDOWN));
        return 0;
    }

    /**
     * Generates the AWS estate of that size (kept in {@code work}), recomputes it from its raw
     * files into an empty warehouse, runs DuckDB's last use and daily usage over the same
     * CloudTrail files, and records both times and their ratio; returns the recompute's warehouse.
     */
    static Path recomputeAgainstDuckDb(Path work, int identities, int days, int p, Results results)
            throws Exception {
        Path input = generate(work.resolve("input-" + identities), identities, days);
        long records = cloudTrailRecords(input);
        Path warehouse = work.resolve("warehouse-" + identities);
        double recompute = recompute(input, warehouse, p);
        DuckDb duck = duckDb(input, work.resolve("duckdb-" + identities), p);
        results.add(
                        new Measure(
                                "recompute_seconds",
                                recompute,
                                "s",
                                "recompute --input of "
                                        + identities
                                        + " identities and "
                                        + days
                                        + " days: every parser, every keyed stage, every derived"
                                        + " table written to Iceberg"))
                .add(
                        new Measure(
                                "recompute_cloudtrail_records",
                                records,
                                "count",
                                "CloudTrail records in the raw files"))
                .add(
                        new Measure(
                                "duckdb_seconds",
                                duck.seconds,
                                "s",
                                "DuckDB over the same CloudTrail files: last use per access key and"
                                        + " daily usage (calls, distinct addresses, errors), each"
                                        + " written to a Parquet file"))
                .add(
                        new Measure(
                                "duckdb_keys", duck.keys, "count", "access keys DuckDB found used"))
                .add(
                        new Measure(
                                "duckdb_key_days",
                                duck.keyDays,
                                "count",
                                "key-days of DuckDB's daily usage"))
                .add(
                        new Measure(
                                "recompute_over_duckdb_ratio",
                                recompute / duck.seconds,
                                "ratio",
                                "recompute_seconds / duckdb_seconds, measured in the same run"));

        return warehouse;
    }

    /**
     * A generated AWS estate, without the planted truncated gzip file, which DuckDB cannot skip (it
     * skips bad lines of JSON lines files only); the other planted bad records stay.
     */
    private static Path generate(Path dir, int identities, int days) throws Exception {
        if (Files.exists(dir.resolve("_ground-truth.json"))) {
            return dir;
        }
        System.out.printf("Generating %,d identities and %d days...%n", identities, days);
        EstateGenerator.generate(
                new EstateGenerator.Options(identities, days, 1L, END, dir, false));
        JsonNode truth = Json.read(Files.readAllBytes(dir.resolve("_ground-truth.json")));
        for (JsonNode bad : truth.get("deadLetters")) {
            if ("truncated-gzip".equals(bad.get("reason").asText())) {
                Files.deleteIfExists(dir.resolve(bad.get("file").asText()));
            }
        }
        return dir;
    }

    private static long cloudTrailRecords(Path input) throws Exception {
        JsonNode truth = Json.read(Files.readAllBytes(input.resolve("_ground-truth.json")));
        return truth.get("counts").path("cloudTrailRecords").asLong(-1);
    }

    private static double recompute(Path input, Path warehouse, int p) throws IOException {
        Files2.deleteTree(warehouse);
        System.out.printf("Recomputing %s into %s...%n", input, warehouse);
        long started = System.nanoTime();
        int code =
                Keyline.execute(
                        "recompute",
                        "--input",
                        input.toString(),
                        "--from",
                        "2000-01-01",
                        "--to",
                        "2100-01-01",
                        "--warehouse",
                        warehouse.toString(),
                        "--parallelism",
                        String.valueOf(p));
        if (code != 0) {
            throw new IllegalStateException("The recompute failed with exit code " + code);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private record DuckDb(double seconds, long keys, long keyDays) {}

    private static DuckDb duckDb(Path input, Path dir, int threads) throws Exception {
        Files2.deleteTree(dir);
        Files.createDirectories(dir);
        System.out.println("DuckDB over the same CloudTrail files...");
        String record =
                "STRUCT(eventTime VARCHAR, userIdentity STRUCT(accessKeyId VARCHAR),"
                        + " sourceIPAddress VARCHAR, errorCode VARCHAR)";
        String trail = input.resolve("cloudtrail").toString();
        Path lastUse = dir.resolve("last_use.parquet");
        Path daily = dir.resolve("usage_daily.parquet");
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("SET threads = " + threads);
            // Both forms the files come in: S3 delivery (gzip, a Records array) and EventBridge
            // (JSON lines, the event in detail).
            s.execute(
                    "CREATE TEMP TABLE calls AS SELECT * FROM ("
                            + "SELECT e.eventTime::TIMESTAMPTZ AS t, e.userIdentity.accessKeyId AS k,"
                            + " e.sourceIPAddress AS ip, e.errorCode AS err FROM ("
                            + " SELECT unnest(Records) AS e FROM read_json('"
                            + trail
                            + "/*/*/*/*/*.json.gz',"
                            + " columns = {'Records': '"
                            + record
                            + "[]'}, maximum_object_size = 1073741824))"
                            + " UNION ALL SELECT detail.eventTime::TIMESTAMPTZ, detail.userIdentity.accessKeyId,"
                            + " detail.sourceIPAddress, detail.errorCode FROM read_json('"
                            + trail
                            + "/*/eventbridge/*.jsonl', format = 'newline_delimited',"
                            + " columns = {'detail': '"
                            + record
                            + "'}, ignore_errors = true))"
                            + " WHERE k LIKE 'AKIA%'");
            s.execute(
                    "COPY (SELECT k AS credential_id, max(t) AS last_used_at, count(*) AS calls"
                            + " FROM calls GROUP BY k) TO '"
                            + lastUse
                            + "' (FORMAT parquet)");
            s.execute(
                    "COPY (SELECT k AS credential_id, CAST(t AS DATE) AS day, count(*) AS calls,"
                            + " count(DISTINCT ip) AS distinct_consumers, count(err) AS errors"
                            + " FROM calls GROUP BY k, CAST(t AS DATE)) TO '"
                            + daily
                            + "' (FORMAT parquet)");
            double seconds = (System.nanoTime() - started) / 1e9;
            try (ResultSet r =
                    s.executeQuery(
                            "SELECT (SELECT count(*) FROM read_parquet('"
                                    + lastUse
                                    + "')),"
                                    + " (SELECT count(*) FROM read_parquet('"
                                    + daily
                                    + "'))")) {
                r.next();
                return new DuckDb(seconds, r.getLong(1), r.getLong(2));
            }
        }
    }

    private record Graph(
            double seconds, long peakHeapBytes, long edges, long members, long reach) {}

    private static Graph graph(Path warehouse, int p) throws Exception {
        System.out.printf("The graph job on %s...%n", warehouse);
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler =
                new Thread(
                        () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                peak.accumulateAndGet(
                                        memory.getHeapMemoryUsage().getUsed(), Math::max);
                                try {
                                    Thread.sleep(50);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        GraphJob.Result result;
        try {
            result =
                    GraphJob.run(
                            new GraphJob.Settings(
                                    Catalogs.embedded(warehouse), GraphJob.DEFAULT_HOP_LIMIT, p));
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        return new Graph(
                result.seconds(),
                peak.get(),
                result.rows().get(KeylineTables.LINEAGE_EDGES.name()),
                result.rows().get(KeylineTables.LINEAGE_CLUSTERS.name()),
                result.rows().get(KeylineTables.EFFECTIVE_REACH.name()));
    }
}
