package io.keyline.inventory;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The thresholds of the alert rules. Defaults: unused for 90 days (a credential that was never used
 * counts as unused from its creation, once a 7-day grace has passed), stale after 90 days,
 * privileged stale after 365, expiring within 30 days.
 */
@PublicEvolving
public final class RuleSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_UNUSED_DAYS = 90;
    public static final int DEFAULT_NEVER_USED_GRACE_DAYS = 7;
    public static final int DEFAULT_STALE_DAYS = 90;
    public static final int DEFAULT_PRIVILEGED_STALE_DAYS = 365;
    public static final int DEFAULT_EXPIRING_DAYS = 30;

    private final int unusedDays;
    private final int neverUsedGraceDays;
    private final int staleDays;
    private final int privilegedStaleDays;
    private final int expiringDays;

    public RuleSettings(
            int unusedDays, int neverUsedGraceDays, int staleDays, int privilegedStaleDays) {
        this(unusedDays, neverUsedGraceDays, staleDays, privilegedStaleDays, DEFAULT_EXPIRING_DAYS);
    }

    public RuleSettings(
            int unusedDays,
            int neverUsedGraceDays,
            int staleDays,
            int privilegedStaleDays,
            int expiringDays) {
        checkRange("rules.unused-privileged-credential.days", unusedDays, 1, 365);
        checkRange(
                "rules.unused-privileged-credential.never-used-grace-days",
                neverUsedGraceDays,
                0,
                365);
        checkRange("rules.stale-rotation.days", staleDays, 1, 3650);
        checkRange("rules.stale-rotation.privileged-days", privilegedStaleDays, 1, 3650);
        checkRange("rules.expiring-credential.days", expiringDays, 1, 365);
        this.expiringDays = expiringDays;
        this.unusedDays = unusedDays;
        this.neverUsedGraceDays = neverUsedGraceDays;
        this.staleDays = staleDays;
        this.privilegedStaleDays = privilegedStaleDays;
    }

    public static RuleSettings defaults() {
        return new RuleSettings(
                DEFAULT_UNUSED_DAYS,
                DEFAULT_NEVER_USED_GRACE_DAYS,
                DEFAULT_STALE_DAYS,
                DEFAULT_PRIVILEGED_STALE_DAYS);
    }

    public long unused() {
        return Duration.ofDays(unusedDays).toMillis();
    }

    /**
     * How long after its creation a credential that was never used is reported: the grace, which
     * gives a new key time to be deployed.
     */
    public long neverUsed() {
        return Duration.ofDays(neverUsedGraceDays).toMillis();
    }

    public int neverUsedGraceDays() {
        return neverUsedGraceDays;
    }

    public long stale() {
        return Duration.ofDays(staleDays).toMillis();
    }

    public long privilegedStale() {
        return Duration.ofDays(privilegedStaleDays).toMillis();
    }

    /** How long before its expiry a credential is reported. */
    public long expiring() {
        return Duration.ofDays(expiringDays).toMillis();
    }

    public int expiringDays() {
        return expiringDays;
    }

    public int unusedDays() {
        return unusedDays;
    }

    public int staleDays() {
        return staleDays;
    }

    public int privilegedStaleDays() {
        return privilegedStaleDays;
    }

    private static void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    option
                            + " must be between "
                            + min
                            + " and "
                            + max
                            + " days, but is "
                            + value
                            + ".");
        }
    }
}
