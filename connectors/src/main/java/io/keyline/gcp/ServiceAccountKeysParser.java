package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.flink.annotation.Internal;

/**
 * The keys of Google Cloud service accounts as IAM lists them: the REST response of {@code
 * projects.serviceAccounts.keys.list} ({@code {"keys":[...]}}), the array {@code gcloud iam
 * service-accounts keys list --format=json} prints, or one key per line.
 *
 * <p>Each key is {@code OBSERVED} as {@code gcp:sa-key:<email>/<keyId>} (from its name, {@code
 * projects/P/serviceAccounts/<email>/keys/<keyId>}) of the identity {@code gcp:sa:<email>}, at the
 * time of the file: created at {@code validAfterTime}, expiring at {@code validBeforeTime} ({@code
 * never} for the end of year 9999 that Google writes for keys without expiry), {@code Inactive}
 * when disabled. Google-managed keys ({@code keyType} {@code SYSTEM_MANAGED}), which Google rotates
 * itself and nobody can download, are kept too: their attribute {@code keyType} lets rules tell
 * them from the {@code USER_MANAGED} keys people create.
 *
 * <p>A private key, which only {@code keys.create} returns, is never read, and it is removed from
 * anything rejected.
 */
@Internal
public final class ServiceAccountKeysParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "gcp-sa-keys";

    private static final String KEY = "a key of the listing";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        for (JsonNode key :
                GcpListings.entries(
                        root, "keys", "name", "a service account key listing", events)) {
            key(key, events);
        }
    }

    private static void key(JsonNode key, ListingEvents events) {
        if (!key.isObject()) {
            events.reject(KEY + " is not an object", SecretFields.redacted(key));
            return;
        }
        String name = Json.text(key, "name");
        if (name == null) {
            events.reject(KEY + " has no name", SecretFields.redacted(key));
            return;
        }
        GcpNames.KeyName parts = GcpNames.keyName(name);
        if (parts == null) {
            events.reject(
                    "the name of "
                            + KEY
                            + " is not projects/<project>/serviceAccounts/<email>/keys/<id>",
                    SecretFields.redacted(key));
            return;
        }
        if (parts.serviceAccount().indexOf('@') <= 0) {
            events.reject(
                    "the name of "
                            + KEY
                            + " names its service account by unique id, not by e-mail address",
                    SecretFields.redacted(key));
            return;
        }
        Long created;
        Long expires;
        try {
            created = GcpListingFields.time(key, "validAfterTime", KEY);
            expires = GcpListingFields.time(key, "validBeforeTime", KEY);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), SecretFields.redacted(key));
            return;
        }
        String status = GcpListingFields.status(key);
        if (status == null) {
            events.reject(
                    "the disabled field of " + KEY + " is not a boolean",
                    SecretFields.redacted(key));
            return;
        }
        String email = parts.serviceAccount();
        String project =
                parts.project() != null ? parts.project() : GcpNames.projectOfServiceAccount(email);
        String credential = CanonicalIds.gcpServiceAccountKey(email, parts.keyId());
        events.emit(
                events.next(EventKind.OBSERVED, credential)
                        .credential(credential, CredentialTypes.GCP_SA_KEY)
                        .identity(CanonicalIds.gcpServiceAccount(email))
                        .attribute(Attributes.STATUS, status)
                        .attribute(
                                Attributes.CREATED_AT,
                                created == null ? null : Timestamps.iso(created))
                        .attribute(
                                Attributes.EXPIRES_AT,
                                expires == null ? null : GcpTimes.expiry(expires))
                        .attribute(Attributes.KEY_TYPE, Json.clip(Json.text(key, "keyType"), 64))
                        .attribute(Attributes.ACCOUNT, project));
    }
}
