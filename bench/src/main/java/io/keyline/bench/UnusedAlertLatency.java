package io.keyline.bench;

import io.keyline.inventory.AlertRules;
import io.keyline.inventory.InventorySettings;
import io.keyline.model.CanonicalIds;
import io.keyline.testing.TrailEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long an alert takes once its deadline has passed in event time: for an administrator's key
 * created and never used, the wall time from sending the event whose time moves the watermark past
 * the key's never-used deadline until the key's {@value AlertRules#UNUSED_PRIVILEGED} alert is read
 * from the alerts topic. The rule fires on an event-time timer, and alerts go to Kafka as they
 * fire, not at a checkpoint.
 */
final class UnusedAlertLatency {

    static final String NAME = "unused_alert_latency";

    /** The part of {@link #NAME} until the rule fired, by the alert's {@code detected_at}. */
    static final String FIRED = "unused_alert_fired";

    /** Both latencies of every sample: until the alert was read, and until it fired. */
    record Result(Latencies read, Latencies fired) {}

    /** How far past the deadline the watermark is moved, beyond the allowed out-of-orderness. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(UnusedAlertLatency.class);

    private final StreamingRun run;
    private final EventClock clock;
    private final InventorySettings settings;
    private final Duration patience;

    UnusedAlertLatency(
            StreamingRun run, EventClock clock, InventorySettings settings, Duration patience) {
        this.run = run;
        this.clock = clock;
        this.settings = settings;
        this.patience = patience;
    }

    Result measure(int samples) throws Exception {
        Result result = new Result(new Latencies(), new Latencies());
        try (CredentialsTable table = new CredentialsTable(run.catalog());
                AlertsTopic alerts = new AlertsTopic(run.bootstrap(), StreamingRun.ALERTS_TOPIC)) {
            for (int i = 0; i < samples; i++) {
                sample(i, table, alerts, result);
            }
        }
        return result;
    }

    private void sample(int n, CredentialsTable table, AlertsTopic alerts, Result result)
            throws Exception {
        String keyId = String.format(Locale.ROOT, "AKIABENCHALERT%06d", n);
        String credentialId = CanonicalIds.awsAccessKey(keyId);

        // An administrator's new key, committed before the clock starts: what is measured is the
        // way from the watermark to the alert, not the key's own way into the job's state.
        Instant created = clock.after(Duration.ofHours(1));
        run.send(
                0,
                TrailEvents.newAdminKey(
                        created.toString(),
                        created.plus(Duration.ofMinutes(1)).toString(),
                        keyId,
                        "svc-alert-" + n));
        table.awaitRow(
                credentialId, row -> "admin".equals(row.getField("privilege_tier")), patience);

        // Another key's call on every partition, late enough that the watermark (the latest event
        // time less the allowed out-of-orderness) passes the never-used deadline on every subtask.
        clock.at(
                created.plusMillis(settings.rules.neverUsed())
                        .plus(settings.outOfOrderness)
                        .plus(MARGIN));
        long sent = System.nanoTime();
        // The job's clock, in the same JVM, stamps when the rule fired.
        long sentAtMillis = System.currentTimeMillis();
        for (int p = 0; p < run.partitions(); p++) {
            run.send(
                    p,
                    TrailEvents.call(
                            clock.after(Duration.ofSeconds(1)).toString(),
                            "GetCallerIdentity",
                            TrailEvents.OTHER_KEY,
                            "null",
                            "null"));
        }
        AlertsTopic.Arrival alert =
                alerts.awaitAlert(credentialId, AlertRules.UNUSED_PRIVILEGED, patience);
        long readMs = (alert.readNanos() - sent) / 1_000_000;
        long firedMs = Math.max(0, alert.detectedAt().toEpochMilli() - sentAtMillis);
        result.read().add(readMs);
        result.fired().add(firedMs);
        LOG.info("{} sample {}: {} ms, fired after {} ms", NAME, n + 1, readMs, firedMs);
    }
}
