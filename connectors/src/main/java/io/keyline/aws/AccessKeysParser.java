package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
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
import org.apache.flink.annotation.Internal;

/**
 * The output of {@code aws iam list-access-keys}, {@code create-access-key} and {@code
 * get-access-key-last-used}: each key is {@code OBSERVED} with its status and creation time, or
 * with its last use, at the time of the file.
 *
 * <p>None of these outputs names the account, so it comes from a top-level {@code Account} or
 * {@code AccountId} field when an exporter adds one, else from the file's path ({@link
 * ListingOrigin}). Without it a key is not tied to an identity: the user name is kept as an
 * attribute. {@code get-access-key-last-used} does not name its key either: the key comes from a
 * top-level {@code AccessKeyId} or the file name.
 *
 * <p>The secret half of a key, which {@code create-access-key} prints, is never read, and it is
 * removed from anything rejected.
 */
@Internal
public final class AccessKeysParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "aws-access-keys";

    private static final String SECRET_FIELD = "SecretAccessKey";

    private static final String LISTED = "an access key in AccessKeyMetadata";
    private static final String CREATED = "the AccessKey of a create-access-key record";
    private static final String LAST_USED = "a get-access-key-last-used record";

    /** What the CLI prints for the service and region of a key that was never used. */
    private static final String NOT_USED = "N/A";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        if (!root.isObject()) {
            out.reject(notOutput(), record.getPayload());
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        String account = Json.text(root, "Account");
        if (account == null) {
            account = Json.text(root, "AccountId");
        }
        if (account == null) {
            account = ListingOrigin.account(record.getOrigin(), SOURCE);
        }

        if (root.has("AccessKeyMetadata")) {
            JsonNode keys = root.get("AccessKeyMetadata");
            if (!keys.isArray()) {
                events.reject(
                        "the AccessKeyMetadata of the record is not an array", redacted(root));
                return;
            }
            for (JsonNode key : keys) {
                key(key, LISTED, account, events);
            }
        } else if (root.has("AccessKey")) {
            key(root.get("AccessKey"), CREATED, account, events);
        } else if (root.has("AccessKeyLastUsed")) {
            lastUsed(root, account, ListingOrigin.accessKeyId(record.getOrigin()), events);
        } else {
            events.reject(notOutput(), redacted(root));
        }
    }

    /** One key of a listing or a creation: its status and creation time. */
    private static void key(JsonNode key, String what, String account, ListingEvents events) {
        if (!key.isObject()) {
            events.reject(what + " is not an object", redacted(key));
            return;
        }
        String keyId;
        String created;
        String status;
        try {
            keyId = keyId(key, what);
            created = ListingFields.time(key, "CreateDate", what);
            status = status(key, what);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), redacted(key));
            return;
        }
        String credential = CanonicalIds.awsAccessKey(keyId);
        IdentityEvent observed =
                events.next(EventKind.OBSERVED, credential, "key")
                        .credential(credential, CredentialTypes.AWS_ACCESS_KEY)
                        .attribute(Attributes.STATUS, status)
                        .attribute(Attributes.CREATED_AT, created);
        events.emit(ofUser(observed, Json.text(key, "UserName"), account));
    }

    /** The last use of a key, on the key when it is known, else on its user. */
    private static void lastUsed(
            JsonNode root, String account, String keyIdFromPath, ListingEvents events) {
        JsonNode used = root.get("AccessKeyLastUsed");
        if (!used.isObject()) {
            events.reject("the AccessKeyLastUsed of the record is not an object", redacted(root));
            return;
        }
        String keyId = keyIdFromPath;
        String lastUsedAt;
        try {
            if (Json.text(root, "AccessKeyId") != null) {
                keyId = keyId(root, LAST_USED);
            }
            lastUsedAt =
                    ListingFields.time(
                            used, "LastUsedDate", "the AccessKeyLastUsed of " + LAST_USED);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), redacted(root));
            return;
        }
        String userName = Json.text(root, "UserName");
        IdentityEvent event;
        if (keyId != null) {
            String credential = CanonicalIds.awsAccessKey(keyId);
            IdentityEvent observed =
                    events.next(EventKind.OBSERVED, credential, "last-used")
                            .credential(credential, CredentialTypes.AWS_ACCESS_KEY);
            event = ofUser(observed, userName, account);
        } else if (account != null && userName != null) {
            String user = CanonicalIds.awsUser(account, userName);
            event =
                    events.next(EventKind.OBSERVED, user, "last-used")
                            .identity(user)
                            .attribute(Attributes.IDENTITY_TYPE, "user")
                            .attribute(Attributes.NAME, userName)
                            .attribute(Attributes.ACCOUNT, account);
        } else if (account != null) {
            events.reject(LAST_USED + " names neither an access key nor a user", redacted(root));
            return;
        } else {
            events.reject(
                    LAST_USED
                            + " names no access key and its account is unknown; add AccessKeyId"
                            + " to the record or put the file under a folder named after the"
                            + " account",
                    redacted(root));
            return;
        }
        events.emit(
                event.attribute(Attributes.LAST_USED_AT, lastUsedAt)
                        .attribute(Attributes.LAST_USED_ACTION, used(used, "ServiceName"))
                        .attribute(Attributes.REGION, used(used, "Region")));
    }

    /** Ties a key to its user when the account is known, else keeps the user's name. */
    private static IdentityEvent ofUser(IdentityEvent event, String userName, String account) {
        if (userName != null && account != null) {
            return event.identity(CanonicalIds.awsUser(account, userName))
                    .attribute(Attributes.ACCOUNT, account);
        }
        return event.attribute(Attributes.USER_NAME, userName)
                .attribute(Attributes.ACCOUNT, account);
    }

    private static String keyId(JsonNode node, String what) throws MalformedRecordException {
        String text = Json.text(node, "AccessKeyId");
        if (text == null) {
            throw new MalformedRecordException(what + " has no AccessKeyId");
        }
        String keyId = CanonicalIds.awsAccessKeyIdOrNull(text);
        if (keyId == null) {
            throw new MalformedRecordException(
                    what + " has an AccessKeyId that is not an access key id");
        }
        return keyId;
    }

    private static String status(JsonNode key, String what) throws MalformedRecordException {
        String text = Json.text(key, "Status");
        if (text == null) {
            return null;
        }
        String status = CloudTrailIamFacts.normalizedStatus(text);
        if (status == null) {
            throw new MalformedRecordException(
                    "the Status of " + what + " is neither Active nor Inactive");
        }
        return status;
    }

    /** A field of AccessKeyLastUsed, or null for a key that was never used. */
    private static String used(JsonNode used, String field) {
        String value = Json.text(used, field);
        return value == null || value.trim().equals(NOT_USED) ? null : value.trim();
    }

    /** What is rejected, without the secret half of a key wherever it appears. */
    private static byte[] redacted(JsonNode node) {
        JsonNode copy = node.deepCopy();
        removeSecrets(copy);
        return ListingEvents.bytes(copy);
    }

    private static void removeSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(SECRET_FIELD);
        }
        node.forEach(AccessKeysParser::removeSecrets);
    }

    private static String notOutput() {
        return "the record is not list-access-keys, create-access-key or get-access-key-last-used"
                + " output";
    }
}
