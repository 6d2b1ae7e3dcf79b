package io.keyline.github;

import io.keyline.format.Json;
import io.keyline.model.Attributes;
import io.keyline.model.Consumer;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.OwnerSources;
import java.util.Locale;

/**
 * The use of a token that an audit event records ({@code hashed_token}): a {@code USED} fact on the
 * token, for the account it authenticates, from the caller's address and client; for a personal
 * access token, an {@code OWNER_HINT} naming its user as its creator; and the OAuth scopes the
 * token carries ({@code token_scopes}) as grants of that account, one per scope.
 */
final class GitHubTokenUse {

    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_ADDRESS = 64;

    private GitHubTokenUse() {}

    static void emit(GitHubAuditEvent e) {
        String type = credentialType(e);
        String identity = GitHubLogins.principal(e.actor, e.actorIsBot, e.repository);
        e.emit(
                e.next(EventKind.USED)
                        .credential(e.token.credentialId(), type)
                        .identity(identity)
                        .consumer(consumer(e))
                        .action(e.action)
                        .resource(e.repository != null ? e.repository : e.org)
                        .attribute(Attributes.TOKEN_ID, e.number("token_id"))
                        .attribute(Attributes.ERROR_CODE, errorCode(e)));
        if (identity == null) {
            return;
        }
        for (GitHubScopes.Scope scope : GitHubScopes.parse(e.text("token_scopes"))) {
            e.emit(
                    e.next(EventKind.GRANTED)
                            .identity(identity)
                            .resource("scope:" + scope.name())
                            .attribute(Attributes.PRIVILEGE, scope.tier().label())
                            .attribute(Attributes.PRIVILEGE_REASON, scope.reason()));
        }
        if (isPersonal(type)
                && e.actor != null
                && !GitHubLogins.isBot(e.actor, e.actorIsBot)
                && errorCode(e) == null) {
            // A personal token is made by the user who calls with it: that user is its creator.
            e.emit(
                    e.next(EventKind.OWNER_HINT)
                            .credential(e.token.credentialId(), type)
                            .actor(e.actor.toLowerCase(Locale.ROOT))
                            .attribute(Attributes.OWNER_SOURCE, OwnerSources.CREATOR)
                            .attribute(Attributes.TOKEN_ID, e.number("token_id")));
        }
    }

    private static boolean isPersonal(String type) {
        return CredentialTypes.GITHUB_PAT.equals(type)
                || CredentialTypes.GITHUB_FINE_GRAINED_PAT.equals(type);
    }

    /**
     * The kind of token from {@code programmatic_access_type}, or from the token itself when the
     * field held one; without either, an app's token for a bot and a personal one for a user.
     */
    static String credentialType(GitHubAuditEvent e) {
        if (e.token.typeFromValue() != null) {
            return e.token.typeFromValue();
        }
        String accessType = e.text("programmatic_access_type");
        String t = accessType == null ? "" : accessType.toLowerCase(Locale.ROOT);
        if (t.contains("fine-grained") || t.contains("fine_grained")) {
            return CredentialTypes.GITHUB_FINE_GRAINED_PAT;
        }
        if (t.contains("server-to-server")
                || t.contains("user-to-server")
                || t.contains("github app")
                || t.contains("installation")) {
            return CredentialTypes.GITHUB_APP_TOKEN;
        }
        if (t.contains("oauth")) {
            return CredentialTypes.GITHUB_OAUTH_TOKEN;
        }
        if (t.contains("personal access token") || t.contains("authentication token")) {
            // Tokens created before 2021-04-05 predate the prefixes that tell their kind; they
            // are classic personal access tokens as far as their scopes go.
            return CredentialTypes.GITHUB_PAT;
        }
        return GitHubLogins.isBot(e.actor, e.actorIsBot)
                ? CredentialTypes.GITHUB_APP_TOKEN
                : CredentialTypes.GITHUB_PAT;
    }

    private static Consumer consumer(GitHubAuditEvent e) {
        String ip = Json.clip(e.text("actor_ip"), MAX_ADDRESS);
        String agent = Json.clip(e.text("user_agent"), MAX_USER_AGENT);
        return ip == null && agent == null ? null : new Consumer(ip, agent, null);
    }

    /** The HTTP status of an API request that failed, which {@code api.request} events carry. */
    private static String errorCode(GitHubAuditEvent e) {
        String status = e.number("status_code");
        return status != null && status.length() == 3 && status.charAt(0) >= '4' ? status : null;
    }
}
