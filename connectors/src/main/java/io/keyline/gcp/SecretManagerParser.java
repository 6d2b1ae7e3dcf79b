package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.CopyMarks;
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
import org.apache.flink.annotation.Internal;

/**
 * Google Cloud Secret Manager secrets as they are listed: the array {@code gcloud secrets list
 * --format=json} prints, the REST response of {@code secrets.list} ({@code {"secrets":[...]}}), or
 * one secret per line. Listings carry no secret values.
 *
 * <p>A secret labelled or annotated {@code keyline-credential-id} (a canonical credential id) or
 * {@code keyline-fingerprint} (the keyed fingerprint of its value) holds a copy of that credential:
 * it yields {@code STORED_AT} of that credential in the secret ({@link SecretLabels}). Any other
 * secret is a credential of its own, {@code gcp:secret:projects/P/secrets/S} of type {@code
 * GCP_SECRET}: {@code OBSERVED} with its creation and expiry ({@code never} when none is set) and
 * {@code STORED_AT} in itself. An {@code owner} annotation or label holding an e-mail address is an
 * owner hint of the credential the secret holds. All facts take the time of the file.
 *
 * <p>Rotation schedules are not read.
 */
@Internal
public final class SecretManagerParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "gcp-secret-manager";

    private static final String SECRET = "a secret of the listing";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        for (JsonNode secret :
                GcpListings.entries(root, "secrets", "name", "a Secret Manager listing", events)) {
            secret(secret, events);
        }
    }

    private static void secret(JsonNode secret, ListingEvents events) {
        if (!secret.isObject()) {
            events.reject(SECRET + " is not an object", SecretFields.redacted(secret));
            return;
        }
        String name = Json.text(secret, "name");
        if (name == null) {
            events.reject(SECRET + " has no name", SecretFields.redacted(secret));
            return;
        }
        name = name.trim();
        String[] parts = name.split("/", -1);
        if (parts.length != 4
                || !parts[0].equals("projects")
                || parts[1].isEmpty()
                || !parts[2].equals("secrets")
                || parts[3].isEmpty()
                || name.length() > 1024) {
            events.reject(
                    "the name of " + SECRET + " is not projects/<project>/secrets/<id>",
                    SecretFields.redacted(secret));
            return;
        }
        JsonNode labels = secret.get("labels");
        JsonNode annotations = secret.get("annotations");
        for (String field : new String[] {"labels", "annotations"}) {
            JsonNode map = secret.get(field);
            if (map != null && !map.isNull() && !map.isObject()) {
                events.reject(
                        "the " + field + " of " + SECRET + " are not an object",
                        SecretFields.redacted(secret));
                return;
            }
        }
        CopyMarks.Copy copyOf;
        try {
            copyOf = copyOf(labels, annotations);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), SecretFields.redacted(secret));
            return;
        }
        Location location = new Location(Stores.GCP_SECRET_MANAGER, name);
        String project = parts[1];
        String credential;
        String type;
        if (copyOf != null) {
            credential = copyOf.credentialId();
            type = copyOf.credentialType();
            events.emit(
                    events.next(EventKind.STORED_AT, credential, name)
                            .credential(credential, type)
                            .location(location));
        } else {
            credential = CanonicalIds.gcpSecret(name);
            type = CredentialTypes.GCP_SECRET;
            Long created;
            Long expires;
            try {
                created = GcpListingFields.time(secret, "createTime", SECRET);
                expires = GcpListingFields.time(secret, "expireTime", SECRET);
            } catch (MalformedRecordException e) {
                events.reject(e.getMessage(), SecretFields.redacted(secret));
                return;
            }
            IdentityEvent observed =
                    events.next(EventKind.OBSERVED, credential)
                            .credential(credential, CredentialTypes.GCP_SECRET)
                            .attribute(Attributes.STATUS, Attributes.ACTIVE)
                            .attribute(Attributes.NAME, parts[3])
                            .attribute(Attributes.ACCOUNT, project)
                            .attribute(
                                    Attributes.CREATED_AT,
                                    created == null ? null : Timestamps.iso(created))
                            .attribute(
                                    Attributes.EXPIRES_AT,
                                    expires == null ? Attributes.NEVER : GcpTimes.expiry(expires));
            events.emit(observed);
            events.emit(
                    events.next(EventKind.STORED_AT, credential, name)
                            .credential(credential, CredentialTypes.GCP_SECRET)
                            .location(location)
                            .attribute(Attributes.ACCOUNT, project));
        }

        String owner = GcpOwners.fromMap(annotations);
        if (owner == null) {
            owner = GcpOwners.fromMap(labels);
        }
        if (owner != null) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, credential, name, owner)
                            .credential(credential, type)
                            .actor(owner)
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
        }
    }

    /** The credential a secret's labels say it holds a copy of, or null for none. */
    private static CopyMarks.Copy copyOf(JsonNode labels, JsonNode annotations)
            throws MalformedRecordException {
        return CopyMarks.of(
                SecretLabels.value(labels, annotations, CopyMarks.CREDENTIAL_ID),
                SecretLabels.value(labels, annotations, CopyMarks.FINGERPRINT),
                "label",
                SECRET);
    }
}
