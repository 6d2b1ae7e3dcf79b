package io.keyline.inventory;

import io.keyline.fingerprint.Fingerprinter;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How the inventory job runs: bounded or continuous, the time rules are evaluated at, and the
 * limits of its state. Built by the command line from flags and configuration.
 *
 * <p>In a bounded run the job generates no watermarks until its input ends: input files come in any
 * order, so no event is late, and every rule is evaluated once, on the final state, as of {@code
 * asOf} (by default the latest event time in the input). A continuous run uses event-time
 * watermarks with bounded out-of-orderness and evaluates rules as the watermark passes.
 */
@PublicEvolving
public final class InventorySettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public final boolean bounded;
    public final Long asOf;
    public final RuleSettings rules;
    public final Fingerprinter fingerprinter;
    public final Duration outOfOrderness;
    public final Duration idleness;
    public final Duration dedupRetention;
    public final Duration deletedRetention;
    public final int maxConsumersPerCredential;
    public final int maxResourcesPerCredential;

    private InventorySettings(Builder b) {
        this.bounded = b.bounded;
        this.asOf = b.asOf;
        this.rules = b.rules;
        this.fingerprinter = b.fingerprinter;
        this.outOfOrderness = b.outOfOrderness;
        this.idleness = b.idleness;
        this.dedupRetention = b.dedupRetention;
        this.deletedRetention = b.deletedRetention;
        this.maxConsumersPerCredential = b.maxConsumersPerCredential;
        this.maxResourcesPerCredential = b.maxResourcesPerCredential;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults documented in the README. */
    public static final class Builder {
        private boolean bounded;
        private Long asOf;
        private RuleSettings rules = RuleSettings.defaults();
        private Fingerprinter fingerprinter = Fingerprinter.fromEnvironment();
        private Duration outOfOrderness = Duration.ofMinutes(15);
        private Duration idleness = Duration.ofMinutes(1);
        private Duration dedupRetention = Duration.ofDays(1);
        private Duration deletedRetention = Duration.ofDays(7);
        private int maxConsumersPerCredential = 256;
        private int maxResourcesPerCredential = 32;

        public Builder bounded(boolean bounded) {
            this.bounded = bounded;
            return this;
        }

        public Builder asOf(Long asOf) {
            this.asOf = asOf;
            return this;
        }

        public Builder rules(RuleSettings rules) {
            this.rules = rules;
            return this;
        }

        public Builder fingerprinter(Fingerprinter fingerprinter) {
            this.fingerprinter = fingerprinter;
            return this;
        }

        public Builder outOfOrderness(Duration outOfOrderness) {
            this.outOfOrderness = outOfOrderness;
            return this;
        }

        public Builder idleness(Duration idleness) {
            this.idleness = idleness;
            return this;
        }

        public Builder dedupRetention(Duration dedupRetention) {
            this.dedupRetention = dedupRetention;
            return this;
        }

        public Builder deletedRetention(Duration deletedRetention) {
            this.deletedRetention = deletedRetention;
            return this;
        }

        public Builder maxConsumersPerCredential(int max) {
            this.maxConsumersPerCredential = max;
            return this;
        }

        public Builder maxResourcesPerCredential(int max) {
            this.maxResourcesPerCredential = max;
            return this;
        }

        public InventorySettings build() {
            return new InventorySettings(this);
        }
    }
}
