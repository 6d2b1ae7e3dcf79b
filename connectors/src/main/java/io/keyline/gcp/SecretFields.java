package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.ListingEvents;
import java.util.Set;

/**
 * The fields of Google Cloud records that can hold secret material: the private key of a service
 * account key as {@code keys.create} returns it ({@code privateKeyData}, {@code private_key_data}
 * in audit logs), the {@code private_key} of a key file, and the {@code payload} of a secret
 * version. Parsers never read them; they are removed from whatever is rejected.
 */
final class SecretFields {

    private static final Set<String> SECRET =
            Set.of("privateKeyData", "private_key_data", "privateKey", "private_key", "payload");

    private SecretFields() {}

    /** The bytes of a node to reject, without any secret field at any depth. */
    static byte[] redacted(JsonNode node) {
        JsonNode copy = node.deepCopy();
        remove(copy);
        return ListingEvents.bytes(copy);
    }

    private static void remove(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(SECRET);
        }
        if (node.isContainerNode()) {
            node.forEach(SecretFields::remove);
        }
    }
}
