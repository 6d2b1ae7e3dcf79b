package io.keyline.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * One secret version of a {@code vault-kv-metadata} record, in either shape the format accepts,
 * with its place, version, time and owner read and checked. Its values stay in the JSON tree and
 * are read by the parser alone, key by key.
 *
 * <ul>
 *   <li>The inventory shape: {@code mount}, {@code path}, {@code version}, {@code created_time},
 *       {@code updated_time}, {@code custom_metadata}, {@code data} (key to value) and {@code
 *       fingerprints} (key to a 32-hex keyed fingerprint) at the top.
 *   <li>The output of {@code vault kv get -format=json}: {@code data.data} holds the values and
 *       {@code data.metadata} the version's {@code created_time}, {@code version} and {@code
 *       custom_metadata}.
 * </ul>
 *
 * @param mount the KV mount, without slashes around it
 * @param path the secret's path in the mount, without slashes around it
 * @param version the version, or null
 * @param time when the version was written: {@code updated_time}, else {@code created_time}, else
 *     the file's time
 * @param owner the owner {@code custom_metadata} names, in lower case, or null
 * @param values the values by key, or null when the version has none (deleted or destroyed)
 * @param fingerprints the fingerprints by key, or null
 */
record VaultKvRecord(
        String mount,
        String path,
        String version,
        long time,
        String owner,
        JsonNode values,
        JsonNode fingerprints) {

    private static final String WHAT = "a vault-kv-metadata record";

    private static final int MAX_NAME = 1024;

    /**
     * Reads a record; {@code placeFromFile} is the mount and path the file's place names ({@code
     * [mount, path]}), or null, and {@code fileTime} the file's time.
     */
    static VaultKvRecord of(JsonNode record, String[] placeFromFile, long fileTime)
            throws MalformedRecordException {
        if (!record.isObject()) {
            throw new MalformedRecordException(WHAT + " is not a JSON object");
        }
        JsonNode data = record.get("data");
        JsonNode values = data;
        JsonNode metadata = record;
        if (isKvGetOutput(data)) {
            values = data.get("data");
            metadata = data.get("metadata");
        }
        if (values != null && !values.isNull() && !values.isObject()) {
            throw new MalformedRecordException("the data of " + WHAT + " is not an object");
        }
        JsonNode fingerprints = record.get("fingerprints");
        if (fingerprints != null && !fingerprints.isNull() && !fingerprints.isObject()) {
            throw new MalformedRecordException("the fingerprints of " + WHAT + " is not an object");
        }
        String mount = trimSlashes(name(record, "mount"));
        String path = trimSlashes(name(record, "path"));
        if ((mount == null || path == null) && placeFromFile != null) {
            mount = mount != null ? mount : placeFromFile[0];
            path = path != null ? path : placeFromFile[1];
        }
        if (mount == null || path == null) {
            throw new MalformedRecordException(
                    WHAT
                            + " names no mount and path; add mount and path fields or put the file"
                            + " at <mount>/<path>.json below the format folder");
        }
        return new VaultKvRecord(
                mount,
                path,
                version(metadata),
                time(metadata, fileTime),
                owner(metadata.get("custom_metadata")),
                values == null || values.isNull() ? null : values,
                fingerprints == null || fingerprints.isNull() ? null : fingerprints);
    }

    /** The place of a key: {@code <mount>/<path>#<key>}. */
    String location(String key) {
        return mount + "/" + path + "#" + key;
    }

    /** {@code data} of {@code vault kv get} output holds the values and their metadata apart. */
    private static boolean isKvGetOutput(JsonNode data) {
        if (data == null || !data.isObject()) {
            return false;
        }
        JsonNode values = data.get("data");
        JsonNode metadata = data.get("metadata");
        return values != null
                && (values.isObject() || values.isNull())
                && metadata != null
                && metadata.isObject();
    }

    private static String name(JsonNode node, String field) throws MalformedRecordException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > MAX_NAME) {
            throw new MalformedRecordException("the " + field + " of " + WHAT + " is not a name");
        }
        return value.asText();
    }

    private static String version(JsonNode metadata) throws MalformedRecordException {
        JsonNode version = metadata.get("version");
        if (version == null || version.isNull()) {
            return null;
        }
        if (version.isIntegralNumber() && version.canConvertToLong()) {
            return version.asText();
        }
        if (version.isTextual() && version.asText().matches("\\d{1,18}")) {
            return version.asText();
        }
        throw new MalformedRecordException("the version of " + WHAT + " is not a number");
    }

    private static long time(JsonNode metadata, long fileTime) throws MalformedRecordException {
        for (String field : new String[] {"updated_time", "created_time"}) {
            JsonNode value = metadata.get(field);
            if (value == null
                    || value.isNull()
                    || (value.isTextual() && value.asText().isBlank())) {
                continue;
            }
            Long time = value.isTextual() ? Timestamps.parseOrNull(value.asText()) : null;
            if (time == null) {
                throw new MalformedRecordException(
                        "the " + field + " of " + WHAT + " is not a time stamp");
            }
            return time;
        }
        return fileTime;
    }

    /** The owner custom metadata names: key {@code owner} or {@code owner-email}, in any case. */
    private static String owner(JsonNode custom) {
        if (custom == null || !custom.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = custom.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey().toLowerCase(Locale.ROOT).replaceAll("[-_:]", "");
            JsonNode value = field.getValue();
            if ((key.equals("owner") || key.equals("owneremail"))
                    && value.isTextual()
                    && !value.asText().isBlank()) {
                return Json.clip(value.asText().trim().toLowerCase(Locale.ROOT), MAX_NAME);
            }
        }
        return null;
    }

    private static String trimSlashes(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.trim().replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? null : trimmed;
    }
}
