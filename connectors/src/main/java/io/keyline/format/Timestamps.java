package io.keyline.format;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * Reads the time stamps vendors write, to epoch milliseconds UTC: ISO-8601 with {@code Z} or an
 * offset and up to nine fractional digits; the space-separated form normalizers write ({@code
 * 2024-06-02 20:16:22.000000000}, taken as UTC); the compact {@code 20131102T010628Z}; Java's
 * {@code Jan 8, 2020 8:43:06 PM} inside CloudTrail response elements (UTC); Go's {@code time.Time}
 * text, {@code 2022-06-16 10:17:40 -0700 PDT}, which tools written in Go (secret scanners) print,
 * the offset counting and the zone name not; and epoch seconds or milliseconds as numbers.
 */
@Internal
public final class Timestamps {

    private static final DateTimeFormatter SPACED =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    /** Go's time.Time text: date, time, offset, then a zone name and a monotonic clock reading. */
    private static final Pattern GO_TIME =
            Pattern.compile(
                    "(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?) ([+-]\\d{4})"
                            + "(?: [A-Za-z0-9+-]{1,8})?(?: m=[+-]\\d+(?:\\.\\d+)?)?");

    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private static final DateTimeFormatter JAVA_TO_STRING =
            DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.ENGLISH);

    private Timestamps() {}

    /** Parses a time stamp; throws {@link IllegalArgumentException} for text it does not read. */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the time stamp is empty");
        }
        String value = text.trim();
        try {
            if (Character.isDigit(value.charAt(0)) && value.indexOf('-') < 0) {
                if (value.length() == 16 && value.charAt(8) == 'T') {
                    return LocalDateTime.parse(value, COMPACT)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
                }
                return epoch(new BigDecimal(value));
            }
            if (value.length() > 10 && value.charAt(10) == 'T') {
                return OffsetDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
            }
            if (value.length() > 10 && value.charAt(10) == ' ') {
                Matcher go = GO_TIME.matcher(value);
                if (go.matches()) {
                    return LocalDateTime.parse(go.group(1), SPACED)
                            .atOffset(ZoneOffset.of(go.group(2)))
                            .toInstant()
                            .toEpochMilli();
                }
                return LocalDateTime.parse(value, SPACED).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (Character.isLetter(value.charAt(0))) {
                return LocalDateTime.parse(value, JAVA_TO_STRING)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
            }
            if (value.length() == 10) {
                return java.time.LocalDate.parse(value)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the time stamp is not in a format Keyline reads", e);
        }
        throw new IllegalArgumentException("the time stamp is not in a format Keyline reads");
    }

    /** Parses a time stamp, or returns null when it is null or not one Keyline reads. */
    public static Long parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads a number of epoch seconds or milliseconds: values above 10^11 are milliseconds. */
    public static long epoch(BigDecimal value) {
        if (value.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
            return value.longValue();
        }
        return value.movePointRight(3).longValue();
    }

    /** ISO-8601 in UTC with a {@code Z}, for attributes and JSON output. */
    public static String iso(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
