package io.keyline.demo.systems;

import io.keyline.demo.Seeds;
import io.keyline.demo.TimeFormats;
import java.util.SplittableRandom;

/**
 * The window of the systems part and the few facts of the AWS estate it builds on: the seed, the
 * window's start and end (epoch seconds; listings are taken at the end), the number of people of
 * the AWS estate (the systems people come after them) and the platform account.
 */
final class Window {

    static final long DAY = TimeFormats.DAY;
    static final long HOUR = TimeFormats.HOUR;

    final long seed;
    final int identities;
    final int days;
    final long start;
    final long end;
    final int estatePeople;
    final String platformAccount;

    /** The listing time as file names start with it: {@code 2026-11-01T00-00-00Z}. */
    final String stamp;

    Window(SystemsGenerator.Input in) {
        this.seed = in.seed();
        this.identities = in.identities();
        this.days = in.days();
        this.start = in.start();
        this.end = in.end();
        this.estatePeople = in.estatePeople();
        this.platformAccount = in.platformAccount();
        this.stamp = TimeFormats.stamp(end);
    }

    long dayStart(int day) {
        return start + day * DAY;
    }

    /** Epoch milliseconds of an epoch second, as the ground truth states times. */
    static long ms(long second) {
        return second * 1000;
    }

    /** The random stream of one purpose and its indexes. */
    SplittableRandom rng(long salt, long a) {
        return Seeds.rng(seed, salt, a);
    }

    SplittableRandom rng(long salt, long a, long b) {
        return Seeds.rng(seed, salt, a, b);
    }

    SplittableRandom rng(long salt, long a, long b, long c) {
        return Seeds.rng(seed, salt, a, b, c);
    }

    /**
     * A time before the window, at a whole second: about {@code minDays} to {@code maxDays} days
     * before the end, and always before the window's start, so that no audit log of the window
     * should show it.
     */
    long before(SplittableRandom r, int minDays, int maxDays) {
        int low = Math.max(minDays, days + 1);
        int high = Math.max(maxDays, low + 1);
        return end - low * DAY - r.nextLong((high - low) * DAY) - HOUR;
    }

    /** A time of day {@code day} between the given hours (UTC), at a whole second. */
    long at(int day, SplittableRandom r, int fromHour, int toHour) {
        return dayStart(day) + fromHour * HOUR + r.nextLong((toHour - fromHour) * HOUR);
    }
}
