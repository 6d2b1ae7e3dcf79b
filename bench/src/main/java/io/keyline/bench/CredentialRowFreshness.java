package io.keyline.bench;

import io.keyline.model.CanonicalIds;
import io.keyline.testing.TrailEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a new access key takes to become a row that a reader of {@code credentials} sees: the
 * wall time from sending its CloudTrail {@code CreateAccessKey} event to Kafka until a scan of the
 * refreshed table finds the key. The key reaches the table's writer when the keyed stages flush
 * what changed (every flush interval) and is committed by the first checkpoint that completes after
 * that, so the checkpoint interval sets the scale of these numbers.
 */
final class CredentialRowFreshness {

    static final String NAME = "credential_row_freshness";

    private static final Logger LOG = LoggerFactory.getLogger(CredentialRowFreshness.class);

    private final StreamingRun run;
    private final EventClock clock;
    private final Duration checkpointInterval;
    private final Duration patience;
    // Seeded: two runs wait the same pauses between their samples.
    private final Random random = new Random(20_260_101L);
    private int keys;

    CredentialRowFreshness(
            StreamingRun run, EventClock clock, Duration checkpointInterval, Duration patience) {
        this.run = run;
        this.clock = clock;
        this.checkpointInterval = checkpointInterval;
        this.patience = patience;
    }

    /**
     * Creates one key and waits for its row, with a long patience: the first commit comes only once
     * the job has started all its tasks and completed a checkpoint.
     */
    long warmUp(Duration startPatience) throws Exception {
        try (CredentialsTable table = new CredentialsTable(run.catalog())) {
            return sample(table, startPatience);
        }
    }

    Latencies measure(int samples) throws Exception {
        Latencies latencies = new Latencies();
        try (CredentialsTable table = new CredentialsTable(run.catalog())) {
            for (int i = 0; i < samples; i++) {
                // Without a pause every sample would start just after the commit that ended the
                // one before and wait a whole interval; real events come at any point of it.
                Thread.sleep(random.nextInt((int) checkpointInterval.toMillis()));
                long ms = sample(table, patience);
                latencies.add(ms);
                LOG.info("{} sample {} of {}: {} ms", NAME, i + 1, samples, ms);
            }
        }
        return latencies;
    }

    /** Sends one new key's creation and returns the milliseconds until its row was read. */
    private long sample(CredentialsTable table, Duration wait) throws Exception {
        int n = keys++;
        String keyId = String.format(Locale.ROOT, "AKIABENCHROW%08d", n);
        String event = createAccessKey(clock.after(Duration.ofMinutes(1)), keyId, "svc-row-" + n);

        long sent = System.nanoTime();
        run.send(n % run.partitions(), event);
        long read = table.awaitRow(CanonicalIds.awsAccessKey(keyId), row -> true, wait);
        return (read - sent) / 1_000_000;
    }

    /** A person creates a key for an IAM user, as CloudTrail records it. */
    private static String createAccessKey(Instant time, String keyId, String user) {
        return TrailEvents.call(
                time.toString(),
                "CreateAccessKey",
                TrailEvents.PERSON,
                "{\"userName\":\"" + user + "\"}",
                "{\"accessKey\":{\"accessKeyId\":\""
                        + keyId
                        + "\",\"status\":\"Active\",\"userName\":\""
                        + user
                        + "\"}}");
    }
}
