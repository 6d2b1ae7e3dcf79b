package io.keyline.demo;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/** The time stamp spellings of the AWS outputs, from epoch seconds (UTC, whole seconds). */
@Internal
public final class TimeFormats {

    public static final long MINUTE = 60;
    public static final long HOUR = 3600;
    public static final long DAY = 86_400;

    private static final DateTimeFormatter JAVA_TO_STRING =
            DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.ENGLISH);

    private TimeFormats() {}

    /** ISO-8601 with {@code Z}: {@code 2026-10-05T13:45:12Z}, as CloudTrail and the CLI print. */
    public static String iso(long epochSecond) {
        return date(epochSecond, '-', 'T', ':').append('Z').toString();
    }

    /** The credential report's form: {@code 2026-10-05T13:45:12+00:00}. */
    static String report(long epochSecond) {
        return date(epochSecond, '-', 'T', ':').append("+00:00").toString();
    }

    /** The listing file name prefix: {@code 2026-11-01T00-00-00Z}. */
    public static String stamp(long epochSecond) {
        return date(epochSecond, '-', 'T', '-').append('Z').toString();
    }

    /**
     * Java's {@code Date} text inside CloudTrail response elements: {@code Oct 5, 2026 1:45:12 PM}.
     */
    static String javaDate(long epochSecond) {
        return JAVA_TO_STRING.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
    }

    /** {@code 2026-10-05}. */
    public static String day(long epochSecond) {
        return date(epochSecond, '-', 'T', ':').substring(0, 10);
    }

    /** The CloudTrail file name's {@code 20261005T1345Z}. */
    public static String compactMinute(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(14);
        pad(b, t.getYear(), 4);
        pad(b, t.getMonthValue(), 2);
        pad(b, t.getDayOfMonth(), 2);
        b.append('T');
        pad(b, t.getHour(), 2);
        pad(b, t.getMinute(), 2);
        return b.append('Z').toString();
    }

    /** The folders of a day under an account: {@code 2026/10/05}. */
    public static String dayFolders(long epochSecond) {
        String day = day(epochSecond);
        return day.substring(0, 4) + "/" + day.substring(5, 7) + "/" + day.substring(8, 10);
    }

    static long truncateToMinute(long epochSecond) {
        return Math.floorDiv(epochSecond, MINUTE) * MINUTE;
    }

    private static StringBuilder date(long epochSecond, char dash, char t, char colon) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(25);
        pad(b, time.getYear(), 4);
        b.append(dash);
        pad(b, time.getMonthValue(), 2);
        b.append(dash);
        pad(b, time.getDayOfMonth(), 2);
        b.append(t);
        pad(b, time.getHour(), 2);
        b.append(colon);
        pad(b, time.getMinute(), 2);
        b.append(colon);
        pad(b, time.getSecond(), 2);
        return b;
    }

    private static void pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        b.append(digits);
    }
}
