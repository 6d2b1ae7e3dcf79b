package io.keyline.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;

/**
 * The alert rules on one credential, as pure functions of its state: each rule says at which event
 * time its condition becomes true (the deadline). The identity stage fires a rule when the
 * watermark, or in a bounded run the as-of time, passes the deadline; a change that moves the
 * deadline (a new use) starts a new episode.
 *
 * <ul>
 *   <li>{@value #UNUSED_PRIVILEGED}: an active credential of a privileged identity unused for the
 *       unused period since its last use, or, when it was never used, for the never-used grace
 *       since its creation. Severity {@code high}.
 *   <li>{@value #STALE_ROTATION}: an active credential older than the stale period (severity {@code
 *       warning}); a privileged one older than the privileged stale period fires again with
 *       severity {@code high}.
 * </ul>
 */
@Internal
public final class AlertRules {

    public static final String UNUSED_PRIVILEGED = "unused-privileged-credential";
    public static final String STALE_ROTATION = "stale-rotation";

    /** One rule condition of one credential and the event time it becomes true. */
    public record Due(String rule, String severity, long deadline) {

        /** The key under which the identity stage remembers that this episode fired. */
        String key() {
            return rule + "/" + severity;
        }
    }

    private AlertRules() {}

    /** The rule conditions of a credential, whether or not their deadlines have passed. */
    public static List<Due> due(CredentialRecord c, boolean privileged, RuleSettings rules) {
        List<Due> due = new ArrayList<>(3);
        if (!c.isActive()) {
            return due;
        }
        if (privileged) {
            if (c.lastUsedAt != null) {
                due.add(new Due(UNUSED_PRIVILEGED, "high", c.lastUsedAt + rules.unused()));
            } else if (c.createdAt != null) {
                due.add(new Due(UNUSED_PRIVILEGED, "high", c.createdAt + rules.neverUsed()));
            }
        }
        if (c.createdAt != null) {
            due.add(new Due(STALE_ROTATION, "warning", c.createdAt + rules.stale()));
            if (privileged) {
                due.add(new Due(STALE_ROTATION, "high", c.createdAt + rules.privilegedStale()));
            }
        }
        return due;
    }

    /** The deterministic id of an alert: a replay of the same input yields the same id. */
    public static String alertId(Due due, String credentialId) {
        return EventIds.sha256Hex(
                        due.rule()
                                + "|"
                                + due.severity()
                                + "|"
                                + credentialId
                                + "|"
                                + due.deadline())
                .substring(0, 32);
    }

    /** The alert for a due condition of a credential, with its evidence. */
    public static AlertRecord alert(
            Due due, CredentialRecord c, String tierReason, RuleSettings rules, long detectedAt) {
        AlertRecord a = new AlertRecord();
        a.alertId = alertId(due, c.credentialId);
        a.rule = due.rule();
        a.severity = due.severity();
        a.credentialId = c.credentialId;
        a.identityId = c.identityId;
        a.system = c.system;
        a.account = c.account;
        a.privilegeTier = c.privilegeTier;
        a.owner = c.owner;
        a.eventTime = due.deadline();
        a.detectedAt = detectedAt;
        ObjectNode details = Json.MAPPER.createObjectNode();
        details.put("credential_type", c.credentialType);
        details.put("status", c.status);
        putTime(details, "created_at", c.createdAt);
        putTime(details, "last_used_at", c.lastUsedAt);
        details.put("last_used_action", c.lastUsedAction);
        details.put("created_by", c.createdBy);
        details.put("owner_source", c.ownerSource);
        details.put("privilege_reason", tierReason);
        if (UNUSED_PRIVILEGED.equals(due.rule())) {
            boolean neverUsed = c.lastUsedAt == null;
            details.put(
                    "threshold_days", neverUsed ? rules.neverUsedGraceDays() : rules.unusedDays());
            details.put("never_used", neverUsed);
        } else {
            details.put(
                    "threshold_days",
                    "high".equals(due.severity())
                            ? rules.privilegedStaleDays()
                            : rules.staleDays());
        }
        a.details = details.toString();
        return a;
    }

    private static void putTime(ObjectNode node, String field, Long time) {
        if (time != null) {
            node.put(field, Timestamps.iso(time));
        } else {
            node.putNull(field);
        }
    }
}
