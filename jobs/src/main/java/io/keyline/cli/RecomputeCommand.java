package io.keyline.cli;

import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.KeylineTables;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code keyline recompute}: the inventory's graph in BATCH mode over a time range of the {@code
 * events} table (or of raw archives), overwriting the derived tables.
 */
@Command(
        name = "recompute",
        mixinStandardHelpOptions = true,
        description = {
            "Recomputes the derived tables (credentials, identities, credential_locations,"
                    + " credential_consumers, credential_reach, usage_daily, alerts) from the events"
                    + " of [--from, --to): the inventory job in Flink's BATCH mode, each table"
                    + " overwritten in one commit.",
            "The events come from the events table, or with --input from raw archives in the"
                    + " input-folder layout; the events table and dead_letters are not changed."
        })
public class RecomputeCommand implements Callable<Integer> {

    @Option(
            names = "--from",
            paramLabel = "TIME",
            required = true,
            description = "The first event time included (ISO-8601 or a date).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            required = true,
            description = "The event time the range ends before (ISO-8601 or a date).")
    String to;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            description =
                    "Evaluate the rules as of this time. Default: the latest event time in the range.")
    String asOf;

    @Option(
            names = "--input",
            paramLabel = "DIR",
            description = "Read raw archives from this input folder instead of the events table.")
    Path input;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job. Default: the number of cores.")
    Integer parallelism;

    @Mixin StateLimitOptions limits;

    @Mixin CatalogOptions catalog;

    @Mixin RuleOptions rules;

    @Override
    public Integer call() throws Exception {
        long start = Times.parse("--from", from);
        long end = Times.parse("--to", to);
        if (end <= start) {
            throw new UsageException("--to must be later than --from.");
        }
        if (input != null) {
            RunCommand.checkInput(input);
        }
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        if (p < 1 || p > 512) {
            throw new UsageException("--parallelism must be between 1 and 512, not " + p + ".");
        }
        InventorySettings settings =
                limits.apply(InventorySettings.builder())
                        .bounded(true)
                        .asOf(asOf == null ? null : Times.parse("--as-of", asOf))
                        .rules(rules.settings())
                        .fingerprinter(catalog.fingerprinter())
                        .build();
        long total = input == null ? eventsToRead(start, end) : -1;
        long started = System.nanoTime();
        JobClient job =
                InventoryRunner.startRecompute(
                        new InventoryRunner.Recompute(
                                input, catalog.loader(), settings, p, start, end));
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        Progress progress = new Progress(System.err, total, System.console() != null);
        while (true) {
            try {
                result.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                progress.show(recordsRead(job), System.nanoTime() - started);
            } catch (ExecutionException e) {
                progress.end();
                throw e;
            }
        }
        long read = result.get().getAccumulatorResult(InventoryRunner.RECORDS_READ);
        progress.end();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Recomputed %s from %,d %s between %s and %s in %.1f s (%,.0f records/s).%n",
                catalog.catalogFile != null
                        ? catalog.catalogFile
                        : catalog.dataDir().toAbsolutePath(),
                read,
                input == null ? "events" : "raw records of " + input,
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(end),
                seconds,
                read / Math.max(seconds, 1e-3));
        System.out.println(TableSummary.counts(catalog.loader()));
        return 0;
    }

    /** The rows of the events table's data files in the range: what the job will read. */
    private long eventsToRead(long start, long end) throws Exception {
        Catalog c = catalog.loader().loadCatalog();
        try {
            if (!c.tableExists(KeylineTables.EVENTS.id())) {
                throw new UsageException(
                        "The catalog has no events table to recompute from; run the job first, or give --input.");
            }
            Table events = c.loadTable(KeylineTables.EVENTS.id());
            Expression range = Expressions.alwaysTrue();
            for (Expression e : InventoryRunner.eventsBetween(start, end)) {
                range = Expressions.and(range, e);
            }
            long rows = 0;
            try (CloseableIterable<FileScanTask> files =
                    events.newScan().filter(range).planFiles()) {
                for (FileScanTask file : files) {
                    rows += file.file().recordCount();
                }
            }
            return rows;
        } finally {
            if (c instanceof AutoCloseable) {
                ((AutoCloseable) c).close();
            }
        }
    }

    private static long recordsRead(JobClient job) {
        try {
            Map<String, Object> accumulators = job.getAccumulators().get(5, TimeUnit.SECONDS);
            Object read = accumulators.get(InventoryRunner.RECORDS_READ);
            return read instanceof Number ? ((Number) read).longValue() : 0;
        } catch (Exception e) {
            return -1;
        }
    }

    /**
     * The progress line: records read, the rate, and the time left when the total is known. On a
     * terminal it is redrawn in place every second; otherwise a line is written every ten seconds.
     */
    static final class Progress {

        private final PrintStream out;
        private final long total;
        private final boolean terminal;
        private long lastLine;
        private boolean drawn;
        private int drawnLength;

        Progress(PrintStream out, long total, boolean terminal) {
            this.out = out;
            this.total = total;
            this.terminal = terminal;
        }

        void show(long read, long elapsedNanos) {
            if (read < 0) {
                return;
            }
            if (!terminal && elapsedNanos - lastLine < TimeUnit.SECONDS.toNanos(10)) {
                return;
            }
            lastLine = elapsedNanos;
            String line = line(read, elapsedNanos, total);
            if (terminal) {
                // Spaces over what is left of a longer line before.
                out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
                drawnLength = line.length();
                drawn = true;
            } else {
                out.println(line);
            }
            out.flush();
        }

        void end() {
            if (drawn) {
                out.println();
                drawn = false;
            }
        }

        /**
         * One progress line, such as "read 1,200,000 of 3,000,000 events (40%), 85,000/s, 21 s
         * left".
         */
        static String line(long read, long elapsedNanos, long total) {
            double seconds = elapsedNanos / 1e9;
            double rate = seconds > 0 ? read / seconds : 0;
            StringBuilder line = new StringBuilder(String.format("read %,d", read));
            if (total > 0) {
                line.append(
                        String.format(" of %,d (%d%%)", total, Math.min(100, read * 100 / total)));
            }
            if (total > 0 && read >= total) {
                // Reading is over; the keyed stages and the writers take the rest.
                return line.append(", processing and writing the tables").toString();
            }
            line.append(String.format(", %,.0f/s", rate));
            if (total > 0 && rate > 0) {
                Duration left = Duration.ofSeconds(Math.round((total - read) / rate));
                line.append(", ").append(Times.duration(left)).append(" left to read");
            }
            return line.toString();
        }
    }
}
