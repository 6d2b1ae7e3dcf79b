package io.keyline.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.SecretIds;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import io.keyline.model.OwnerSources;
import io.keyline.model.Stores;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * The secrets of Vault's KV engine as a KV inventory exporter writes them: one record per secret
 * version, as JSON lines or an array ({@link VaultKvRecord} has the two shapes). Vault has no
 * inventory export of its own; this format is Keyline's.
 *
 * <p>Every key of a version is a credential stored in Vault: its value is reduced at once to a
 * credential id ({@link SecretIds}: an AWS access key id is its own id, a GitHub token its GitHub
 * hash, anything else its keyed fingerprint), or its precomputed fingerprint ({@code fingerprints},
 * 32 hex) becomes {@code fp:<hex>}. Each is {@code STORED_AT} {@code vault:<mount>/<path>#<key>}
 * with the key as {@code secretKey}, at the version's time. An {@code AWS_SECRET_ACCESS_KEY} next
 * to an {@code AWS_ACCESS_KEY_ID} in the same version is the secret half of that key: only the key
 * id is stored at, since it is the id every other source knows the key by. An owner in the
 * version's custom metadata ({@code owner}, {@code owner-email}) is an {@code OWNER_HINT} (tag) on
 * each credential of the version.
 *
 * <p>Values never leave this parser: not in events, attributes, reasons or rejected payloads, which
 * lose their values before they are handed over ({@link VaultPayloads}).
 */
@Internal
public final class VaultKvMetadataParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "vault-kv-metadata";

    private static final String KEY_ID = "aws_access_key_id";
    private static final String SECRET_KEY = "aws_secret_access_key";

    private static final Pattern FINGERPRINT = Pattern.compile("^[0-9a-fA-F]{32}$");

    /** Where values live: {@code data}, whether it holds them or {@code data.data} does. */
    private static final Set<String> VALUE_FIELDS = Set.of("data");

    private final SecretIds secretIds;

    public VaultKvMetadataParser(SecretIds secretIds) {
        this.secretIds = secretIds;
    }

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = VaultPayloads.readOrReject(record, out, VALUE_FIELDS);
        if (root == null) {
            return;
        }
        String[] place = VaultKvPlaces.ofFile(record.getOrigin(), SOURCE);
        if (root.isArray()) {
            root.forEach(element -> version(element, place, record.getObservedAt(), out));
        } else {
            version(root, place, record.getObservedAt(), out);
        }
    }

    private void version(JsonNode node, String[] place, long fileTime, ParseOutput out) {
        VaultKvRecord version;
        try {
            version = VaultKvRecord.of(node, place, fileTime);
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), VaultPayloads.without(node, VALUE_FIELDS));
            return;
        }
        Map<String, SecretIds.Identified> stored = new LinkedHashMap<>();
        if (version.values() != null) {
            identifyValues(version.values(), stored);
        }
        if (version.fingerprints() != null) {
            identifyFingerprints(version, out, stored);
        }
        dropSecretHalfOfAccessKey(stored);

        // Where each credential is stored, then who owns it.
        String timeText = Timestamps.iso(version.time());
        List<SecretIds.Identified> credentials = new ArrayList<>();
        for (Map.Entry<String, SecretIds.Identified> entry : stored.entrySet()) {
            String key = entry.getKey();
            SecretIds.Identified credential = entry.getValue();
            String path = version.location(key);
            out.emit(
                    event(
                                    EventKind.STORED_AT,
                                    version,
                                    credential.credentialId(),
                                    path,
                                    version.version(),
                                    timeText)
                            .credential(credential.credentialId(), credential.credentialType())
                            .location(new Location(Stores.VAULT, path))
                            .attribute(Attributes.SECRET_KEY, key));
            if (!credentials.contains(credential)) {
                credentials.add(credential);
            }
        }
        if (version.owner() != null) {
            for (SecretIds.Identified credential : credentials) {
                out.emit(
                        event(
                                        EventKind.OWNER_HINT,
                                        version,
                                        credential.credentialId(),
                                        version.owner(),
                                        version.location(""),
                                        version.version(),
                                        timeText)
                                .credential(credential.credentialId(), credential.credentialType())
                                .actor(version.owner())
                                .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
            }
        }
    }

    /** Each value, reduced to its credential id at once; booleans and nulls are no secrets. */
    private void identifyValues(JsonNode values, Map<String, SecretIds.Identified> stored) {
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            String text;
            if (value.isTextual()) {
                text = value.asText();
            } else if (value.isNumber()) {
                text = value.asText();
            } else if (value.isContainerNode()) {
                // A structured value (a JSON key file stored as an object) counts as its text.
                text = value.toString();
            } else {
                continue;
            }
            if (!text.isBlank()) {
                stored.put(field.getKey(), secretIds.identify(text, field.getKey()));
            }
        }
    }

    /** Precomputed fingerprints; a bad one is rejected alone, named by its key only. */
    private static void identifyFingerprints(
            VaultKvRecord version, ParseOutput out, Map<String, SecretIds.Identified> stored) {
        Iterator<Map.Entry<String, JsonNode>> fields = version.fingerprints().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isTextual() || !FINGERPRINT.matcher(value.asText().trim()).matches()) {
                out.reject(
                        "a fingerprint of a vault-kv-metadata record is not 32 hex characters",
                        placeOf(version, field.getKey()));
                continue;
            }
            String fingerprint = value.asText().trim().toLowerCase(Locale.ROOT);
            stored.putIfAbsent(
                    field.getKey(),
                    new SecretIds.Identified(
                            CanonicalIds.fingerprint(fingerprint), CredentialTypes.GENERIC_SECRET));
        }
    }

    /** An AWS secret access key next to its key id is the same credential as the key id. */
    private static void dropSecretHalfOfAccessKey(Map<String, SecretIds.Identified> stored) {
        boolean hasKeyId = false;
        for (Map.Entry<String, SecretIds.Identified> entry : stored.entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(KEY_ID)
                    && CredentialTypes.AWS_ACCESS_KEY.equals(entry.getValue().credentialType())) {
                hasKeyId = true;
            }
        }
        if (hasKeyId) {
            stored.keySet().removeIf(key -> key.toLowerCase(Locale.ROOT).equals(SECRET_KEY));
        }
    }

    private static IdentityEvent event(EventKind kind, VaultKvRecord version, String... fact) {
        String[] parts = new String[fact.length + 1];
        parts[0] = kind.name();
        System.arraycopy(fact, 0, parts, 1, fact.length);
        return IdentityEvent.of(EventIds.hashed(SOURCE, parts), version.time(), SOURCE, kind);
    }

    /** A rejected part named by its place, without its value. */
    private static byte[] placeOf(VaultKvRecord version, String key) {
        return Json.MAPPER
                .createObjectNode()
                .put("mount", version.mount())
                .put("path", version.path())
                .put("key", key)
                .toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
