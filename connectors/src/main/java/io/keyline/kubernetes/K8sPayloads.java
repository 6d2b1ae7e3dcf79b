package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.ListingEvents;
import org.apache.flink.annotation.Internal;

/**
 * What a Kubernetes parser may put in a rejected payload: the record without any place a secret
 * value can hide. Removed wherever they appear: Secret {@code data} and {@code stringData}, the
 * request and response bodies of audit events ({@code requestObject}, {@code responseObject}, and
 * GKE's {@code protoPayload.request} and {@code protoPayload.response}, which hold a Secret's data
 * or a minted token at the RequestResponse level), an AKS {@code properties.log} given as text, the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation (a copy of the whole object,
 * a Secret's values included), and every annotation of a Secret.
 */
@Internal
public final class K8sPayloads {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private K8sPayloads() {}

    /** The bytes of a node, with every secret-bearing part removed. */
    public static byte[] redacted(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy, false);
        return ListingEvents.bytes(copy);
    }

    /** The bytes of a Secret object without its values and annotations. */
    public static byte[] secret(JsonNode secret) {
        JsonNode copy = secret.deepCopy();
        strip(copy, true);
        return ListingEvents.bytes(copy);
    }

    private static void strip(JsonNode node, boolean isSecret) {
        if (node instanceof ObjectNode object) {
            object.remove("data");
            object.remove("stringData");
            object.remove("requestObject");
            object.remove("responseObject");
            if (object.get("protoPayload") instanceof ObjectNode proto) {
                proto.remove("request");
                proto.remove("response");
            }
            if (object.get("properties") instanceof ObjectNode properties
                    && properties.has("log")
                    && !properties.get("log").isObject()) {
                properties.remove("log");
            }
            if (object.get("metadata") instanceof ObjectNode metadata) {
                boolean secret = isSecret || "Secret".equals(object.path("kind").asText(null));
                if (secret) {
                    metadata.remove("annotations");
                } else if (metadata.get("annotations") instanceof ObjectNode annotations) {
                    annotations.remove(LAST_APPLIED);
                }
            }
        }
        if (node != null && node.isContainerNode()) {
            node.forEach(child -> strip(child, false));
        }
    }
}
