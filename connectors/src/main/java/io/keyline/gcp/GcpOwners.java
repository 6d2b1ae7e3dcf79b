package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.Actors;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owner that Google Cloud metadata names: {@code owner: <email>} or {@code owner=<email>} in a
 * service account's description (service accounts have no labels), or an {@code owner} label or
 * annotation whose value is an e-mail address. Label values cannot hold an {@code @}, so in
 * practice the address comes from an annotation; a value that is not an address is not taken.
 */
final class GcpOwners {

    private static final Set<String> OWNER_KEYS = Set.of("owner", "owner-email", "owneremail");

    /** Descriptions are at most 256 characters in IAM; anything longer is read only this far. */
    private static final int MAX_DESCRIPTION = 4096;

    private static final Pattern IN_DESCRIPTION =
            Pattern.compile(
                    "(?i)(?<![a-z0-9_-])owner\\s*[:=]\\s*([a-z0-9._%+-]{1,64}@[a-z0-9.-]{1,255}\\.[a-z]{2,63})");

    private GcpOwners() {}

    /** The owner's address in a description, in lower case, or null. */
    static String fromDescription(String description) {
        if (description == null) {
            return null;
        }
        String text =
                description.length() > MAX_DESCRIPTION
                        ? description.substring(0, MAX_DESCRIPTION)
                        : description;
        Matcher m = IN_DESCRIPTION.matcher(text);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The owner's address in a map of labels or annotations, in lower case, or null. */
    static String fromMap(JsonNode map) {
        if (map == null || !map.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String value = field.getValue().isTextual() ? field.getValue().asText().trim() : null;
            if (OWNER_KEYS.contains(normalizedKey(field.getKey())) && Actors.isPerson(value)) {
                return value.toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** A label key in lower case with {@code -} between its words ({@code _} and {@code :} too). */
    static String normalizedKey(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(':', '-');
    }
}
