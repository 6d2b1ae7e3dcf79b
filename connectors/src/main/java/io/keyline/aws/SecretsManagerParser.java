package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
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
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * The output of {@code aws secretsmanager list-secrets} ({@code {"SecretList":[...]}}), a bare
 * array of its secrets, or one secret per line ({@code describe-secret} output reads the same).
 * Dates are read as the CLI writes them (ISO-8601 with an offset) and as the API and older CLIs do
 * (epoch seconds, {@code 1.523477145713E9}).
 *
 * <p>A secret tagged as a copy of a credential ({@link SecretCopyTags}) is {@code STORED_AT} on
 * that credential. Any other secret is its own credential, {@code aws:secret:<ARN>} of type {@code
 * AWS_SECRET}: {@code OBSERVED} (status, creation, last access, account, region, name) and {@code
 * STORED_AT}, or {@code DELETED} at its {@code DeletedDate} once it is scheduled for deletion. Both
 * carry whether the store rotates the secret and when it last did; an owner tag ({@link AwsTags})
 * is an {@code OWNER_HINT} on the credential. A copy scheduled for deletion is no longer counted as
 * a place the credential is stored.
 *
 * <p>Listings never carry values. Output that does ({@code get-secret-value}, {@code
 * batch-get-secret-value}) is rejected, without its {@code SecretString} and {@code SecretBinary}.
 */
