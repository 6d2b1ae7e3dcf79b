package io.keyline.format;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.model.IdentityEvent;
import java.util.TreeMap;
import org.apache.flink.annotation.Internal;

/** Writes an identity event as one line of JSON with the field names of the model. */
@Internal
public final class EventJson {

    private EventJson() {}

    public static String toJson(IdentityEvent event) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("eventId", event.getEventId());
        node.put("eventTime", Timestamps.iso(event.getEventTime()));
        node.put("source", event.getSource());
        node.put("kind", event.getKind() == null ? null : event.getKind().name());
        putIfSet(node, "credentialId", event.getCredentialId());
        putIfSet(node, "credentialType", event.getCredentialType());
        putIfSet(node, "identityId", event.getIdentityId());
        putIfSet(node, "actor", event.getActor());
        if (event.getConsumer() != null) {
            ObjectNode consumer = node.putObject("consumer");
            putIfSet(consumer, "sourceIp", event.getConsumer().getSourceIp());
            putIfSet(consumer, "userAgent", event.getConsumer().getUserAgent());
            putIfSet(consumer, "workload", event.getConsumer().getWorkload());
        }
        putIfSet(node, "resource", event.getResource());
        putIfSet(node, "action", event.getAction());
        if (event.getLocation() != null) {
            ObjectNode location = node.putObject("location");
            putIfSet(location, "store", event.getLocation().getStore());
            putIfSet(location, "path", event.getLocation().getPath());
        }
        if (event.getAttributes() != null && !event.getAttributes().isEmpty()) {
            ObjectNode attributes = node.putObject("attributes");
            new TreeMap<>(event.getAttributes()).forEach(attributes::put);
        }
        return node.toString();
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
