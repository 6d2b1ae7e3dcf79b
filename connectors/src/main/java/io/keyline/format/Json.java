package io.keyline.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.apache.flink.annotation.Internal;

/** The shared JSON reader and the small helpers parsers use to read vendor records safely. */
@Internal
public final class Json {

    /** The largest JSON string value accepted, in characters; larger ones reject the record. */
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    public static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder()
                                .maxStringLength(MAX_STRING_LENGTH)
                                .maxNestingDepth(200)
                                .build());
    }

    private Json() {}

    /** Reads a JSON tree; throws with a reason that quotes nothing from the input. */
    public static JsonNode read(byte[] bytes) throws MalformedRecordException {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new MalformedRecordException("the record is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedRecordException(describe(e), e);
        } catch (IOException e) {
            throw new MalformedRecordException("the record cannot be read as JSON", e);
        }
    }

    /**
     * Reads a record's payload as a JSON tree, or rejects the record with the reason and returns
     * null: the first step of every JSON parser.
     */
    public static JsonNode readOrReject(RawRecord record, ParseOutput out) {
        try {
            return read(record.getPayload());
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), record.getPayload());
            return null;
        }
    }

    /** A description of a JSON error with its position and nothing quoted from the input. */
    public static String describe(JsonProcessingException e) {
        var location = e.getLocation();
        String where =
                location == null
                        ? ""
                        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        if (message.startsWith("Unexpected end-of-input")) {
            what = "the JSON ends too early";
        } else if (message.startsWith("Unrecognized token")
                || message.startsWith("Unexpected character")) {
            what = "the JSON has an unexpected token";
        } else if (message.startsWith("Illegal unquoted character")) {
            what = "a JSON string is not closed or holds a raw control character";
        } else if (message.contains("String value length")) {
            what = "a JSON string is longer than " + MAX_STRING_LENGTH + " characters";
        } else if (message.contains("nesting depth")) {
            what = "the JSON is nested too deeply";
        } else {
            what = "the JSON is malformed";
        }
        return what + where;
    }

    /** The text of a field, or null when it is missing, JSON null, or empty. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** The text at a path of fields, or null when any step is missing. */
    public static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (int i = 0; i < path.length - 1; i++) {
            if (current == null) {
                return null;
            }
            current = current.get(path[i]);
        }
        return text(current, path[path.length - 1]);
    }

    /** The object at a field, or null when it is missing or not an object. */
    public static JsonNode object(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    /** A string no longer than {@code max} characters, for free-text fields such as user agents. */
    public static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max);
    }
}
