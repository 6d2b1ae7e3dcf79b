package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.util.regex.Pattern;

/**
 * Reading the fields of GitHub's REST listings, with reasons that name the field, never its value.
 */
final class GitHubListingFields {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("^[0-9]{1,19}$");

    private GitHubListingFields() {}

    /**
     * A time stamp field as ISO-8601 in UTC ({@code 2023-05-16T08:47:09.000-07:00}: {@code
     * 2023-05-16T15:47:09Z}), or null when it is missing, JSON null or empty; throws when it is
     * there but is not a time stamp.
     */
    static String time(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        Long millis = value.isTextual() ? Timestamps.parseOrNull(value.asText()) : null;
        if (millis == null) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a time stamp");
        }
        return Timestamps.iso(millis);
    }

    /**
     * A numeric id as text, or null when it is missing or JSON null; throws when it is there but is
     * not a whole number.
     */
    static String id(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isIntegralNumber() || value.isTextual() ? value.asText().trim() : "";
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a whole number");
        }
        return text;
    }

    /** A boolean field, or null when it is missing or JSON null; throws for anything else. */
    static Boolean bool(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not true or false");
        }
        return value.booleanValue();
    }
}
