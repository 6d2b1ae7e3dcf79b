package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.util.ArrayList;
import java.util.List;

/** Reading the fields of IAM listings, with reasons that name the field and never its value. */
final class ListingFields {

    private ListingFields() {}

    /**
     * A time stamp field as the listing gives it, or null when it is missing, JSON null or empty;
     * throws when it is there but is not a time stamp Keyline reads.
     */
    static String time(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        String text = value.isTextual() ? value.asText().trim() : null;
        if (text == null || !isTime(text)) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a time stamp");
        }
        return text;
    }

    static boolean isTime(String text) {
        try {
            Timestamps.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The elements of an array field; none when it is missing or JSON null; throws when it is
     * something else.
     */
    static List<JsonNode> array(JsonNode node, String field, String what)
            throws MalformedRecordException {
        JsonNode value = node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            throw new MalformedRecordException("the " + field + " of " + what + " is not an array");
        }
        value.forEach(out::add);
        return out;
    }
}
