package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.OwnerSources;
import org.apache.flink.annotation.Internal;

/**
 * Google Cloud service accounts as IAM lists them: the REST response of {@code
 * projects.serviceAccounts.list} ({@code {"accounts":[...]}}), the array {@code gcloud iam
 * service-accounts list --format=json} prints, or one account per line.
 *
 * <p>Each account is {@code OBSERVED} as the identity {@code gcp:sa:<email>} at the time of the
 * file, with its display name (else the part of its address before the {@code @}), its project and
 * its status ({@code Inactive} when disabled). An {@code owner: <email>} or {@code owner=<email>}
 * in its description becomes an owner hint. The listing states no grants, so it is no full snapshot
 * of the account.
 */
@Internal
public final class GcpServiceAccountsParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "gcp-service-accounts";

    private static final String ACCOUNT = "a service account of the listing";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        for (JsonNode account :
                GcpListings.entries(
                        root, "accounts", "email", "a service account listing", events)) {
            account(account, events);
        }
    }

    private static void account(JsonNode account, ListingEvents events) {
        if (!account.isObject()) {
            events.reject(ACCOUNT + " is not an object", SecretFields.redacted(account));
            return;
        }
        String email = Json.text(account, "email");
        if (email == null) {
            events.reject(ACCOUNT + " has no email", SecretFields.redacted(account));
            return;
        }
        email = email.trim();
        if (email.indexOf('@') <= 0 || email.length() > 320) {
            events.reject(
                    "the email of " + ACCOUNT + " is not an e-mail address",
                    SecretFields.redacted(account));
            return;
        }
        String status = GcpListingFields.status(account);
        if (status == null) {
            events.reject(
                    "the disabled field of " + ACCOUNT + " is not a boolean",
                    SecretFields.redacted(account));
            return;
        }
        String id = CanonicalIds.gcpServiceAccount(email);
        String project = Json.text(account, "projectId");
        if (project == null) {
            project = GcpNames.projectIn(Json.text(account, "name"));
        }
        if (project == null) {
            project = GcpNames.projectOfServiceAccount(email);
        }
        String name = Json.text(account, "displayName");
        events.emit(
                events.next(EventKind.OBSERVED, id)
                        .identity(id)
                        .attribute(Attributes.IDENTITY_TYPE, GcpListingFields.SERVICE_ACCOUNT)
                        .attribute(Attributes.NAME, name != null ? name : GcpNames.localPart(email))
                        .attribute(Attributes.ACCOUNT, project)
                        .attribute(Attributes.STATUS, status));

        String owner = GcpOwners.fromDescription(Json.text(account, "description"));
        if (owner != null) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, id, owner)
                            .identity(id)
                            .actor(owner)
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.TAG));
        }
    }
}
