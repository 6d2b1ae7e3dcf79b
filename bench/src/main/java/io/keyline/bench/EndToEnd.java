package io.keyline.bench;

import io.keyline.inventory.InventoryRunner;
import io.keyline.inventory.InventorySettings;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The whole inventory job over an estate's files, as {@code keyline run --bounded} runs it: every
 * parser, the de-duplication, the keyed stages and every table written to Iceberg, timed from
 * submission until the last commit. Its event rate is compared with the parse-only rate of the same
 * files measured in the same run.
 */
final class EndToEnd {

    /** What the run wrote: its events, its credentials and how long it took. */
    record Run(long events, long credentials, double seconds) {}

    private EndToEnd() {}

    static Run measure(Estate estate, Path work, int p, ParseThroughput.Pass parse, Results results)
            throws Exception {
        Path data = work.resolve("e2e-" + estate.identities());
        Files2.deleteTree(data);
        java.nio.file.Files.createDirectories(data);
        CatalogLoader catalog = Catalogs.embedded(data);
        System.out.printf("Running the inventory job bounded over %s...%n", estate.input());
        long started = System.nanoTime();
        InventoryRunner.run(
                new InventoryRunner.Options(
                        estate.input(),
                        catalog,
                        InventorySettings.builder()
                                .bounded(true)
                                .fingerprinter(estate.fingerprinter())
                                .build(),
                        p,
                        Duration.ofSeconds(10),
                        // As keyline run --bounded checkpoints when not told otherwise.
                        Duration.ofMinutes(5),
                        data.resolve("checkpoints")));
        double seconds = (System.nanoTime() - started) / 1e9;
        long events;
        long credentials;
        try (TableReader tables = new TableReader(catalog)) {
            events = tables.count(KeylineTables.EVENTS);
            credentials = tables.count(KeylineTables.CREDENTIALS);
        }
        double rate = events / seconds;
        results.add(
                        new Measure(
                                "e2e_seconds",
                                round(seconds),
                                "s",
                                "the bounded job over the estate's files, from submission to its"
                                        + " last commit, parallelism "
                                        + p))
                .add(new Measure("e2e_events", events, "count", "rows of the events table"))
                .add(
                        new Measure(
                                "e2e_credentials",
                                credentials,
                                "count",
                                "rows of the credentials table"))
                .add(
                        new Measure(
                                "e2e_events_per_s",
                                Math.round(rate),
                                "events/s",
                                "identity events through the whole job per second"))
                .add(
                        new Measure(
                                "e2e_over_parse_ratio",
                                round(rate / parse.eventsPerSecond()),
                                "ratio",
                                "e2e_events_per_s / parse_events_per_s, both on the same files and"
                                        + " the same number of threads, in the same run (target:"
                                        + " at least 0.5)"));
        return new Run(events, credentials, seconds);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
