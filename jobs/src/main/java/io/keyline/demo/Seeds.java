package io.keyline.demo;

import java.util.SplittableRandom;
import org.apache.flink.annotation.Internal;

/**
 * Derives every random choice of the generator from the seed and the indexes of what is being
 * chosen, so that any part of the estate (an identity's plan, one key's calls on one day) can be
 * regenerated on its own, in any order.
 */
@Internal
public final class Seeds {

    // One salt per purpose, so that two purposes never draw from the same stream.
    static final long ACCOUNT = 0x1001;
    static final long KIND = 0x1002;
    static final long USER = 0x1003;
    static final long KEY_TIMES = 0x1004;
    static final long KEY = 0x1005;
    static final long ROLE = 0x1006;
    static final long KEY_DAY = 0x1007;
    static final long ROLE_DAY = 0x1008;
    static final long PEOPLE_DAY = 0x1009;
    static final long CONSUMER = 0x100a;
    static final long SESSION_KEY = 0x100b;
    static final long SESSION_TOKEN = 0x1012;
    static final long SESSION_ROLE = 0x1013;
    static final long SESSION_CI = 0x1014;
    static final long SESSION_PERSON = 0x1015;
    static final long EVENT = 0x100c;
    static final long FILE = 0x100d;
    static final long PLANTED = 0x100e;
    static final long IAM_ID = 0x100f;
    static final long ACCESS_KEY_ID = 0x1010;
    static final long PERSON = 0x1011;
    static final long BUSY = 0x1016;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private Seeds() {}

    /** A 64-bit finalizer: a bijection of the 64-bit values that spreads every input bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    public static long of(long seed, long salt, long a) {
        return step(step(start(seed, salt), a), 0);
    }

    public static long of(long seed, long salt, long a, long b) {
        return step(step(start(seed, salt), a), b);
    }

    public static long of(long seed, long salt, long a, long b, long c) {
        return step(step(step(start(seed, salt), a), b), c);
    }

    public static SplittableRandom rng(long seed, long salt, long a) {
        return new SplittableRandom(of(seed, salt, a));
    }

    public static SplittableRandom rng(long seed, long salt, long a, long b) {
        return new SplittableRandom(of(seed, salt, a, b));
    }

    public static SplittableRandom rng(long seed, long salt, long a, long b, long c) {
        return new SplittableRandom(of(seed, salt, a, b, c));
    }

    /** Log-uniform draw in [low, high]: as many values per decade at both ends of the range. */
    static double logUniform(SplittableRandom r, double low, double high) {
        return Math.exp(Math.log(low) + r.nextDouble() * (Math.log(high) - Math.log(low)));
    }

    /** Rounds a non-negative expectation to a whole count, up with the fraction's probability. */
    static int roundRandomly(SplittableRandom r, double expected) {
        int whole = (int) expected;
        return whole + (r.nextDouble() < expected - whole ? 1 : 0);
    }

    private static long start(long seed, long salt) {
        return mix(mix(seed + GOLDEN_GAMMA) ^ salt);
    }

    private static long step(long h, long part) {
        return mix(h + GOLDEN_GAMMA * (part + 1));
    }
}
