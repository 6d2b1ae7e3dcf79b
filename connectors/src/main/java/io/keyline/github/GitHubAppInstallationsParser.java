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
import io.keyline.model.EventKind;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The GitHub Apps installed in an organization, as {@code GET /orgs/{org}/installations} lists them
 * ({@code {"total_count":N,"installations":[...]}}, a JSON array of installations, or one per
 * line): each installation is {@code OBSERVED} as the app's identity {@code github:app:<app_slug>}
 * (the id the audit log's app events name), with its creation, and inactive with the time it was
 * suspended; each of its permissions is a grant of the app, tiered as a fine-grained token's
 * ({@link GitHubPermissions}), on every repository of the organization when the installation has
 * them all. All at the time of the file.
 *
 * <p>The organization is the installation's {@code account}, else the folder below the format
 * folder ({@code github-app-installations/<org>/...}). A permission taken away from an installation
 * is not seen as revoked: the listing does not state every grant of the app, which is one identity
 * across every organization it is installed in.
 */
@Internal
public final class GitHubAppInstallationsParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "github-app-installations";

    private static final String WHAT = "a GitHub App installation";

    private static final String IDENTITY_TYPE = "app";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        String folderOrg = GitHubLogins.login(OriginPaths.folderBelow(record.getOrigin(), SOURCE));
        JsonNode installations = root;
        if (root.isObject() && root.has("installations")) {
            installations = root.get("installations");
            if (!installations.isArray()) {
                out.reject(
                        "the installations of the listing are not an array", record.getPayload());
                return;
            }
        }
        if (installations.isArray()) {
            for (JsonNode installation : installations) {
                installation(installation, folderOrg, events);
            }
        } else if (root.isObject() && (root.has("app_slug") || root.has("app_id"))) {
            installation(root, folderOrg, events);
        } else {
            out.reject("the record is not a list of GitHub App installations", record.getPayload());
        }
    }

    private static void installation(JsonNode node, String folderOrg, ListingEvents events) {
        if (!node.isObject()) {
            events.reject(WHAT + " is not an object", node);
            return;
        }
        String org = GitHubLogins.login(Json.text(node, "account", "login"));
        if (org == null) {
            org = folderOrg;
        }
        if (org == null) {
            events.reject(
                    "the organization of "
                            + WHAT
                            + " is unknown: it names no account, and its file is not in a folder"
                            + " named after the organization below "
                            + SOURCE,
                    node);
            return;
        }
        String slug;
        String created;
        String suspended;
        List<GitHubPermissions.Permission> permissions;
        try {
            slug = GitHubLogins.appSlug(Json.text(node, "app_slug"));
            if (slug == null) {
                throw new MalformedRecordException(WHAT + " has no app_slug");
            }
            GitHubListingFields.id(node, "id", WHAT);
            created = GitHubListingFields.time(node, "created_at", WHAT);
            suspended = GitHubListingFields.time(node, "suspended_at", WHAT);
            permissions = GitHubPermissions.parseFlat(node.get("permissions"), WHAT);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), node);
            return;
        }

        String app = CanonicalIds.githubApp(slug);
        events.emit(
                events.next(EventKind.OBSERVED, app, org)
                        .identity(app)
                        .attribute(Attributes.IDENTITY_TYPE, IDENTITY_TYPE)
                        .attribute(Attributes.NAME, slug)
                        .attribute(Attributes.ACCOUNT, org)
                        .attribute(Attributes.CREATED_AT, created)
                        .attribute(Attributes.SUSPENDED_AT, suspended)
                        .attribute(
                                Attributes.STATUS,
                                suspended != null ? Attributes.INACTIVE : Attributes.ACTIVE));

        // What the installation lets the app do in the organization.
        String everyRepository =
                "all".equals(Json.text(node, "repository_selection")) ? org + "/*" : null;
        for (GitHubPermissions.Permission p : permissions) {
            events.emit(
                    events.next(EventKind.GRANTED, app, org, p.resource())
                            .identity(app)
                            .resource(p.resource())
                            .attribute(Attributes.PRIVILEGE, p.tier().label())
                            .attribute(Attributes.PRIVILEGE_REASON, p.reason())
                            .attribute(Attributes.RESOURCES, everyRepository)
                            .attribute(Attributes.ACCOUNT, org));
        }
    }
}
