package io.keyline.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
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
 *   <li>{@value #ORPHANED}: an active credential whose owner the HR directory says has left, from
 *       the day they left. Severity {@code high}.
 *   <li>{@value #EXPOSED}: a credential found outside a managed secret store (a repository, a
 *       {@code .env} file, a CI log, a chat, a laptop), from when it was first found there, unless
 *       it is known to be inactive or deleted. Severity {@code critical} for a privileged identity,
 *       else {@code high}.
 *   <li>{@value #EXPIRING}: an active credential that expires within the expiring period (severity
 *       {@code warning}), or that never expires where its system allows an expiry (severity {@code
 *       low}, from its creation).
 * </ul>
 *
 * <p>A key its provider holds and rotates itself (a Google-managed service-account key) is subject
 * to the exposure rule only.
 */
@Internal
public final class AlertRules {

    public static final String UNUSED_PRIVILEGED = "unused-privileged-credential";
    public static final String STALE_ROTATION = "stale-rotation";
    public static final String ORPHANED = "orphaned-credential";
    public static final String EXPOSED = "exposed-secret";
    public static final String EXPIRING = "expiring-credential";

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
        List<Due> due = new ArrayList<>(4);
        if (c.exposedAt != null
                && !Attributes.DELETED.equals(c.status)
                && !Attributes.INACTIVE.equals(c.status)) {
            due.add(new Due(EXPOSED, privileged ? "critical" : "high", c.exposedAt));
        }
        if (!c.isActive() || c.providerManaged) {
            return due;
        }
        if ("departed".equals(c.ownerStatus) && c.ownerDepartedAt != null) {
            due.add(new Due(ORPHANED, "high", c.ownerDepartedAt));
        }
        if (c.expiresAt != null) {
            due.add(new Due(EXPIRING, "warning", c.expiresAt - rules.expiring()));
        } else if (c.neverExpires && c.createdAt != null) {
            due.add(new Due(EXPIRING, "low", c.createdAt));
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
        details.put("owner_status", c.ownerStatus);
        if (UNUSED_PRIVILEGED.equals(due.rule())) {
            boolean neverUsed = c.lastUsedAt == null;
            details.put(
                    "threshold_days", neverUsed ? rules.neverUsedGraceDays() : rules.unusedDays());
            details.put("never_used", neverUsed);
        } else if (ORPHANED.equals(due.rule())) {
            details.put("former_owner", c.formerOwner);
            putTime(details, "departed_at", c.ownerDepartedAt);
        } else if (EXPOSED.equals(due.rule())) {
            details.put("location", c.exposedLocation);
            details.put("location_count", c.locationCount);
            putTime(details, "exposed_at", c.exposedAt);
        } else if (EXPIRING.equals(due.rule())) {
            putTime(details, "expires_at", c.expiresAt);
            details.put("never_expires", c.neverExpires);
            details.put("threshold_days", rules.expiringDays());
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
