package io.keyline.format;

import org.apache.flink.annotation.Internal;

/** IAM-style wildcard patterns: {@code *} matches any run of characters, {@code ?} one. */
@Internal
public final class Globs {

    private Globs() {}

    /** True when {@code pattern} matches all of {@code value}, case-sensitively. */
    public static boolean matches(String pattern, String value) {
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length()
                    && (pattern.charAt(p) == '?' || pattern.charAt(p) == value.charAt(v))) {
                p++;
                v++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
