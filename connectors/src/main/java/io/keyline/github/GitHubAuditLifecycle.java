package io.keyline.github;

import io.keyline.format.Json;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What audit events say about credentials and apps coming and going: fine-grained personal access
 * tokens approved for and revoked from the organization, OAuth tokens granted and revoked, SSH keys
 * added to and removed from user accounts, and GitHub Apps installed and uninstalled. Every other
 * action yields nothing here.
 *
 * <p>Deploy keys are added and removed through {@code public_key.create} and {@code
 * public_key.delete} with a {@code repo}, but those events do not name the key's id, so they cannot
 * be tied to the key the deploy-key listing reports and yield nothing; the listing's {@code
 * added_by} tells who added a key instead.
 */
final class GitHubAuditLifecycle {

    /** Actions whose {@code hashed_token} is the token they create or revoke, not the caller's. */
    private static final Set<String> ABOUT_THEIR_TOKEN =
            Set.of(
                    "oauth_access.create",
                    "oauth_access.destroy",
                    "oauth_authorization.create",
                    "oauth_authorization.destroy");

    /** SHA256:base64 or colon-separated MD5 hex, as GitHub shows SSH key fingerprints. */
    private static final Pattern FINGERPRINT = Pattern.compile("^[A-Za-z0-9:+/=._-]{8,128}$");

    private static final int MAX_NAME = 256;

    private GitHubAuditLifecycle() {}

    /** True for actions whose token field names their subject rather than the token used. */
    static boolean isAboutItsToken(String action) {
        return ABOUT_THEIR_TOKEN.contains(action);
    }

    static void emit(GitHubAuditEvent e) {
        switch (e.action) {
            case "personal_access_token.access_granted", "personal_access_token.request_created" ->
                    fineGrainedToken(e, EventKind.CREATED);
            case "personal_access_token.access_revoked" -> fineGrainedToken(e, EventKind.DELETED);
            case "oauth_access.create", "oauth_authorization.create" ->
                    oauthToken(e, EventKind.CREATED);
            case "oauth_access.destroy", "oauth_authorization.destroy" ->
                    oauthToken(e, EventKind.DELETED);
            case "public_key.create" -> sshKey(e, EventKind.CREATED);
            case "public_key.delete" -> sshKey(e, EventKind.DELETED);
            case "integration_installation.create" -> app(e, EventKind.CREATED);
            case "integration_installation.destroy" -> app(e, EventKind.DELETED);
            default -> {}
        }
    }

    /**
     * A fine-grained token approved for the organization (or requesting approval) or revoked from
     * it. The token is known by its {@code token_id} only when no token made the call: otherwise
     * the event's token fields describe the caller's token. Its owner is {@code user}: the actor of
     * an approval is the organization owner who approved it.
     */
    private static void fineGrainedToken(GitHubAuditEvent e, EventKind kind) {
        String tokenId = e.madeWithToken ? null : e.number("token_id");
        String owner = e.user != null ? e.user : e.actor;
        if (tokenId == null || e.org == null || owner == null) {
            return;
        }
        IdentityEvent event =
                e.next(kind)
                        .credential(
                                CanonicalIds.githubPat(e.org, tokenId),
                                CredentialTypes.GITHUB_FINE_GRAINED_PAT)
                        .identity(CanonicalIds.githubUser(owner))
                        .attribute(Attributes.NAME, name(e.text("user_programmatic_access_name")));
        if (kind == EventKind.CREATED) {
            event.actor(GitHubLogins.actor(owner, false, null));
        } else {
            event.actor(GitHubLogins.actor(e.actor, e.actorIsBot, e.repository));
        }
        e.emit(event);
    }

    /** An OAuth token granted to or revoked from an app, named by its own hash. */
    private static void oauthToken(GitHubAuditEvent e, EventKind kind) {
        String owner = e.user != null ? e.user : e.actor;
        if (e.token == null || owner == null) {
            return;
        }
        e.emit(
                e.change(kind)
                        .credential(e.token.credentialId(), CredentialTypes.GITHUB_OAUTH_TOKEN)
                        .identity(CanonicalIds.githubUser(owner))
                        .attribute(Attributes.NAME, name(e.text("oauth_application"))));
    }

    /**
     * An SSH key added to or removed from a user account, known by its fingerprint. With a {@code
     * repo} the key is a deploy key, whose id the event does not carry.
     */
    private static void sshKey(GitHubAuditEvent e, EventKind kind) {
        String fingerprint = e.text("fingerprint");
        String owner = e.user != null ? e.user : e.actor;
        if (e.repository != null
                || owner == null
                || fingerprint == null
                || !FINGERPRINT.matcher(fingerprint.trim()).matches()) {
            return;
        }
        e.emit(
                e.change(kind)
                        .credential(
                                CanonicalIds.githubSshKey(owner, fingerprint.trim()),
                                CredentialTypes.GITHUB_SSH_KEY)
                        .identity(CanonicalIds.githubUser(owner))
                        .attribute(Attributes.NAME, name(e.text("title"))));
    }

    /** A GitHub App installed in or uninstalled from the organization. */
    private static void app(GitHubAuditEvent e, EventKind kind) {
        String name = e.text("integration");
        if (name == null) {
            name = e.text("name");
        }
        String slug = GitHubLogins.appSlug(name);
        if (slug == null) {
            return;
        }
        IdentityEvent event = e.change(kind).identity(CanonicalIds.githubApp(slug));
        if (kind == EventKind.CREATED) {
            event.attribute(Attributes.IDENTITY_TYPE, "app").attribute(Attributes.NAME, name(name));
        }
        e.emit(event);
    }

    private static String name(String text) {
        return text == null ? null : Json.clip(text.trim(), MAX_NAME);
    }
}
