package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Attributes;

/** Reading the fields that several Google Cloud listings share, with reasons that quote nothing. */
final class GcpListingFields {

    /** The identity type of a service account. */
    static final String SERVICE_ACCOUNT = "service-account";

    private GcpListingFields() {}

    /**
     * {@code Inactive} when the entry's {@code disabled} field is true, {@code Active} when it is
     * false or missing, null when it is not a boolean.
     */
    static String status(JsonNode entry) {
        JsonNode disabled = entry.get("disabled");
        if (disabled == null || disabled.isNull()) {
            return Attributes.ACTIVE;
        }
        if (disabled.isBoolean()) {
            return disabled.booleanValue() ? Attributes.INACTIVE : Attributes.ACTIVE;
        }
        if (disabled.isTextual() && disabled.asText().equalsIgnoreCase("true")) {
            return Attributes.INACTIVE;
        }
        if (disabled.isTextual() && disabled.asText().equalsIgnoreCase("false")) {
            return Attributes.ACTIVE;
        }
        return null;
    }

    /**
     * A time field in epoch milliseconds, or null when it is missing; throws with a reason naming
     * the field and {@code what} it belongs to when it is there but is no time.
     */
    static Long time(JsonNode entry, String field, String what) throws MalformedRecordException {
        try {
            return GcpTimes.millis(entry.get(field));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(
                    "the " + field + " of " + what + " is not a time stamp");
        }
    }
}
