package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.Json;
import io.keyline.format.ParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.nio.charset.StandardCharsets;

/**
 * One GitHub audit event being mapped: its common fields, read once, and the numbering of the
 * identity events it yields. The first yielded event takes the event's id, each later one a suffix
 * {@code /n} in a fixed order, so that a replay yields the same ids.
 */
final class GitHubAuditEvent {

    /** The field of the token that made the call; removed from anything rejected. */
    static final String HASHED_TOKEN = "hashed_token";

    final JsonNode node;
    final String baseId;
    final long time;
    final String action;

    /** The acting login, or null when the event names none that can be one. */
    final String actor;

    final boolean actorIsBot;

    /** The organization of the event, else the organization its file was exported from. */
    final String org;

    /** The account for attributes: the organization, else the enterprise. */
    final String account;

    final String repository;

    /** The user the event is about (a token's owner, an added member), when it names one. */
    final String user;

    /** The token that made the call, when the event has one and it can be mapped. */
    final GitHubTokenHashes.Token token;

    /** True when the event has a token field, whether or not it could be mapped. */
    final boolean madeWithToken;

    private final ParseOutput out;
    private int yielded;

    GitHubAuditEvent(
            JsonNode node,
            String baseId,
            long time,
            String action,
            String folderOrg,
            GitHubTokenHashes.Token token,
            ParseOutput out) {
        this.node = node;
        this.baseId = baseId;
        this.time = time;
        this.action = action;
        this.actor = GitHubLogins.login(Json.text(node, "actor"));
        JsonNode bot = node.get("actor_is_bot");
        this.actorIsBot = bot != null && bot.asBoolean(false);
        String eventOrg = GitHubLogins.login(Json.text(node, "org"));
        this.org = eventOrg != null ? eventOrg : folderOrg;
        String business = GitHubLogins.login(Json.text(node, "business"));
        this.account = eventOrg != null ? eventOrg : business != null ? business : folderOrg;
        String repo = GitHubLogins.repository(Json.text(node, "repo"));
        this.repository =
                repo != null ? repo : GitHubLogins.repository(Json.text(node, "repository"));
        this.user = GitHubLogins.login(Json.text(node, "user"));
        this.token = token;
        this.madeWithToken = Json.text(node, HASHED_TOKEN) != null;
        this.out = out;
    }

    /** A new identity event of this audit event, with its id, time and account set. */
    IdentityEvent next(EventKind kind) {
        String id = yielded == 0 ? baseId : baseId + "/" + yielded;
        yielded++;
        return IdentityEvent.of(id, time, GitHubAuditParser.SOURCE, kind)
                .attribute(Attributes.ACCOUNT, account);
    }

    /** A new event for a change the actor made, with the actor set. */
    IdentityEvent change(EventKind kind) {
        return next(kind).actor(GitHubLogins.actor(actor, actorIsBot, repository));
    }

    void emit(IdentityEvent event) {
        out.emit(event);
    }

    /** Rejects a part of this event that cannot be mapped; the rest of it still counts. */
    void reject(String reason) {
        out.reject(reason, redacted(node));
    }

    String text(String field) {
        return Json.text(node, field);
    }

    /**
     * A positive whole number in a field (a token or status number), or null when it is missing,
     * zero or not one.
     */
    String number(String field) {
        JsonNode value = node.get(field);
        if (value == null || !(value.isIntegralNumber() || value.isTextual())) {
            return null;
        }
        String text = value.asText().trim();
        if (!text.matches("[0-9]{1,19}") || text.matches("0+")) {
            return null;
        }
        return text;
    }

    /** An audit event as it may be rejected: without the token field, whatever it holds. */
    static byte[] redacted(JsonNode node) {
        return withToken(node, null).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The text of an event with its token field replaced by the token's id, or removed when there
     * is none: what a content id is hashed from, so that two events of different tokens differ
     * while a token an exporter wrongly wrote into the field reaches no id.
     */
    static String withToken(JsonNode node, GitHubTokenHashes.Token token) {
        if (node instanceof ObjectNode object && object.has(HASHED_TOKEN)) {
            ObjectNode copy = object.deepCopy();
            if (token == null) {
                copy.remove(HASHED_TOKEN);
            } else {
                copy.put(HASHED_TOKEN, token.credentialId());
            }
            return copy.toString();
        }
        return node.toString();
    }
}
