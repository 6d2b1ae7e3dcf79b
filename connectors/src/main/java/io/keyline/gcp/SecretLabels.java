package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The labels and annotations by which a Secret Manager secret says it is a copy of a credential
 * known elsewhere: {@code keyline-credential-id} (a canonical credential id) or {@code
 * keyline-fingerprint} (the 32-hex keyed fingerprint of the value). Keys match in any case, with
 * {@code -}, {@code _} or {@code :} between the words. Label values are lower case and cannot hold
 * {@code :}, so a credential id fits only an annotation; a fingerprint fits either.
 */
final class SecretLabels {

    private SecretLabels() {}

    /** The value of {@code key} in the annotations, else in the labels, or null. */
    static String value(JsonNode labels, JsonNode annotations, String key) {
        String value = valueIn(annotations, key);
        return value != null ? value : valueIn(labels, key);
    }

    private static String valueIn(JsonNode map, String key) {
        if (map == null || !map.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (GcpOwners.normalizedKey(field.getKey()).equals(key)
                    && field.getValue().isTextual()
                    && !field.getValue().asText().isBlank()) {
                return field.getValue().asText().trim();
            }
        }
        return null;
    }
}
