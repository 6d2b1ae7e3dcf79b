package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Azure records are read: fields by name in any case (Azure's exporters differ in {@code
 * Level}/{@code level}, {@code requestBody}/{@code requestbody}), values that are JSON encoded as
 * strings, the containers records arrive in, and the removal of secret-bearing fields from anything
 * rejected.
 */
final class AzureJson {

    /**
     * Fields that may hold secret material or whole request and response bodies: never read as
     * values, and removed from rejected payloads.
     */
    static final Set<String> SECRET_FIELDS =
            Set.of(
                    "secrettext",
                    "hint",
                    "key",
                    "password",
                    "clientsecret",
                    "requestbody",
                    "responsebody");

    /**
     * The same fields in a payload that is not valid JSON, up to the quote that opens the value;
     * {@link #maskSecrets} finds where the value ends by scanning, since a regular expression
     * repeating over escapes recurses once per character and overflows the stack on long input.
     */
    private static final Pattern SECRET_IN_TEXT =
            Pattern.compile(
                    "(?i)\"(?:secretText|hint|key|password|clientSecret|requestBody|responseBody|value)\"\\s*+:\\s*+\"");

    private AzureJson() {}

    /** A field in any case, the exact spelling first; null when missing. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** The text of a field in any case; null when missing, JSON null, empty or not a scalar. */
    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** The text at a path of fields, each in any case. */
    static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (int i = 0; i < path.length - 1 && current != null; i++) {
            current = field(current, path[i]);
        }
        return text(current, path[path.length - 1]);
    }

    /** The object at a field in any case, or null when it is missing or not an object. */
    static JsonNode object(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value != null && value.isObject() ? value : null;
    }

    /** The array at a field in any case, or null when it is missing or not an array. */
    static JsonNode array(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value != null && value.isArray() ? value : null;
    }

    /**
     * A value that is JSON itself or JSON encoded in a string ({@code "\"Password\""}, a request
     * body): the decoded tree, or the plain text as a text node when the string is not JSON; null
     * for a missing or null value.
     */
    static JsonNode decoded(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isTextual()) {
            return value;
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return null;
        }
        char first = text.charAt(0);
        if (first == '"' || first == '{' || first == '[') {
            try {
                JsonNode tree = Json.read(text.getBytes(StandardCharsets.UTF_8));
                return tree.isNull() ? null : tree;
            } catch (MalformedRecordException e) {
                return value;
            }
        }
        return value;
    }

    /** A decoded value as text (a JSON string's content), or null when it is not a scalar. */
    static String decodedText(JsonNode value) {
        JsonNode decoded = decoded(value);
        if (decoded == null || decoded.isContainerNode()) {
            return null;
        }
        String text = decoded.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /**
     * Reads a record's JSON, or rejects it and returns null. The payload of a record that is not
     * JSON is rejected with the values of secret-bearing fields masked, as far as they can be found
     * in broken text.
     */
    static JsonNode readOrReject(RawRecord record, ParseOutput out) {
        try {
            return Json.read(record.getPayload());
        } catch (MalformedRecordException e) {
            String text = new String(record.getPayload(), StandardCharsets.UTF_8);
            out.reject(e.getMessage(), maskSecrets(text).getBytes(StandardCharsets.UTF_8));
            return null;
        }
    }

    /**
     * The text with the string value of every secret-bearing field replaced by {@code ***}; a value
     * left open by a truncated payload is masked to the end.
     */
    static String maskSecrets(String text) {
        StringBuilder masked = new StringBuilder(text.length());
        Matcher name = SECRET_IN_TEXT.matcher(text);
        int copied = 0;
        while (copied < text.length() && name.find(copied)) {
            masked.append(text, copied, name.end()).append("***");
            int end = name.end();
            while (end < text.length() && text.charAt(end) != '"') {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            if (end >= text.length()) {
                return masked.toString();
            }
            masked.append('"');
            copied = end + 1;
        }
        return masked.append(text, copied, text.length()).toString();
    }

    /**
     * The elements of a container: the {@code records} of an Azure Monitor envelope, the {@code
     * value} of a Graph list, the elements of an array, or the record itself. Throws when the list
     * field is not an array.
     */
    static List<JsonNode> elements(JsonNode root, String what) throws MalformedRecordException {
        List<JsonNode> elements = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(elements::add);
            return elements;
        }
        for (String list : new String[] {"records", "value"}) {
            JsonNode field = field(root, list);
            if (field != null && (list.equals("records") || isGraphList(root))) {
                if (!field.isArray()) {
                    throw new MalformedRecordException(
                            "the " + list + " field of " + what + " is not an array");
                }
                field.forEach(elements::add);
                return elements;
            }
        }
        elements.add(root);
        return elements;
    }

    /** A Graph list response: a {@code value} array, with or without its {@code @odata} fields. */
    private static boolean isGraphList(JsonNode root) {
        JsonNode value = field(root, "value");
        return value != null
                && (value.isArray() || root.has("@odata.context") || root.has("@odata.nextLink"));
    }

    /** The bytes of an element to reject, without any secret-bearing field. */
    static byte[] redacted(JsonNode node) {
        return redacted(node, SECRET_FIELDS);
    }

    /** The bytes of an element to reject, without the fields named (lower case) in any case. */
    static byte[] redacted(JsonNode node, Set<String> secretFields) {
        JsonNode copy = node.deepCopy();
        strip(copy, secretFields);
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void strip(JsonNode node, Set<String> secretFields) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (secretFields.contains(name.toLowerCase(Locale.ROOT))) {
                    object.remove(name);
                }
            }
        }
        node.forEach(child -> strip(child, secretFields));
    }
}
