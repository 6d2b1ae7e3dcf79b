package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.CopyMarks;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * One secret of a Secrets Manager listing, read and checked; it never holds the secret's value.
 *
 * @param arn the secret's ARN
 * @param account the account in the ARN
 * @param region the region in the ARN
 * @param name the secret's name, or null
 * @param createdAt {@code CreatedDate}, epoch milliseconds, or null
 * @param lastAccessedAt {@code LastAccessedDate} (a day), or null
 * @param lastRotatedAt {@code LastRotatedDate}, or null
 * @param deletedAt {@code DeletedDate}, when the secret was scheduled for deletion, or null
 * @param rotationEnabled {@code true} or {@code false}, or null when the listing does not say
 * @param owner the owner its tags name, in lower case, or null
 * @param copy the credential its tags mark it a copy of, or null
 */
record SecretsManagerEntry(
        String arn,
        String account,
        String region,
        String name,
        Long createdAt,
        Long lastAccessedAt,
        Long lastRotatedAt,
        Long deletedAt,
        String rotationEnabled,
        String owner,
        CopyMarks.Copy copy) {

    /** The end of year 9999: later numbers are not dates. */
    private static final long LAST_TIME = 253402300799999L;

    /**
     * A date field as ISO-8601 text (CLI v2) or epoch seconds (the API, CLI v1), or null when it is
     * missing or empty; throws when it is there but is no time.
     */
    static Long time(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        Long time = null;
        if (value.isNumber()) {
            time = epoch(value.decimalValue());
        } else if (value.isTextual()) {
            time = Timestamps.parseOrNull(value.asText());
        }
        if (time == null || time <= 0 || time > LAST_TIME) {
            throw new MalformedRecordException("the " + field + " of " + what + " is not a time");
        }
        return time;
    }

    /** Epoch seconds or milliseconds, or null for a number that cannot be a date. */
    private static Long epoch(BigDecimal value) {
        if (value.signum() <= 0 || value.compareTo(BigDecimal.valueOf(LAST_TIME)) > 0) {
            return null;
        }
        return Timestamps.epoch(value);
    }

    /** A boolean field as {@code true} or {@code false}, or null when it is missing. */
    static String flag(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return String.valueOf(value.asBoolean());
        }
        if (value.isTextual()
                && (value.asText().equalsIgnoreCase("true")
                        || value.asText().equalsIgnoreCase("false"))) {
            return value.asText().toLowerCase(Locale.ROOT);
        }
        throw new MalformedRecordException("the " + field + " of " + what + " is not a boolean");
    }
}
