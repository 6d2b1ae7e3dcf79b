package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.CopyMarks;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;

/**
 * The tags that mark a Secrets Manager secret as a copy of a credential Keyline knows by another id
 * ({@link CopyMarks}), read from a {@code [{"Key","Value"}]} tag list.
 */
final class SecretCopyTags {

    private SecretCopyTags() {}

    /** The credential the tags name, or null; throws when a tag is there but names none. */
    static CopyMarks.Copy of(JsonNode tags, String what) throws MalformedRecordException {
        return CopyMarks.of(
                value(tags, CopyMarks.CREDENTIAL_ID),
                value(tags, CopyMarks.FINGERPRINT),
                "tag",
                what);
    }

    /** The value of the tag with this key, trimmed, or null. */
    private static String value(JsonNode tags, String wanted) {
        if (tags == null || !tags.isArray()) {
            return null;
        }
        for (JsonNode tag : tags) {
            String key = Json.text(tag, "Key");
            String value = Json.text(tag, "Value");
            if (key != null && CopyMarks.normalizeKey(key).equals(wanted)) {
                return value == null ? "" : value.trim();
            }
        }
        return null;
    }
}
