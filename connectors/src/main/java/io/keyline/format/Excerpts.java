package io.keyline.format;

import java.nio.charset.StandardCharsets;
import org.apache.flink.annotation.Internal;

/**
 * Masked excerpts of rejected payloads, for the dead letters: enough of the structure to see what
 * kind of record it was, none of the values. JSON object keys stay; every JSON string value and
 * every bare token of six or more characters becomes {@code ***}.
 */
@Internal
public final class Excerpts {

    /** The longest excerpt, in characters. */
    public static final int MAX_LENGTH = 240;

    private static final int SCAN_BYTES = 2048;

    private Excerpts() {}

    public static String mask(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return "";
        }
        String text =
                new String(
                        payload, 0, Math.min(payload.length, SCAN_BYTES), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH + 8));
        int i = 0;
        while (i < text.length() && out.length() < MAX_LENGTH) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = endOfString(text, i + 1);
                String content = text.substring(i + 1, Math.min(end, text.length()));
                boolean isKey = nextNonSpace(text, end + 1) == ':';
                out.append('"');
                out.append(isKey && content.length() <= 40 ? content : "***");
                out.append('"');
                i = end + 1;
            } else if (isTokenChar(c)) {
                int end = i;
                while (end < text.length() && isTokenChar(text.charAt(end))) {
                    end++;
                }
                out.append(end - i >= 6 ? "***" : text.substring(i, end));
                i = end;
            } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                // Runs of white space (pretty-printed JSON) fold into one space.
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        if (out.length() > MAX_LENGTH) {
            out.setLength(MAX_LENGTH);
        }
        return out.toString();
    }

    private static int endOfString(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i;
            } else {
                i++;
            }
        }
        return text.length();
    }

    private static char nextNonSpace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c;
            }
        }
        return 0;
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || "+/=_.@-:".indexOf(c) >= 0;
    }
}
