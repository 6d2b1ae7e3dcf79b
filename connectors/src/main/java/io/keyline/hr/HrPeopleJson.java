package io.keyline.hr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON forms of the HR directory: one object per line (JSON Lines), or one document that is an
 * array of objects or a single object. A file that parses as one JSON value is a document; any
 * other file is read line by line, each line a person, so that a bad line costs only itself. A file
 * whose first line opens a value that it does not close is a broken document and is rejected whole.
 */
final class HrPeopleJson {

    private static final ObjectReader DOCUMENT =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectReader VALUES = Json.MAPPER.readerFor(JsonNode.class);

    private HrPeopleJson() {}

    static void read(String text, byte[] payload, HrPeopleParser.People people) {
        JsonNode document = document(text);
        if (document != null) {
            document(document, payload, people);
            return;
        }
        String[] lines = text.split("\n", -1);
        boolean first = true;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + (i + 1) + " of the hr-people JSON lines";
            byte[] lineBytes = line.getBytes(StandardCharsets.UTF_8);
            JsonNode node;
            try {
                node = Json.read(lineBytes);
            } catch (MalformedRecordException e) {
                if (first && endsTooEarly(e)) {
                    values(text, payload, people);
                    return;
                }
                people.events.reject(where + " is not JSON: " + e.getMessage(), lineBytes);
                first = false;
                continue;
            }
            first = false;
            person(node, where, lineBytes, people);
        }
    }

    /** True when a line's JSON stops in the middle of a value: the start of a document. */
    private static boolean endsTooEarly(MalformedRecordException e) {
        return e.getCause() instanceof JsonEOFException
                || e.getMessage().startsWith("the JSON ends too early");
    }

    /**
     * Reads a text of JSON values that span lines, one after the other (pretty-printed objects
     * concatenated, as {@code jq} prints them). The values before a malformed one still count.
     */
    private static void values(String text, byte[] payload, HrPeopleParser.People people) {
        int n = 0;
        try (MappingIterator<JsonNode> values = VALUES.readValues(text)) {
            while (values.hasNextValue()) {
                JsonNode value = values.nextValue();
                n++;
                person(
                        value,
                        "value " + n + " of the hr-people JSON",
                        ListingEvents.bytes(value),
                        people);
            }
        } catch (JsonProcessingException e) {
            people.events.reject(
                    "the hr-people JSON is malformed after "
                            + n
                            + (n == 1 ? " value: " : " values: ")
                            + Json.describe(e),
                    payload);
        } catch (IOException e) {
            people.events.reject("the hr-people JSON cannot be read", payload);
        }
    }

    /** The whole text as one JSON value, or null when it is not one. */
    private static JsonNode document(String text) {
        try {
            return DOCUMENT.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void document(JsonNode document, byte[] payload, HrPeopleParser.People people) {
        if (document.isObject()) {
            person(document, "the hr-people JSON object", ListingEvents.bytes(document), people);
        } else if (document.isArray()) {
            int n = 0;
            for (JsonNode element : document) {
                n++;
                person(
                        element,
                        "entry " + n + " of the hr-people JSON array",
                        ListingEvents.bytes(element),
                        people);
            }
        } else {
            people.events.reject(
                    "the hr-people JSON is neither objects, one per line, nor an array of them",
                    payload);
        }
    }

    private static void person(
            JsonNode node, String where, byte[] bytes, HrPeopleParser.People people) {
        if (!node.isObject()) {
            people.events.reject(where + " is not a JSON object", bytes);
            return;
        }
        Map<String, String> fields = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey().trim().toLowerCase(Locale.ROOT);
            if (!HrPerson.FIELDS.contains(name) || fields.containsKey(name)) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (name.equals("aliases") && value.isArray()) {
                String aliases = aliasList(value);
                if (aliases == null) {
                    people.events.reject("the aliases of " + where + " are not all strings", bytes);
                    return;
                }
                fields.put(name, aliases);
            } else if (value.isValueNode()) {
                fields.put(name, value.asText());
            } else {
                people.events.reject("the " + name + " of " + where + " is not a string", bytes);
                return;
            }
        }
        people.add(fields, where, bytes);
    }

    /** An array of aliases as the CSV writes them, or null when an element is not a string. */
    private static String aliasList(JsonNode array) {
        List<String> aliases = new ArrayList<>();
        for (JsonNode alias : array) {
            if (!alias.isTextual()) {
                return null;
            }
            aliases.add(alias.asText());
        }
        return String.join(";", aliases);
    }
}
