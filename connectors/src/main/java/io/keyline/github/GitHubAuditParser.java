package io.keyline.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.SecretIds;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.OriginPaths;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import org.apache.flink.annotation.Internal;

/**
 * GitHub organization and enterprise audit logs: the streamed export (one event per line) and the
 * REST API's pages ({@code GET /orgs/{org}/audit-log}, a JSON array), raw or as normalizers such as
 * Panther write them.
 *
 * <p>Every event made with a token ({@code hashed_token}) is a {@code USED} fact on {@code
 * github:token:<hashed_token>}, for the account the token authenticates, with the token's OAuth
 * scopes as grants of that account ({@link GitHubTokenUse}). Token, SSH key and app lifecycle
 * events add what they create and revoke ({@link GitHubAuditLifecycle}). Other actions yield
 * nothing.
 *
 * <p>Times are epoch milliseconds as integers or floats, or the normalizers' {@code 2022-12-11
 * 05:28:05.542}. The event id is GitHub's {@code _document_id}, else a hash of the event. When the
 * event names no organization, the folder below the format folder does ({@code
 * github-audit/<org>/...}). Strings are taken as the JSON reader decodes them, once: text that
 * GitHub itself escaped stays escaped.
 */
@Internal
public final class GitHubAuditParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "github-audit";

    private static final String[] TIME_FIELDS = {"@timestamp", "created_at", "at_sign_timestamp"};

    private static final int MAX_ID = 128;

    private final SecretIds secretIds;

    public GitHubAuditParser(SecretIds secretIds) {
        this.secretIds = secretIds;
    }

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        String folderOrg = GitHubLogins.login(OriginPaths.folderBelow(record.getOrigin(), SOURCE));
        if (root.isArray()) {
            for (JsonNode event : root) {
                parseEvent(event, folderOrg, out);
            }
        } else if (root.isObject()) {
            parseEvent(root, folderOrg, out);
        } else {
            out.reject(
                    "the record is neither a GitHub audit event nor an array of them",
                    record.getPayload());
        }
    }

    private void parseEvent(JsonNode event, String folderOrg, ParseOutput out) {
        if (!event.isObject()) {
            out.reject(
                    "a GitHub audit event is not a JSON object", GitHubAuditEvent.redacted(event));
            return;
        }
        Long time;
        try {
            time = time(event);
        } catch (IllegalArgumentException bad) {
            out.reject(bad.getMessage(), GitHubAuditEvent.redacted(event));
            return;
        }
        if (time == null) {
            out.reject(
                    "a GitHub audit event has no @timestamp or created_at",
                    GitHubAuditEvent.redacted(event));
            return;
        }
        String action = Json.text(event, "action");
        if (action == null) {
            out.reject("a GitHub audit event has no action", GitHubAuditEvent.redacted(event));
            return;
        }
        String hashed = Json.text(event, GitHubAuditEvent.HASHED_TOKEN);
        GitHubTokenHashes.Token token = GitHubTokenHashes.of(hashed, secretIds);
        String nativeId = Json.clip(Json.text(event, "_document_id"), MAX_ID);
        GitHubAuditEvent e =
                new GitHubAuditEvent(
                        event,
                        nativeId != null
                                ? EventIds.of(SOURCE, nativeId, 0)
                                : EventIds.hashed(SOURCE, GitHubAuditEvent.withToken(event, token)),
                        time,
                        action.trim(),
                        folderOrg,
                        token,
                        out);
        if (hashed != null && token == null) {
            e.reject("the hashed_token of a GitHub audit event is not a token hash");
        }

        // The call itself: a use of the token that made it, unless the token is its subject.
        if (token != null && !GitHubAuditLifecycle.isAboutItsToken(e.action)) {
            GitHubTokenUse.emit(e);
        }

        // What the event created or revoked.
        GitHubAuditLifecycle.emit(e);
    }

    /** The time of the event, or null when it has none; throws for one that is not a time. */
    private static Long time(JsonNode event) {
        for (String field : TIME_FIELDS) {
            JsonNode value = event.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            String reason = "the " + field + " of a GitHub audit event is not a time stamp";
            try {
                if (value.isNumber()) {
                    return Timestamps.epoch(value.decimalValue());
                }
                if (value.isTextual() && !value.asText().isBlank()) {
                    return Timestamps.parse(value.asText());
                }
            } catch (IllegalArgumentException | ArithmeticException bad) {
                throw new IllegalArgumentException(reason, bad);
            }
            throw new IllegalArgumentException(reason);
        }
        return null;
    }
}
