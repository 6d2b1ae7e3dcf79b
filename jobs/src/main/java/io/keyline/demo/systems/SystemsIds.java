package io.keyline.demo.systems;

import io.keyline.demo.Ids;
import java.util.SplittableRandom;

/**
 * The identifiers and secret values of the other systems, in their real shapes: GUIDs (Azure),
 * 40-hex GCP key ids, Okta ids ({@code 00u...}, {@code 0oa...}), GitHub tokens ({@code ghp_},
 * {@code github_pat_}), LLM API keys and passwords. Every value is drawn from the stream it is
 * given, so it is a function of the seed.
 */
final class SystemsIds {

    private static final char[] BASE62 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] UPPER_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final char[] URL_SAFE =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private SystemsIds() {}

    static String guid(SplittableRandom r) {
        return Ids.uuid(r.nextLong());
    }

    static String hex(SplittableRandom r, int length) {
        return Ids.hex(r, length);
    }

    /** An Okta object id: a three-character prefix and 17 letters and digits. */
    static String okta(SplittableRandom r, String prefix) {
        return prefix + random(r, BASE62, 17);
    }

    /** A classic personal access token: {@code ghp_} and 36 letters and digits. */
    static String classicToken(SplittableRandom r) {
        return "ghp_" + random(r, BASE62, 36);
    }

    /** A fine-grained personal access token: {@code github_pat_}, 22 and 59 characters. */
    static String fineGrainedToken(SplittableRandom r) {
        return "github_pat_" + random(r, BASE62, 22) + "_" + random(r, BASE62, 59);
    }

    static String openAiKey(SplittableRandom r) {
        return "sk-proj-" + random(r, URL_SAFE, 74) + "T3BlbkFJ" + random(r, URL_SAFE, 74);
    }

    static String anthropicKey(SplittableRandom r) {
        return "sk-ant-api03-" + random(r, URL_SAFE, 93) + "AA";
    }

    /** A generated password of 24 letters and digits. */
    static String password(SplittableRandom r) {
        return random(r, BASE62, 24);
    }

    /** An Azure client secret as Entra makes them: 40 characters with a {@code ~} in them. */
    static String clientSecret(SplittableRandom r) {
        return random(r, BASE62, 3) + "8Q~" + random(r, URL_SAFE, 34);
    }

    /** An IAM unique id ({@code AIDA}, {@code AROA}) or a session key id ({@code ASIA}). */
    static String aws(SplittableRandom r, String prefix, int length) {
        return prefix + random(r, UPPER_BASE32, length);
    }

    /** A session token as STS returns it. */
    static String sessionToken(SplittableRandom r) {
        return "IQoJb3JpZ2luX2VjE" + random(r, BASE62, 300);
    }

    static String lowerAlnum(SplittableRandom r, int length) {
        return random(r, LOWER_ALNUM, length);
    }

    static String digits(SplittableRandom r, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = (char) ('0' + (i == 0 ? 1 + r.nextInt(9) : r.nextInt(10)));
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
}
