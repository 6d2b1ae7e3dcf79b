package io.keyline.bench;

import io.keyline.inventory.InventoryRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command: runs Keyline's jobs on this machine at a given scale and writes what
 * it measured to {@code DIR/results.csv} ({@code measure,value,unit}, stable names) and {@code
 * DIR/results.md} (the same as tables, with the machine and the settings).
 *
 * <pre>
 *   estate (generated once per size, kept in DIR/work)
 *     -> parse:     the parsers alone, per format on one thread, all formats on p threads
 *     -> e2e:       the bounded job over the same files; e2e_over_parse_ratio
 *     -> state:     the continuous job until it caught up, then a savepoint's size per stage,
 *                   on the heap and on RocksDB
 *     -> writes:    what the continuous job's commits wrote to the upsert tables
 *     -> freshness: a new key until its row is readable, a deadline until its alert is sent,
 *                   on the continuous job loaded with the estate first (without e2e in the
 *                   same run, on an empty job)
 *     recompute:    recompute against DuckDB over the same files (see LineageBench)
 * </pre>
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures Keyline on this machine and writes DIR/results.csv (measure,value,unit) and"
                    + " DIR/results.md."
        })
public final class Bench implements Callable<Integer> {

    /** What the suite can measure. */
    enum What {
        PARSE,
        E2E,
        STATE,
        WRITES,
        FRESHNESS,
        RECOMPUTE
    }

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description =
                    "Where results.csv and results.md are written; estates are kept in DIR/work.")
    Path out;

    @Option(
            names = "--identities",
            paramLabel = "N",
            description =
                    "AWS identities of the generated estate (with every other system). Default: ${DEFAULT-VALUE}")
    int identities = 20_000;

    @Option(
            names = "--days",
            paramLabel = "D",
            description = "Days of audit logs of the estate. Default: ${DEFAULT-VALUE}")
    int days = 7;

    @Option(
            names = "--measures",
            paramLabel = "WHAT",
            split = ",",
            description =
                    "What to measure: parse, e2e, state, writes, freshness, recompute. Default: parse,e2e,state,writes,freshness")
    List<String> measures = List.of("parse", "e2e", "state", "writes", "freshness");

    @Option(
            names = "--state-backends",
            paramLabel = "KIND",
            split = ",",
            description =
                    "The state backends the state is measured on: hashmap, rocksdb. Default: hashmap,rocksdb")
    List<String> backends = List.of("hashmap", "rocksdb");

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "SECONDS",
            description =
                    "The continuous jobs' checkpoint interval; the tables are committed once per checkpoint. Default: ${DEFAULT-VALUE}, as for keyline run.")
    int checkpointSeconds = 10;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description =
                    "Parallelism of the jobs and threads of the parse-only measure. Default: the number of cores, as for keyline run.")
    Integer parallelism;

    @Option(
            names = "--row-samples",
            paramLabel = "N",
            description =
                    "Keys created, one after the other, for credential_row_freshness. Default: ${DEFAULT-VALUE}")
    int rowSamples = 20;

    @Option(
            names = "--alert-samples",
            paramLabel = "N",
            description =
                    "Keys left unused until they alert, for unused_alert_latency. Default: ${DEFAULT-VALUE}")
    int alertSamples = 5;

    @Option(
            names = "--seed",
            paramLabel = "S",
            description = "Seed of the generated estate. Default: ${DEFAULT-VALUE}")
    long seed = 1;

    public static void main(String[] args) {
        runAndExit(new Bench(), args);
    }

    /**
     * Runs a benchmark command and exits with its code: the broker's and the jobs' threads would
     * keep the JVM alive after a failure.
     */
    static void runAndExit(Callable<Integer> command, String[] args) {
        int code = 1;
        try {
            code = new CommandLine(command).execute(args);
        } catch (Throwable t) {
            t.printStackTrace();
        }
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        int p = checkOptions();
        Set<What> what = what();
        List<InventoryRunner.StateBackend> stateBackends = backends();
        Duration checkpointInterval = Duration.ofSeconds(checkpointSeconds);
        Machine machine = Machine.current();
        Path work = out.resolve("work");
        Results results = new Results();
        results.setting("parallelism", String.valueOf(p))
                .setting(
                        "estate",
                        String.format(
                                Locale.ROOT,
                                "generated, every system, %,d AWS identities, %d days, seed %d,"
                                        + " ending %s",
                                identities,
                                days,
                                seed,
                                Estate.END))
                .setting("checkpoint interval of the continuous runs", checkpointSeconds + " s")
                .setting("catalog", "embedded JDBC catalog on SQLite, local warehouse");

        // The estate, then the measures over it, each building on the one before; the results
        // so far are written after each, so that a long run that fails late keeps them.
        Estate estate = null;
        if (what.contains(What.PARSE)
                || what.contains(What.E2E)
                || what.contains(What.STATE)
                || what.contains(What.WRITES)) {
            estate = Estate.of(work, identities, days, seed);
        }
        ParseThroughput.Pass parse = null;
        if (what.contains(What.PARSE) || what.contains(What.E2E)) {
            parse = ParseThroughput.measure(estate, p, results);
            results.writeTo(out, machine, Instant.now());
        }
        EndToEnd.Run e2e = null;
        if (what.contains(What.E2E) || what.contains(What.STATE) || what.contains(What.WRITES)) {
            e2e = EndToEnd.measure(estate, work, p, parse, results);
            results.writeTo(out, machine, Instant.now());
        }
        if (what.contains(What.STATE) || what.contains(What.WRITES)) {
            List<InventoryRunner.StateBackend> kinds =
                    what.contains(What.STATE)
                            ? stateBackends
                            : List.of(InventoryRunner.StateBackend.HASHMAP);
            for (InventoryRunner.StateBackend kind : kinds) {
                StateSize.Run run =
                        StateSize.measure(estate, work, p, kind, checkpointInterval, e2e, results);
                if (what.contains(What.WRITES) && kind == kinds.get(0)) {
                    WriteAmplification.measure(run, results);
                }
                results.writeTo(out, machine, Instant.now());
            }
        }
        if (what.contains(What.FRESHNESS)) {
            // On the estate when the bounded run measured it: freshness at the suite's scale.
            Freshness.measure(
                    e2e == null ? null : new Freshness.Load(estate, e2e),
                    p,
                    checkpointInterval,
                    rowSamples,
                    alertSamples,
                    results);
        }
        if (what.contains(What.RECOMPUTE)) {
            LineageBench.recomputeAgainstDuckDb(work, identities, days, p, results);
        }

        // Write the results and print them.
        results.setting(
                "load average (1 min) at the end", Results.load(Machine.currentLoadAverage()));
        results.writeTo(out, machine, Instant.now());
        for (Measure m : results.measures()) {
            System.out.printf("%-48s %14s %s%n", m.name(), m.formattedValue(), m.unit());
        }
        System.out.println(
                "Results written to "
                        + out.resolve(Results.CSV)
                        + " and "
                        + out.resolve(Results.MARKDOWN));
        return 0;
    }

    private Set<What> what() {
        Set<What> what = EnumSet.noneOf(What.class);
        for (String m : measures) {
            try {
                what.add(What.valueOf(m.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--measures takes parse, e2e, state, writes, freshness and recompute, not '"
                                + m
                                + "'.");
            }
        }
        return what;
    }

    private List<InventoryRunner.StateBackend> backends() {
        List<InventoryRunner.StateBackend> out = new ArrayList<>();
        for (String b : backends) {
            try {
                out.add(InventoryRunner.StateBackend.valueOf(b.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--state-backends takes hashmap and rocksdb, not '" + b + "'.");
            }
        }
        return out;
    }

    /** Checks the options' ranges and returns the parallelism. */
    private int checkOptions() {
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        checkRange("--parallelism", p, 1, 64);
        checkRange("--identities", identities, 100, 2_000_000);
        checkRange("--days", days, 1, 90);
        checkRange("--checkpoint-interval", checkpointSeconds, 1, 600);
        checkRange("--row-samples", rowSamples, 1, 1000);
        // Each alert sample moves event time on by a week from a year ago: 40 stay in the past.
        checkRange("--alert-samples", alertSamples, 1, 40);
        return p;
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    option + " must be between " + min + " and " + max + ", but is " + value + ".");
        }
    }
}
