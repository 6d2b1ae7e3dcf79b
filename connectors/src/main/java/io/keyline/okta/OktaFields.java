package io.keyline.okta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.ListingEvents;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads fields of Okta records whatever their case or word separator: the API writes {@code
 * debugContext}, normalizers write {@code debugcontext}, and older documentation examples write
 * {@code authentication_context}. A field is looked up by its exact name first, then by its name
 * with case and underscores ignored.
 */
final class OktaFields {

    private OktaFields() {}

    /** The value of a field, or null when the node is not an object or has no such field. */
    static JsonNode get(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        String wanted = normalized(name);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (normalized(field.getKey()).equals(wanted)) {
                return field.getValue();
            }
        }
        return null;
    }

    /** The object at a path of fields, or null when a step is missing or not an object. */
    static JsonNode object(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = get(current, step);
            if (current == null || !current.isObject()) {
                return null;
            }
        }
        return current;
    }

    /**
     * The trimmed text of a scalar at a path of fields, or null when a step is missing, the value
     * is JSON null, a container, or blank.
     */
    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String step : path) {
            current = get(current, step);
            if (current == null) {
                return null;
            }
        }
        if (current.isNull() || current.isContainerNode()) {
            return null;
        }
        String text = current.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** The elements of an array field; none when it is missing, JSON null or not an array. */
    static List<JsonNode> elements(JsonNode node, String name) {
        JsonNode value = get(node, name);
        List<JsonNode> out = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(out::add);
        }
        return out;
    }

    /** The text in lower case, or null for null. */
    static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    /**
     * The bytes of an element to reject, without its debug context: debug data is free-form, the
     * one part of a System Log event where an unexpected value could be secret.
     */
    static byte[] redacted(JsonNode node) {
        if (!(node instanceof ObjectNode)) {
            return ListingEvents.bytes(node);
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        List<String> names = new ArrayList<>();
        copy.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (normalized(name).equals("debugcontext")) {
                copy.remove(name);
            }
        }
        return ListingEvents.bytes(copy);
    }

    private static String normalized(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }
}
