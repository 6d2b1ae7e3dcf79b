package io.keyline.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the path of a listing file says about its content when the content does not: the account it
 * was taken from (a folder named after the account, or a 12-digit part of the file name, below the
 * format folder) and the access key it is about (a key id in the file name).
 */
final class ListingOrigin {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private static final Pattern ACCESS_KEY_ID =
            Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");

    private ListingOrigin() {}

    /**
     * The account a file's path names, nearest to the file first: a 12-digit part of the file name,
     * then a 12-digit folder between the format folder and the file. When the path does not show
     * the format folder, only the file's own folder counts. Null when there is none.
     */
    static String account(String origin, String formatFolder) {
        String[] segments = segments(origin);
        if (segments.length == 0) {
            return null;
        }
        String fileName = segments[segments.length - 1];
        for (String part : fileName.split("[^A-Za-z0-9]+")) {
            if (ACCOUNT.matcher(part).matches()) {
                return part;
            }
        }
        int top = Math.max(0, segments.length - 2);
        for (int i = segments.length - 2; i >= 0; i--) {
            if (segments[i].equals(formatFolder)) {
                top = i + 1;
                break;
            }
        }
        for (int i = segments.length - 2; i >= top; i--) {
            if (ACCOUNT.matcher(segments[i]).matches()) {
                return segments[i];
            }
        }
        return null;
    }

    /** The access key id ({@code AKIA} or {@code ASIA} and 16 more) in a file's name, or null. */
    static String accessKeyId(String origin) {
        String[] segments = segments(origin);
        if (segments.length == 0) {
            return null;
        }
        Matcher m = ACCESS_KEY_ID.matcher(segments[segments.length - 1]);
        return m.find() ? m.group() : null;
    }

    private static String[] segments(String origin) {
        if (origin == null || origin.isBlank()) {
            return new String[0];
        }
        return origin.replace('\\', '/').replaceAll("/+$", "").split("/+");
    }
}
