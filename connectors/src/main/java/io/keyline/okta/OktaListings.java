package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.Timestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the output of Okta's list APIs: a JSON array as the API returns it, or one object per
 * line as exporters write it. An Okta error response ({@code {"errorCode":...}}) in place of a
 * listing is rejected as such.
 */
final class OktaListings {

    private OktaListings() {}

    /**
     * The entries of a listing record, or null when the record is rejected whole.
     *
     * @param what what one entry is, for reasons ({@code an Okta API token})
     */
    static List<JsonNode> entries(RawRecord record, ParseOutput out, String what) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return null;
        }
        List<JsonNode> entries = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(entries::add);
        } else if (root.isObject()
                && OktaFields.get(root, "errorCode") != null
                && OktaFields.get(root, "id") == null) {
            out.reject(
                    "the record is an Okta API error response, not a listing", record.getPayload());
            return null;
        } else if (root.isObject()) {
            entries.add(root);
        } else {
            out.reject(
                    "the record is neither " + what + " nor an array of them", record.getPayload());
            return null;
        }
        return entries;
    }

    /**
     * A time stamp field as the listing gives it, trimmed, or null when it is missing, JSON null or
     * blank; throws when it is there but is not a time stamp Keyline reads.
     */
    static String time(JsonNode node, String field, String what) throws MalformedRecordException {
        JsonNode value = OktaFields.get(node, field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            return null;
        }
        if (!value.isTextual() || Timestamps.parseOrNull(value.asText()) == null) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a time stamp");
        }
        return value.asText().trim();
    }
}
