package io.keyline.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.flink.annotation.Internal;

/**
 * Event ids that drop duplicates: the source's own id where it has one, else a hash of the content.
 * When one record yields several events, each after the first gets a suffix {@code /n} in a fixed
 * order, so a replay yields the same ids.
 */
@Internal
public final class EventIds {

    private EventIds() {}

    /** The id of the {@code n}-th event (from 0) of a record with a native id. */
    public static String of(String source, String nativeId, int n) {
        return n == 0 ? source + ":" + nativeId : source + ":" + nativeId + "/" + n;
    }

    /** A content id: the SHA-256 of the parts, for records that carry no id of their own. */
    public static String hashed(String source, String... parts) {
        return source
                + ":h:"
                + sha256Hex(String.join("\u0000", nullsAsEmpty(parts))).substring(0, 32);
    }

    /** The lower-case hex SHA-256 of a byte array. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] nullsAsEmpty(String[] parts) {
        String[] copy = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            copy[i] = parts[i] == null ? "" : parts[i];
        }
        return copy;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
