package io.keyline.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * What the Vault parsers hand over when they reject something: the rejected part without the fields
 * that may hold a token or a secret value, so that nothing secret reaches the dead letters even
 * when the audit device logs raw values or an exporter writes values where none belong.
 */
final class VaultPayloads {

    private VaultPayloads() {}

    /** Reads a record as JSON, or rejects it cut short before the first of the named fields. */
    static JsonNode readOrReject(RawRecord record, ParseOutput out, Set<String> secretFields) {
        try {
            return Json.read(record.getPayload());
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), cutBefore(record.getPayload(), secretFields));
            return null;
        }
    }

    /**
     * The bytes of a node without the named fields, at any depth; nothing for a scalar, which may
     * itself be a bare secret value.
     */
    static byte[] without(JsonNode node, Set<String> secretFields) {
        if (node == null || !node.isContainerNode()) {
            return new byte[0];
        }
        JsonNode copy = node.deepCopy();
        remove(copy, secretFields);
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void remove(JsonNode node, Set<String> fields) {
        if (node instanceof ObjectNode object) {
            object.remove(fields);
        }
        node.forEach(child -> remove(child, fields));
    }

    /**
     * Input that is not JSON cannot be cleaned field by field: it is kept only up to the first
     * appearance of a field name that may hold a secret, and not at all when it does not even start
     * as an object or an array (it may be a bare value).
     */
    static byte[] cutBefore(byte[] payload, Set<String> secretFields) {
        String text = new String(payload, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        if (start.isEmpty() || (start.charAt(0) != '{' && start.charAt(0) != '[')) {
            return new byte[0];
        }
        int end = text.length();
        for (String field : secretFields) {
            int at = text.indexOf('"' + field + '"');
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return end == text.length()
                ? Arrays.copyOf(payload, payload.length)
                : text.substring(0, end).getBytes(StandardCharsets.UTF_8);
    }
}
