package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.keyline.model.PrivilegeTier;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * The deploy keys of a repository, as {@code GET /repos/{owner}/{repo}/keys} lists them (a JSON
 * array, or one key per line): each key is {@code OBSERVED} as {@code
 * github:deploy-key:<owner>/<repo>/<id>}, authenticating for the repository ({@code
 * github:repo:<owner>/<repo>}), with its creation and last use; deploy keys cannot expire. The
 * login that added it is an owner hint of the key, and its access (read-only, or able to push) a
 * grant of the repository's identity. All at the time of the file.
 *
 * <p>The repository comes from each key's {@code url}, else from the two folders below the format
 * folder ({@code github-deploy-keys/<owner>/<repo>/keys.json}). The public key itself is never read
 * and is removed from anything rejected.
 */
@Internal
public final class DeployKeysParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "github-deploy-keys";

    private static final String WHAT = "a deploy key";

    private static final String PUBLIC_KEY = "key";

    private static final int MAX_NAME = 256;

    /** {@code https://api.github.com/repos/OWNER/REPO/keys/ID}, or the same below /api/v3. */
    private static final Pattern KEY_URL =
            Pattern.compile("^https?://[^/]+(?:/api/v3)?/repos/([^/]+/[^/]+)/keys/[0-9]+/?$");

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        String folderRepository = folderRepository(record.getOrigin());
        if (root.isArray()) {
            for (JsonNode key : root) {
                key(key, folderRepository, events);
            }
        } else if (root.isObject() && root.has("id")) {
            key(root, folderRepository, events);
        } else {
            events.reject("the record is not a list of deploy keys", redacted(root));
        }
    }

    private static void key(JsonNode key, String folderRepository, ListingEvents events) {
        if (!key.isObject()) {
            events.reject(WHAT + " is not an object", redacted(key));
            return;
        }
        String id;
        String repository;
        String created;
        String lastUsed;
        Boolean enabled;
        Boolean readOnly;
        try {
            id = GitHubListingFields.id(key, "id", WHAT);
            if (id == null) {
                throw new MalformedRecordException(WHAT + " has no id");
            }
            repository = repositoryOf(key, folderRepository);
            created = GitHubListingFields.time(key, "created_at", WHAT);
            lastUsed = GitHubListingFields.time(key, "last_used", WHAT);
            enabled = GitHubListingFields.bool(key, "enabled", WHAT);
            readOnly = GitHubListingFields.bool(key, "read_only", WHAT);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), redacted(key));
            return;
        }

        String credential = CanonicalIds.githubDeployKey(repository, id);
        String identity = CanonicalIds.githubRepo(repository);
        String owner = repository.substring(0, repository.indexOf('/'));
        String title = Json.text(key, "title");
        events.emit(
                events.next(EventKind.OBSERVED, credential, "key")
                        .credential(credential, CredentialTypes.GITHUB_DEPLOY_KEY)
                        .identity(identity)
                        .attribute(
                                Attributes.STATUS,
                                Boolean.FALSE.equals(enabled)
                                        ? Attributes.INACTIVE
                                        : Attributes.ACTIVE)
                        .attribute(Attributes.CREATED_AT, created)
                        .attribute(Attributes.LAST_USED_AT, lastUsed)
                        .attribute(
                                Attributes.NAME, title == null ? null : Json.clip(title, MAX_NAME))
                        .attribute(Attributes.ACCOUNT, owner));

        // Who added the key.
        String addedBy = GitHubLogins.login(Json.text(key, "added_by"));
        if (addedBy != null) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, credential, "added-by")
                            .credential(credential, CredentialTypes.GITHUB_DEPLOY_KEY)
                            .actor(addedBy.toLowerCase(Locale.ROOT))
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.CREATOR)
                            .attribute(Attributes.ACCOUNT, owner));
        }

        // What the key lets its holder do to the repository.
        if (readOnly != null) {
            PrivilegeTier tier = readOnly ? PrivilegeTier.READ : PrivilegeTier.HIGH;
            events.emit(
                    events.next(EventKind.GRANTED, identity, credential)
                            .identity(identity)
                            .resource(credential)
                            .attribute(Attributes.PRIVILEGE, tier.label())
                            .attribute(
                                    Attributes.PRIVILEGE_REASON,
                                    readOnly
                                            ? "a read-only deploy key can clone"
                                            : "a writable deploy key can push")
                            .attribute(Attributes.RESOURCES, repository)
                            .attribute(Attributes.ACCOUNT, owner));
        }
    }

    /** The repository of a key: from its url, else from the folders of its file. */
    private static String repositoryOf(JsonNode key, String folderRepository)
            throws MalformedRecordException {
        String url = Json.text(key, "url");
        if (url != null) {
            Matcher m = KEY_URL.matcher(url.trim());
            String repository = m.matches() ? GitHubLogins.repository(m.group(1)) : null;
            if (repository != null) {
                return repository;
            }
        }
        if (folderRepository == null) {
            throw new MalformedRecordException(
                    WHAT
                            + " names no repository: its url is missing or not the API address of"
                            + " a repository's key, and its file is not in <owner>/<repo> folders"
                            + " below "
                            + SOURCE);
        }
        return folderRepository;
    }

    /** The repository the two folders below the format folder name, or null. */
    private static String folderRepository(String origin) {
        List<String> folders = OriginPaths.foldersBelow(origin, SOURCE);
        if (folders.size() < 2) {
            return null;
        }
        return GitHubLogins.repository(folders.get(0) + "/" + folders.get(1));
    }

    /** What is rejected: without the public key, which is never kept. */
    private static JsonNode redacted(JsonNode node) {
        if (node instanceof ObjectNode object && object.has(PUBLIC_KEY)) {
            ObjectNode copy = object.deepCopy();
            copy.remove(PUBLIC_KEY);
            return copy;
        }
        return node;
    }
}
