package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.OriginPaths;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.OwnerSources;
import java.util.List;
import java.util.Locale;
import org.apache.flink.annotation.Internal;

/**
 * The fine-grained personal access tokens that can reach an organization, as {@code GET
 * /orgs/{org}/personal-access-tokens} lists them (a JSON array, or one token per line): each token
 * is {@code OBSERVED} as {@code github:pat:<org>/<token_id>}, for the user account that owns it,
 * with its approval, expiry and last use; that user is an owner hint of the token, as its creator;
 * and each of its permissions is a grant of that account. All at the time of the file.
 *
 * <p>The same parser reads the requests for such tokens that the organization has not approved yet
 * ({@code GET /orgs/{org}/personal-access-token-requests}, format {@value #REQUESTS}): each token
 * is then {@code OBSERVED} {@code Inactive}, created when the request was made, with its user as
 * owner hint, and its permissions are not granted (the token reaches nothing in the organization
 * until an owner approves it; the listing of approved tokens then shows it active).
 *
 * <p>The listing does not name the organization: it comes from an {@code org} field an exporter
 * adds to each token, else from the folder below the format folder ({@code github-pats/<org>/...}).
 * The token is named by its {@code token_id}, which audit events also carry; older API versions
 * return only the grant's {@code id}, which then stands in (for a request, the request's {@code id}
 * never does).
 */
@Internal
public final class FineGrainedTokensParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "github-pats";

    /** The format of the pending requests for fine-grained tokens. */
    public static final String REQUESTS = "github-pat-requests";

    private static final String WHAT = "a fine-grained personal access token";

    private final boolean requests;

    /** The parser of the approved tokens ({@value #SOURCE}). */
    public FineGrainedTokensParser() {
        this(false);
    }

    /**
     * @param requests true for the pending requests ({@value #REQUESTS}), false for the approved
     *     tokens ({@value #SOURCE})
     */
    public FineGrainedTokensParser(boolean requests) {
        this.requests = requests;
    }

    private static final int MAX_NAME = 256;

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        String source = requests ? REQUESTS : SOURCE;
        ListingEvents events = new ListingEvents(source, record.getObservedAt(), out);
        String folderOrg = GitHubLogins.login(OriginPaths.folderBelow(record.getOrigin(), source));
        if (root.isArray()) {
            for (JsonNode token : root) {
                token(token, folderOrg, events);
            }
        } else if (root.isObject() && (root.has("owner") || root.has("token_id"))) {
            token(root, folderOrg, events);
        } else {
            out.reject(
                    "the record is not a list of fine-grained personal access tokens",
                    record.getPayload());
        }
    }

    private void token(JsonNode token, String folderOrg, ListingEvents events) {
        if (!token.isObject()) {
            events.reject(WHAT + " is not an object", token);
            return;
        }
        String org = GitHubLogins.login(Json.text(token, "org"));
        if (org == null) {
            org = folderOrg;
        }
        if (org == null) {
            events.reject(
                    "the organization of "
                            + WHAT
                            + " is unknown: add an org field to the token or put the file in a"
                            + " folder named after the organization below "
                            + (requests ? REQUESTS : SOURCE),
                    token);
            return;
        }
        String owner = GitHubLogins.login(Json.text(token, "owner", "login"));
        String numbered;
        String tokenId;
        String granted;
        String expires;
        String lastUsed;
        Boolean expired;
        List<GitHubPermissions.Permission> permissions;
        try {
            numbered = GitHubListingFields.id(token, "token_id", WHAT);
            tokenId =
                    numbered != null || requests
                            ? numbered
                            : GitHubListingFields.id(token, "id", WHAT);
            if (tokenId == null) {
                throw new MalformedRecordException(
                        requests
                                ? "a request for " + WHAT + " has no token_id"
                                : WHAT + " has neither token_id nor id");
            }
            if (owner == null) {
                throw new MalformedRecordException(WHAT + " has no owner login");
            }
            granted =
                    GitHubListingFields.time(
                            token, requests ? "created_at" : "access_granted_at", WHAT);
            expires = GitHubListingFields.time(token, "token_expires_at", WHAT);
            lastUsed = GitHubListingFields.time(token, "token_last_used_at", WHAT);
            expired = GitHubListingFields.bool(token, "token_expired", WHAT);
            permissions = GitHubPermissions.parse(token.get("permissions"), WHAT);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), token);
            return;
        }

        String credential = CanonicalIds.githubPat(org, tokenId);
        String identity = CanonicalIds.githubUser(owner);
        String name = Json.text(token, "token_name");
        events.emit(
                events.next(EventKind.OBSERVED, credential, "token")
                        .credential(credential, CredentialTypes.GITHUB_FINE_GRAINED_PAT)
                        .identity(identity)
                        .attribute(
                                Attributes.STATUS,
                                requests || Boolean.TRUE.equals(expired)
                                        ? Attributes.INACTIVE
                                        : Attributes.ACTIVE)
                        .attribute(Attributes.CREATED_AT, granted)
                        .attribute(
                                Attributes.EXPIRES_AT, expires == null ? Attributes.NEVER : expires)
                        .attribute(Attributes.LAST_USED_AT, lastUsed)
                        .attribute(Attributes.NAME, name == null ? null : Json.clip(name, MAX_NAME))
                        .attribute(Attributes.TOKEN_ID, numbered)
                        .attribute(Attributes.ACCOUNT, org));

        // A personal token is made by the user it belongs to: that user is its creator.
        events.emit(
                events.next(EventKind.OWNER_HINT, credential, "owner")
                        .credential(credential, CredentialTypes.GITHUB_FINE_GRAINED_PAT)
                        .actor(owner.toLowerCase(Locale.ROOT))
                        .attribute(Attributes.OWNER_SOURCE, OwnerSources.CREATOR)
                        .attribute(Attributes.ACCOUNT, org));

        // The token's permissions, as grants of the account it acts for, once approved.
        if (requests) {
            return;
        }
        for (GitHubPermissions.Permission p : permissions) {
            events.emit(
                    events.next(EventKind.GRANTED, identity, credential, p.resource())
                            .identity(identity)
                            .resource(p.resource())
                            .attribute(Attributes.PRIVILEGE, p.tier().label())
                            .attribute(Attributes.PRIVILEGE_REASON, p.reason())
                            .attribute(Attributes.ACCOUNT, org));
        }
    }
}