@Internal
public final class SecretsManagerParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "aws-secrets-manager";

    private static final Set<String> VALUE_FIELDS = Set.of("SecretString", "SecretBinary");

    private static final String LISTED = "a secret in SecretList";
    private static final String SECRET = "a secret";

    private static final Pattern SECRET_ARN =
            Pattern.compile("^arn:[a-z-]+:secretsmanager:([a-z0-9-]+):(\\d+):secret:.+$");

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root;
        try {
            root = Json.read(record.getPayload());
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), cutBeforeValues(record.getPayload()));
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        if (root.isArray()) {
            root.forEach(secret -> secret(secret, LISTED, events));
        } else if (!root.isObject()) {
            events.reject(notListing(), new byte[0]);
        } else if (root.has("SecretList")) {
            JsonNode list = root.get("SecretList");
            if (!list.isArray()) {
                events.reject("the SecretList of the record is not an array", redacted(root));
                return;
            }
            list.forEach(secret -> secret(secret, LISTED, events));
        } else if (holdsValue(root)) {
            events.reject(
                    "the record is get-secret-value output, which holds the secret's value;"
                            + " Keyline accepts no secret values: export list-secrets instead",
                    redacted(root));
        } else if (root.has("SecretValues")) {
            events.reject(
                    "the record is batch-get-secret-value output, which holds secret values;"
                            + " Keyline accepts no secret values: export list-secrets instead",
                    redacted(root));
        } else if (root.has("ARN")) {
            secret(root, SECRET, events);
        } else {
            events.reject(notListing(), redacted(root));
        }
    }

    private static void secret(JsonNode node, String what, ListingEvents events) {
        if (!node.isObject()) {
            events.reject(what + " is not an object", redacted(node));
            return;
        }
        if (holdsValue(node)) {
            events.reject(
                    what
                            + " holds a SecretString or SecretBinary value; Keyline accepts no"
                            + " secret values",
                    redacted(node));
            return;
        }
        SecretsManagerEntry secret;
        try {
            secret = read(node, what);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), redacted(node));
            return;
        }
        if (secret.copy() != null) {
            copy(secret, events);
        } else {
            own(secret, events);
        }
    }

    /** A copy of a credential known by another id: one more place it is stored. */
    private static void copy(SecretsManagerEntry secret, ListingEvents events) {
        if (secret.deletedAt() != null) {
            return;
        }
        String credential = secret.copy().credentialId();
        String type = secret.copy().credentialType();
        events.emit(
                rotation(
                        events.next(EventKind.STORED_AT, credential, secret.arn())
                                .credential(credential, type)
                                .location(new Location(Stores.AWS_SECRETS_MANAGER, secret.arn())),
                        secret));
        ownerHint(secret, credential, type, events);
    }

    /** A secret that is its own credential. */
    private static void own(SecretsManagerEntry secret, ListingEvents events) {
        String credential = CanonicalIds.awsSecret(secret.arn());
        String type = CredentialTypes.AWS_SECRET;
        if (secret.deletedAt() != null) {
            String deletedAt = Timestamps.iso(secret.deletedAt());
            events.emit(
                    IdentityEvent.of(
                                    EventIds.hashed(SOURCE, "DELETED", credential, deletedAt),
                                    secret.deletedAt(),
                                    SOURCE,
                                    EventKind.DELETED)
                            .credential(credential, type)
                            .attribute(Attributes.ACCOUNT, secret.account())
                            .attribute(Attributes.REGION, secret.region())
                            .attribute(Attributes.NAME, secret.name()));
            return;
        }
        events.emit(
                rotation(
                        events.next(EventKind.OBSERVED, credential)
                                .credential(credential, type)
                                .attribute(Attributes.STATUS, Attributes.ACTIVE)
                                .attribute(Attributes.CREATED_AT, iso(secret.createdAt()))
                                .attribute(Attributes.LAST_USED_AT, iso(secret.lastAccessedAt()))
                                .attribute(Attributes.ACCOUNT, secret.account())
                                .attribute(Attributes.REGION, secret.region())
                                .attribute(Attributes.NAME, secret.name()),
                        secret));
        events.emit(
                rotation(
                        events.next(EventKind.STORED_AT, credential, secret.arn())
                                .credential(credential, type)
                                .location(new Location(Stores.AWS_SECRETS_MANAGER, secret.arn()))
                                .attribute(Attributes.ACCOUNT, secret.account()),
                        secret));
        ownerHint(secret, credential, type, events);
    }

    private static void ownerHint(
            SecretsManagerEntry secret, String credential, String type, ListingEvents events) {
        if (secret.owner() == null) {
            return;
        }
        events.emit(
                events.next(EventKind.OWNER_HINT, credential, secret.owner(), secret.arn())
                        .credential(credential, type)
                        .actor(secret.owner())
                        .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
    }

    private static IdentityEvent rotation(IdentityEvent event, SecretsManagerEntry secret) {
        return event.attribute(Attributes.ROTATION_ENABLED, secret.rotationEnabled())
                .attribute(Attributes.LAST_ROTATED_AT, iso(secret.lastRotatedAt()));
    }

    private static SecretsManagerEntry read(JsonNode node, String what)
            throws MalformedRecordException {
        String arn = Json.text(node, "ARN");
        if (arn == null) {
            throw new MalformedRecordException(what + " has no ARN");
        }
        Matcher m = SECRET_ARN.matcher(arn.trim());
        if (!m.matches()) {
            throw new MalformedRecordException(
                    "the ARN of " + what + " is not a Secrets Manager secret ARN");
        }
        JsonNode tags = node.get("Tags");
        if (tags != null && !tags.isNull() && !tags.isArray()) {
            throw new MalformedRecordException("the Tags of " + what + " is not an array");
        }
        String owner = AwsTags.owner(tags);
        return new SecretsManagerEntry(
                arn.trim(),
                m.group(2),
                m.group(1),
                Json.clip(Json.text(node, "Name"), 512),
                SecretsManagerEntry.time(node, "CreatedDate", what),
                SecretsManagerEntry.time(node, "LastAccessedDate", what),
                SecretsManagerEntry.time(node, "LastRotatedDate", what),
                SecretsManagerEntry.time(node, "DeletedDate", what),
                SecretsManagerEntry.flag(node, "RotationEnabled", what),
                owner == null ? null : owner.toLowerCase(Locale.ROOT),
                SecretCopyTags.of(tags, what));
    }

    private static String iso(Long time) {
        return time == null ? null : Timestamps.iso(time);
    }

    private static boolean holdsValue(JsonNode node) {
        return node.has("SecretString") || node.has("SecretBinary");
    }

    /** What is rejected, without any value field at any depth; nothing for a scalar. */
    private static byte[] redacted(JsonNode node) {
        if (!node.isContainerNode()) {
            return new byte[0];
        }
        JsonNode copy = node.deepCopy();
        removeValues(copy);
        return ListingEvents.bytes(copy);
    }

    private static void removeValues(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(VALUE_FIELDS);
        }
        node.forEach(SecretsManagerParser::removeValues);
    }

    /**
     * Input that is not JSON is kept only up to the first value field, and not at all when it does
     * not even start as an object or an array (it may be a bare value).
     */
    private static byte[] cutBeforeValues(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        if (start.isEmpty() || (start.charAt(0) != '{' && start.charAt(0) != '[')) {
            return new byte[0];
        }
        int end = text.length();
        for (String field : VALUE_FIELDS) {
            int at = text.indexOf('"' + field + '"');
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return end == text.length()
                ? payload
                : text.substring(0, end).getBytes(StandardCharsets.UTF_8);
    }

    private static String notListing() {
        return "the record is not list-secrets output";
    }
}
