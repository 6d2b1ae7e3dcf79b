package io.keyline.bench;

import io.keyline.inventory.InventorySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code bench} command: runs Keyline's jobs on this machine and writes what it measured to
 * {@code DIR/results.csv} and {@code DIR/results.md}. It measures freshness: how soon a new key is
 * a row of {@code credentials}, and how soon an alert is on its topic once the watermark has passed
 * its deadline, on the continuous inventory job reading a Kafka broker in this JVM.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures the freshness of the continuous inventory job on an embedded Kafka broker and"
                    + " writes DIR/results.csv (measure,value,unit) and DIR/results.md."
        })
public final class Bench implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Where results.csv and results.md are written.")
    Path out;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "SECONDS",
            description =
                    "The job's checkpoint interval; the tables are committed once per checkpoint. Default: ${DEFAULT-VALUE}, as for keyline run.")
    int checkpointSeconds = 10;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description =
                    "Parallelism of the job, and partitions of its input topic. Default: the number of cores, as for keyline run.")
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

    /** How long one sample may take before the run is given up. */
    private static final Duration MIN_PATIENCE = Duration.ofMinutes(1);

    /** How long the job may take to start and make its first commit. */
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);

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
        Duration checkpointInterval = Duration.ofSeconds(checkpointSeconds);
        Duration patience = max(MIN_PATIENCE, checkpointInterval.multipliedBy(6));
        // The job's own defaults, as keyline run has them; the run adds a pepper of its own.
        InventorySettings.Builder settings = InventorySettings.builder();
        InventorySettings defaults = settings.build();
        // A year back, so that every event time the measures hand out stays in the past.
        EventClock clock =
                new EventClock(
                        Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(365)));
        Machine machine = Machine.current();

        Latencies rows;
        UnusedAlertLatency.Result alerts;
        // Start a broker and the job on it, as keyline run would start it.
        try (StreamingRun run = StreamingRun.start(settings, p, checkpointInterval)) {
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

        // Write the results and print them.
        Results results = describe(defaults, p, checkpointInterval, rows, alerts);
        results.writeTo(out, machine, Instant.now());
        for (Measure m : results.measures()) {
            System.out.printf("%-36s %10s %s%n", m.name(), m.formattedValue(), m.unit());
        }
        System.out.println(
                "Results written to "
                        + out.resolve(Results.CSV)
                        + " and "
                        + out.resolve(Results.MARKDOWN));
        return 0;
    }

    /** Checks the options' ranges and returns the parallelism. */
    private int checkOptions() {
        int p = parallelism == null ? Runtime.getRuntime().availableProcessors() : parallelism;
        checkRange("--parallelism", p, 1, 64);
        checkRange("--checkpoint-interval", checkpointSeconds, 1, 600);
        checkRange("--row-samples", rowSamples, 1, 1000);
        // Each alert sample moves event time on by a week from a year ago: 40 stay in the past.
        checkRange("--alert-samples", alertSamples, 1, 40);
        return p;
    }

    private static Results describe(
            InventorySettings settings,
            int p,
            Duration checkpointInterval,
            Latencies rows,
            UnusedAlertLatency.Result alerts) {
        Results results = new Results();
        results.setting("checkpoint interval", checkpointInterval.toSeconds() + " s")
                .setting(
                        "flush interval of the keyed stages",
                        settings.flushInterval.toMillis() + " ms")
                .setting("parallelism (and input partitions)", String.valueOf(p))
                .setting("allowed out-of-orderness", settings.outOfOrderness.toMinutes() + " min")
                .setting("idleness", settings.idleness.toSeconds() + " s")
                .setting(
                        "watermark interval (Flink's default)",
                        PipelineOptions.AUTO_WATERMARK_INTERVAL.defaultValue().toMillis() + " ms")
                .setting(
                        "network buffer timeout (Flink's default)",
                        ExecutionOptions.BUFFER_TIMEOUT.defaultValue().toMillis() + " ms")
                .setting("state backend", "hashmap")
                .setting("catalog", "embedded JDBC catalog on SQLite, local warehouse")
                .setting("broker", "one KRaft Kafka node in the same JVM")
                .setting("table poll interval", CredentialsTable.POLL.toMillis() + " ms");
        results.add(
                        new Measure(
                                "checkpoint_interval",
                                checkpointInterval.toSeconds(),
                                "s",
                                "the job's checkpoint interval: the tables are committed once per checkpoint"))
                .add(
                        new Measure(
                                "flush_interval",
                                settings.flushInterval.toMillis(),
                                "ms",
                                "how often the keyed stages write what changed"))
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
        return results.setting(
                "load average (1 min) at the end", Results.load(Machine.currentLoadAverage()));
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    option + " must be between " + min + " and " + max + ", but is " + value + ".");
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
