package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code KeyDescription} property that Entra audit logs record when an app's or service
 * principal's credentials change: a JSON-encoded list of entries such as {@code
 * [KeyIdentifier=<keyId>,KeyType=Password,KeyUsage=Verify,DisplayName=<name>]}, one per key, before
 * and after the change. A display name may itself hold commas (a certificate's subject), so an
 * entry is cut at the known field names only.
 */
final class KeyDescriptions {

    /** One key of a description. {@code type} and {@code name} may be null. */
    record Key(String keyId, String type, String usage, String name) {

        /** True for a client secret, false for a certificate, null when the type is unknown. */
        Boolean isSecret() {
            return KeyDescriptions.isSecret(type);
        }
    }

    private static final Pattern FIELD =
            Pattern.compile("(?:^|,)\\s*(KeyIdentifier|KeyType|KeyUsage|DisplayName)=");

    private KeyDescriptions() {}

    /** The keys a description value lists by key id, in order; empty when it lists none. */
    static Map<String, Key> keys(JsonNode value) {
        Map<String, Key> keys = new LinkedHashMap<>();
        JsonNode decoded = AzureJson.decoded(value);
        if (decoded == null) {
            return keys;
        }
        if (decoded.isArray()) {
            for (JsonNode entry : decoded) {
                add(entry.isTextual() ? entry.asText() : null, keys);
            }
        } else if (decoded.isTextual()) {
            add(decoded.asText(), keys);
        }
        return keys;
    }

    /** True for a password (client secret) key type, false for a certificate, else null. */
    static Boolean isSecret(String type) {
        if (type == null) {
            return null;
        }
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (t.equals("password") || t.equals("clientsecret")) {
            return Boolean.TRUE;
        }
        if (t.contains("x509") || t.contains("cert") || t.equals("symmetric")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static void add(String entry, Map<String, Key> keys) {
        if (entry == null) {
            return;
        }
        String text = entry.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        Map<String, String> fields = fields(text);
        String keyId = fields.get("KeyIdentifier");
        if (keyId != null && AzureTenant.isId(keyId)) {
            keys.put(
                    keyId.toLowerCase(Locale.ROOT),
                    new Key(
                            keyId,
                            fields.get("KeyType"),
                            fields.get("KeyUsage"),
                            fields.get("DisplayName")));
        }
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(text);
        String name = null;
        int valueStart = 0;
        while (m.find()) {
            if (name != null) {
                put(fields, name, text.substring(valueStart, m.start()));
            }
            name = m.group(1);
            valueStart = m.end();
        }
        if (name != null) {
            put(fields, name, text.substring(valueStart));
        }
        return fields;
    }

    private static void put(Map<String, String> fields, String name, String value) {
        String v = value.trim();
        if (!v.isEmpty()) {
            fields.putIfAbsent(name, v);
        }
    }
}
