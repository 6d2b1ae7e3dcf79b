package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads the time shapes of Google Cloud records, to epoch milliseconds: RFC 3339 text with up to
 * nine fractional digits (and the space-separated form of normalizers), protobuf {@code Timestamp}
 * objects as audit logs print them ({@code {"seconds": 1627338496, "nanos": 5}}, the seconds also
 * as a string or a float such as {@code 1.678377036e+09}), and plain numbers of seconds. Numbers
 * are always seconds here, so the far-future {@code 253402300799} (the end of year 9999, which
 * Google writes for "never expires") is read as such.
 */
final class GcpTimes {

    /** The earliest and latest second a protobuf Timestamp can hold (years 1 and 9999). */
    private static final long MIN_SECONDS = -62_135_596_800L;

    private static final long MAX_SECONDS = 253_402_300_799L;

    /** From here on, an expiry means that the credential never expires. */
    private static final long NEVER_FROM = Instant.parse("9999-01-01T00:00:00Z").toEpochMilli();

    private static final Pattern NUMBER = Pattern.compile("^[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?$");

    private GcpTimes() {}

    /**
     * The time a JSON value holds, or null when it is missing, JSON null or empty text; throws
     * {@link IllegalArgumentException} when it is there but is no time.
     */
    static Long millis(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isObject()) {
            JsonNode seconds = value.get("seconds");
            JsonNode nanos = value.get("nanos");
            if (seconds == null && nanos == null) {
                throw new IllegalArgumentException("the time has neither seconds nor nanos");
            }
            long millis = seconds == null ? 0 : seconds(seconds);
            if (nanos != null && !nanos.isNull()) {
                if (!nanos.isIntegralNumber()
                        || nanos.longValue() < 0
                        || nanos.longValue() > 999_999_999) {
                    throw new IllegalArgumentException("the nanos of a time are out of range");
                }
                millis += nanos.longValue() / 1_000_000;
            }
            return millis;
        }
        if (value.isNumber()) {
            return seconds(value);
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("the time is neither text nor a number");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        if (NUMBER.matcher(text).matches()) {
            return fromSeconds(new BigDecimal(text));
        }
        return Timestamps.parse(text);
    }

    /** The {@link Attributes#EXPIRES_AT} value of an expiry: ISO-8601, or {@code never}. */
    static String expiry(long millis) {
        return millis >= NEVER_FROM ? Attributes.NEVER : Timestamps.iso(millis);
    }

    private static long seconds(JsonNode node) {
        if (node.isNumber()) {
            return fromSeconds(node.decimalValue());
        }
        if (node.isTextual() && NUMBER.matcher(node.asText().trim()).matches()) {
            return fromSeconds(new BigDecimal(node.asText().trim()));
        }
        throw new IllegalArgumentException("the seconds of a time are not a number");
    }

    private static long fromSeconds(BigDecimal seconds) {
        if (seconds.compareTo(BigDecimal.valueOf(MIN_SECONDS)) < 0
                || seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            throw new IllegalArgumentException("the seconds of a time are out of range");
        }
        return seconds.movePointRight(3).longValue();
    }
}
