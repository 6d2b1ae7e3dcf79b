package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.CopyMarks;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.Location;
import io.keyline.model.OwnerSources;
import io.keyline.model.Stores;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * Azure Key Vault secret listings: the output of {@code az keyvault secret list --vault-name V -o
 * json} (an array of secret items), the REST API's {@code {"value":[...]}} page, or one item (as
 * {@code az keyvault secret show} prints it). A listing carries no values; the value that {@code
 * show} adds is never read and is removed from anything rejected.
 *
 * <p>A secret tagged {@code keyline-credential-id} (a canonical credential id) or {@code
 * keyline-fingerprint} (a keyed fingerprint, {@code fp:<hex>}) holds a copy of that credential:
 * {@code STORED_AT} on it. Any other secret is its own credential, {@code azure:kv-secret:<vault>/
 * <name>}: {@code OBSERVED} with its creation and expiry time ({@code never} when it has none) and
 * its status, and {@code STORED_AT} in its vault. An {@code owner} tag is an owner hint of the
 * credential. All at the file's time.
 */
@Internal
public final class KeyVaultSecretsParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "azure-key-vault";

    private static final String ITEM = "a Key Vault secret";

    /** {@code https://<vault>.vault.azure.net/secrets/<name>[/<version>]}, any Azure cloud. */
    private static final Pattern SECRET_URL =
            Pattern.compile(
                    "^https://([A-Za-z0-9-]+)\\.vault\\.[A-Za-z0-9.-]+(?::\\d+)?/secrets/([A-Za-z0-9-]+)(?:/[A-Za-z0-9]*)?/?$");

    private static final Pattern FINGERPRINT = Pattern.compile("^[0-9a-fA-F]{32}$");

    private static final Set<String> OWNER_TAGS = Set.of("owner", "owner-email", "owneremail");

    private static final Set<String> REDACTED = redactedFields();

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = AzureJson.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        try {
            for (JsonNode item : AzureJson.elements(root, "a Key Vault listing")) {
                try {
                    secret(item, events);
                } catch (MalformedRecordException e) {
                    events.reject(e.getMessage(), AzureJson.redacted(item, REDACTED));
                }
            }
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), AzureJson.redacted(root, REDACTED));
        }
    }

    private static void secret(JsonNode item, ListingEvents events)
            throws MalformedRecordException {
        if (!item.isObject()) {
            throw new MalformedRecordException(ITEM + " is not a JSON object");
        }
        String url = AzureJson.text(item, "id");
        if (url == null) {
            throw new MalformedRecordException(ITEM + " has no id");
        }
        Matcher m = SECRET_URL.matcher(url);
        if (!m.matches()) {
            throw new MalformedRecordException("the id of " + ITEM + " is not a secret URL");
        }
        String vault = m.group(1).toLowerCase(Locale.ROOT);
        String name = m.group(2);
        JsonNode attributes = AzureJson.field(item, "attributes");
        if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
            throw new MalformedRecordException("the attributes of " + ITEM + " is not an object");
        }
        JsonNode tags = AzureJson.field(item, "tags");
        if (tags != null && !tags.isNull() && !tags.isObject()) {
            throw new MalformedRecordException("the tags of " + ITEM + " is not an object");
        }
        String created = GraphCredentials.time(attributes, "created", ITEM);
        String expires = GraphCredentials.time(attributes, "expires", ITEM);
        String status = status(attributes);
        Location location = new Location(Stores.AZURE_KEY_VAULT, vault + "/" + name);

        CopyMarks.Copy copy = copyOf(tags);
        String credential;
        String type;
        if (copy != null) {
            credential = copy.credentialId();
            type = copy.credentialType();
        } else {
            credential = CanonicalIds.azureKeyVaultSecret(vault, name);
            type = CredentialTypes.AZURE_KEY_VAULT_SECRET;
            events.emit(
                    events.next(EventKind.OBSERVED, credential, "secret")
                            .credential(credential, type)
                            .attribute(Attributes.NAME, name)
                            .attribute(Attributes.STATUS, status)
                            .attribute(Attributes.CREATED_AT, created)
                            .attribute(
                                    Attributes.EXPIRES_AT,
                                    expires == null ? Attributes.NEVER : expires));
        }
        events.emit(
                events.next(EventKind.STORED_AT, credential, location.toString())
                        .credential(credential, type)
                        .location(location));

        String owner = tag(tags, OWNER_TAGS);
        if (owner != null) {
            IdentityEvent hint =
                    events.next(EventKind.OWNER_HINT, credential, owner)
                            .credential(credential, type)
                            .actor(owner.toLowerCase(Locale.ROOT))
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG);
            events.emit(hint);
        }
    }

    /** The credential a secret's tags say it holds a copy of, or null for none. */
    private static CopyMarks.Copy copyOf(JsonNode tags) throws MalformedRecordException {
        return CopyMarks.of(
                tag(tags, Set.of(CopyMarks.CREDENTIAL_ID)),
                tag(tags, Set.of(CopyMarks.FINGERPRINT)),
                "tag",
                ITEM);
    }

    /** The value of the first tag whose key, normalized, is one of {@code keys}. */
    private static String tag(JsonNode tags, Set<String> keys) {
        if (tags == null || !tags.isObject()) {
            return null;
        }
        var fields = tags.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            String key = CopyMarks.normalizeKey(entry.getKey());
            JsonNode value = entry.getValue();
            if (keys.contains(key) && value != null && value.isValueNode() && !value.isNull()) {
                String text = value.asText().trim();
                if (!text.isEmpty()) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String status(JsonNode attributes) {
        JsonNode enabled = AzureJson.field(attributes, "enabled");
        if (enabled == null || enabled.isNull()) {
            return null;
        }
        return enabled.asBoolean(true) && !enabled.asText().equalsIgnoreCase("false")
                ? Attributes.ACTIVE
                : Attributes.INACTIVE;
    }

    private static Set<String> redactedFields() {
        Set<String> fields = new HashSet<>(AzureJson.SECRET_FIELDS);
        fields.add("value");
        return Set.copyOf(fields);
    }
}
