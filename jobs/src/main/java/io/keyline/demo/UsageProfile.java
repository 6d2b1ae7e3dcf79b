package io.keyline.demo;

import java.util.SplittableRandom;

/**
 * How often an access key is used in the window. A key's rate is fixed by its plan; each day's
 * count is drawn from the rate with that day's random stream.
 */
enum UsageProfile {
    /**
     * Hundreds to thousands of calls a day: one key per account (see {@link Estate#busyRate}),
     * never drawn.
     */
    BUSY(100, 2000, 1.0),
    /** Used from 20 to 60 places, a few calls on most days: 2%. */
    MANY_PLACES(2, 8, 0.8),
    /** 1 to 20 calls (log-uniform per key) on about half the days: 20%. */
    REGULAR(1, 20, 0.5),
    /** One to three calls on about a fifth of the days: 17%. */
    OCCASIONAL(1, 3, 0.2),
    /** Not used in the window; its last use is known only from the credential report: 42%. */
    DORMANT(0, 0, 0),
    /** Never used at all: the remaining 19%. */
    NEVER(0, 0, 0);

    private final double low;
    private final double high;
    private final double dayShare;

    UsageProfile(double low, double high, double dayShare) {
        this.low = low;
        this.high = high;
        this.dayShare = dayShare;
    }

    /** Whether keys of this profile make calls in the window. */
    boolean callsInWindow() {
        return dayShare > 0;
    }

    /** A key's profile, with the shares given above ({@link #BUSY} is never drawn). */
    static UsageProfile draw(SplittableRandom r) {
        double x = r.nextDouble();
        if (x < 0.02) {
            return MANY_PLACES;
        } else if (x < 0.22) {
            return REGULAR;
        } else if (x < 0.39) {
            return OCCASIONAL;
        } else if (x < 0.81) {
            return DORMANT;
        }
        return NEVER;
    }

    /** A key's calls per active day, fixed for the key. */
    double drawRate(SplittableRandom r) {
        if (this == OCCASIONAL) {
            return 1 + r.nextInt(3);
        }
        return callsInWindow() ? Seeds.logUniform(r, low, high) : 0;
    }

    /** The calls on one day, for a key with this rate active for {@code share} of the day. */
    int callsOn(SplittableRandom day, double rate, double share) {
        if (!callsInWindow() || day.nextDouble() >= dayShare) {
            return 0;
        }
        double jitter = this == OCCASIONAL ? 1 : 0.7 + 0.6 * day.nextDouble();
        return Math.max(share >= 1 ? 1 : 0, Seeds.roundRandomly(day, rate * jitter * share));
    }

    /** How many distinct places (source address and user agent) use a key of this profile. */
    int drawConsumers(SplittableRandom r) {
        switch (this) {
            case MANY_PLACES:
                return 20 + r.nextInt(41);
            case BUSY:
                return 2 + r.nextInt(5);
            case NEVER:
                return 0;
            default:
                double x = r.nextDouble();
                return x < 0.6 ? 1 : x < 0.9 ? 2 : 3;
        }
    }
}
