package io.keyline.demo;

import java.util.SplittableRandom;
import org.apache.flink.annotation.Internal;

/**
 * The identifiers AWS prints, in their real shapes: access key ids ({@code AKIA}/{@code ASIA} and
 * 16 characters of {@code [A-Z2-7]}), IAM unique ids ({@code AIDA}, {@code AROA}, {@code AGPA},
 * {@code ANPA}), UUIDs, request ids, session tokens and secret access keys.
 */
@Internal
public final class Ids {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final char[] BASE64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    private Ids() {}

    /**
     * The long-term access key id of a key number: unique within the estate because the first 64
     * bits encode a bijection of the number.
     */
    public static String accessKeyId(long seed, int keyNumber) {
        return "AKIA" + unique(Seeds.of(seed, Seeds.ACCESS_KEY_ID, 0) + keyNumber, 16);
    }

    /** A temporary access key id, {@code ASIA...}, from a hash. */
    static String sessionKeyId(long hash) {
        return "ASIA" + random(new SplittableRandom(hash), BASE32, 16);
    }

    /**
     * An IAM unique id (prefix {@code AIDA} for users, {@code AROA} for roles, {@code AGPA} for
     * groups, {@code ANPA} for policies) of a numbered entity, unique within the estate.
     */
    static String iamId(long seed, String prefix, long number) {
        return prefix + unique(Seeds.of(seed, Seeds.IAM_ID, prefix.hashCode()) + number, 17);
    }

    /** A version 4 UUID from a hash. */
    public static String uuid(long hash) {
        SplittableRandom r = new SplittableRandom(hash);
        long hi = (r.nextLong() & ~0xf000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        char[] out = new char[36];
        int at = 0;
        at = hex(out, at, hi >>> 32, 8);
        out[at++] = '-';
        at = hex(out, at, hi >>> 16, 4);
        out[at++] = '-';
        at = hex(out, at, hi, 4);
        out[at++] = '-';
        at = hex(out, at, lo >>> 48, 4);
        out[at++] = '-';
        hex(out, at, lo, 12);
        return new String(out);
    }

    /** An S3-style request id: 16 upper-case letters and digits. */
    static String s3RequestId(SplittableRandom r) {
        return random(r, UPPER_ALNUM, 16);
    }

    public static String hex(SplittableRandom r, int length) {
        return random(r, HEX, length);
    }

    public static String alphanumeric(SplittableRandom r, int length) {
        return random(r, ALNUM, length);
    }

    /** A session token as STS returns it: 300 to 400 characters of base64. */
    static String sessionToken(SplittableRandom r) {
        return "IQoJb3JpZ2luX2Vj" + random(r, BASE64, 284 + r.nextInt(101));
    }

    /** A secret access key: 40 characters of base64. */
    public static String secretAccessKey(SplittableRandom r) {
        return random(r, BASE64, 40);
    }

    private static String unique(long value, int length) {
        long v = Seeds.mix(value);
        char[] out = new char[length];
        // 13 characters hold all 64 bits, so distinct values give distinct ids.
        for (int i = 0; i < 13; i++) {
            out[i] = BASE32[(int) ((v >>> (i * 5)) & 31)];
        }
        SplittableRandom r = new SplittableRandom(v);
        for (int i = 13; i < length; i++) {
            out[i] = BASE32[r.nextInt(32)];
        }
        return new String(out);
    }

    private static String random(SplittableRandom r, char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    private static int hex(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 15)];
            value >>>= 4;
        }
        return at + digits;
    }
}
