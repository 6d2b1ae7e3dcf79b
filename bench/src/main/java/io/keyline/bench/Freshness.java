package io.keyline.bench;

import io.keyline.inventory.InventorySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;

/**
 * Freshness, on the continuous inventory job reading a Kafka broker in this JVM: how soon a new key
 * is a row of {@code credentials}, and how soon an alert is on its topic once the watermark has
 * passed its deadline. Given an estate, the job first reads the estate's files until its tables
 * hold what the bounded run wrote, so that the samples are taken with the estate's state in the job
 * (every checkpoint snapshots it) and its rows in the tables (every reader's scan goes through
 * them).
 */
final class Freshness {

    /** How long one sample may take before the run is given up. */
    private static final Duration MIN_PATIENCE = Duration.ofMinutes(1);

    /** How long the job may take to start and make its first commit. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

    private Freshness() {}

    /** An estate to load into the job before the samples, and what its bounded run wrote. */
    record Load(Estate estate, EndToEnd.Run bounded) {}

    /** Measures on the job loaded with {@code load} first, or on an empty job when it is null. */
    static void measure(
            Load load,
            int p,
            Duration checkpointInterval,
            int rowSamples,
            int alertSamples,
            Results results)
            throws Exception {
        Duration patience = max(MIN_PATIENCE, checkpointInterval.multipliedBy(6));
        // The job's own defaults, as keyline run has them; the run adds a pepper of its own.
        InventorySettings.Builder settings = InventorySettings.builder();
        InventorySettings defaults = settings.build();
        // Later than every event of the estate, so that no sample is behind its watermark; with no
        // estate, a year back.
        EventClock clock =
                new EventClock(
                        load == null
                                ? Instant.now()
                                        .truncatedTo(ChronoUnit.DAYS)
                                        .minus(Duration.ofDays(365))
                                : Estate.END.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());

        Latencies rows;
        UnusedAlertLatency.Result alerts;
        double loadedSeconds = Double.NaN;
        // Start a broker and the job on it, as keyline run would start it.
        long started = System.nanoTime();
        try (StreamingRun run =
                StreamingRun.start(
                        settings, p, checkpointInterval, load == null ? null : load.estate())) {
            if (load != null) {
                System.out.println("Loading the estate into the continuous job first...");
                loadedSeconds = StateSize.awaitTables(run.catalog(), load.bounded(), started);
            }
            // Wait until the job is up and has committed a first key.
            CredentialRowFreshness freshness =
                    new CredentialRowFreshness(run, clock, checkpointInterval, patience);
            long firstMs = freshness.warmUp(START_PATIENCE);
            System.out.printf("Job started; the first key was a row after %d ms.%n", firstMs);

            // New keys until their rows are readable.
            rows = freshness.measure(rowSamples);

            // Unused administrators' keys until their alerts are on the topic.
            alerts = new UnusedAlertLatency(run, clock, defaults, patience).measure(alertSamples);
        }
        describe(defaults, p, checkpointInterval, rows, alerts, results);
        describeLoad(load, loadedSeconds, results);
    }

    private static void describeLoad(Load load, double loadedSeconds, Results results) {
        if (load == null) {
            results.setting("freshness: state in the job", "none (an empty job)");
            return;
        }
        results.setting(
                "freshness: state in the job",
                String.format(
                        Locale.ROOT,
                        "the estate's, loaded first (%,d events, %,d credentials)",
                        load.bounded().events(),
                        load.bounded().credentials()));
        results.add(
                new Measure(
                        "freshness_load_seconds",
                        Math.round(loadedSeconds * 10) / 10.0,
                        "s",
                        "the continuous job of the freshness measures, from submission until its"
                                + " tables held the estate, before the first sample"));
    }

    private static void describe(
            InventorySettings settings,
            int p,
            Duration checkpointInterval,
            Latencies rows,
            UnusedAlertLatency.Result alerts,
            Results results) {
        results.setting("checkpoint interval", checkpointInterval.toSeconds() + " s")
                .setting("when the keyed stages write what changed", "right before each checkpoint")
                .setting("freshness: parallelism (and input partitions)", String.valueOf(p))
                .setting("allowed out-of-orderness", settings.outOfOrderness.toMinutes() + " min")
                .setting("idleness", settings.idleness.toSeconds() + " s")
                .setting(
                        "watermark interval (Flink's default)",
                        PipelineOptions.AUTO_WATERMARK_INTERVAL.defaultValue().toMillis() + " ms")
                .setting(
                        "network buffer timeout (Flink's default)",
                        ExecutionOptions.BUFFER_TIMEOUT.defaultValue().toMillis() + " ms")
                .setting("freshness: state backend", "hashmap")
                .setting("catalog", "embedded JDBC catalog on SQLite, local warehouse")
                .setting("freshness: broker", "one KRaft Kafka node in the same JVM")
                .setting("table poll interval", CredentialsTable.POLL.toMillis() + " ms");
        results.add(
                        new Measure(
                                "checkpoint_interval",
                                checkpointInterval.toSeconds(),
                                "s",
                                "the job's checkpoint interval: the tables are committed once per checkpoint"))
                .addLatencies(
                        CredentialRowFreshness.NAME,
                        rows,
                        "a CreateAccessKey event sent to Kafka until its key is a row read from credentials")
                .addLatencies(
                        UnusedAlertLatency.NAME,
                        alerts.read(),
                        "the event that moves the watermark past a never-used key's deadline sent to Kafka until the key's alert is read from the alerts topic")
                .addLatencies(
                        UnusedAlertLatency.FIRED,
                        alerts.fired(),
                        "the same event sent until the rule fired, by the alert's detected_at");
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
