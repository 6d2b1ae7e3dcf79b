package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import java.util.Locale;
import java.util.Set;

/**
 * The owner named by AWS resource tags, in both spellings AWS uses: {@code {"Key","Value"}} in IAM
 * listings and {@code {"key","value"}} in CloudTrail request parameters. Tag keys {@code owner},
 * {@code owner-email}, {@code owner_email} and {@code ownerEmail} count, in any case.
 */
final class AwsTags {

    private static final Set<String> OWNER_KEYS =
            Set.of("owner", "owner-email", "owner_email", "owneremail");

    private AwsTags() {}

    /** The owner a tag list names, or null. */
    static String owner(JsonNode tags) {
        if (tags == null || !tags.isArray()) {
            return null;
        }
        for (JsonNode tag : tags) {
            String key = Json.text(tag, "Key");
            if (key == null) {
                key = Json.text(tag, "key");
            }
            String value = Json.text(tag, "Value");
            if (value == null) {
                value = Json.text(tag, "value");
            }
            if (key != null
                    && value != null
                    && !value.isBlank()
                    && OWNER_KEYS.contains(key.trim().toLowerCase(Locale.ROOT))) {
                return value.trim();
            }
        }
        return null;
    }
}
