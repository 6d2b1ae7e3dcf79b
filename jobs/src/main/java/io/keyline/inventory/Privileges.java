package io.keyline.inventory;

import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.IdentityEvent;
import io.keyline.model.PrivilegeTier;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.state.MapState;

/**
 * An identity's privilege, from the grants the identity stage holds for it: each grant keeps its
 * latest evidence, a full listing supersedes older grants, and the tier is the highest of the
 * grants that still count.
 */
@Internal
final class Privileges {

    private Privileges() {}

    /**
     * Notes the time of a full listing of this identity; grants older than the latest one no longer
     * count, and the tier is computed again. Returns true when the listing is newer than the last
     * one: the grants that count, and so the reach of every credential, may have changed, whether
     * or not the tier did.
     */
    static boolean noteSnapshot(
            IdentityState s, MapState<String, Grant> grants, IdentityEvent event) throws Exception {
        if (!Attributes.FULL.equals(event.attribute(Attributes.SNAPSHOT))
                || event.getEventTime() <= s.snapshotAt) {
            return false;
        }
        s.snapshotAt = event.getEventTime();
        // Grants the listing supersedes no longer count; drop them from state.
        Iterator<Map.Entry<String, Grant>> held = grants.iterator();
        while (held.hasNext()) {
            if (held.next().getValue().time < s.snapshotAt) {
                held.remove();
            }
        }
        recomputeTier(s, grants);
        return true;
    }

    /** A grant counts unless it was revoked or a later full listing no longer shows it. */
    static boolean holds(IdentityState s, Grant g) {
        return !g.revoked && g.time >= s.snapshotAt;
    }

    /**
     * Applies a grant or its revocation and computes the tier again; returns true when it was
     * applied (it is the grant's newest evidence), so the reach of the identity's credentials may
     * have changed, whether or not the tier did.
     */
    static boolean grant(IdentityState s, MapState<String, Grant> grants, IdentityEvent event)
            throws Exception {
        if (event.getResource() == null) {
            return false;
        }
        String via = event.attribute(Attributes.VIA);
        String key = event.getResource() + "|" + (via == null ? "" : via);
        Grant g = grants.get(key);
        if (g == null) {
            g = new Grant();
            g.resource = event.getResource();
            g.via = via;
            g.time = Long.MIN_VALUE;
        }
        if (event.getEventTime() < g.time) {
            return false;
        }
        g.time = event.getEventTime();
        g.revoked = "true".equals(event.attribute(Attributes.REVOKED));
        if (!g.revoked) {
            String tier = event.attribute(Attributes.PRIVILEGE);
            if (tier != null) {
                g.tier = tier;
                g.reason = event.attribute(Attributes.PRIVILEGE_REASON);
            }
            String resources = event.attribute(Attributes.RESOURCES);
            if (resources != null) {
                g.resources = resources;
            }
        }
        grants.put(key, g);
        recomputeTier(s, grants);
        return true;
    }

    /** The tier an identity has before any grant: the account root can do everything. */
    static PrivilegeTier baseTier(String identityId) {
        return "root".equals(CanonicalIds.principalTypeOf(identityId))
                ? PrivilegeTier.ADMIN
                : PrivilegeTier.NONE;
    }

    static String baseReason(String identityId) {
        return baseTier(identityId) == PrivilegeTier.ADMIN ? "the account's root user" : null;
    }

    static boolean recomputeTier(IdentityState s, MapState<String, Grant> grants) throws Exception {
        PrivilegeTier tier = baseTier(s.record.identityId);
        String reason = baseReason(s.record.identityId);
        String reasonKey = null;
        for (Map.Entry<String, Grant> e : grants.entries()) {
            Grant g = e.getValue();
            PrivilegeTier t = PrivilegeTier.of(g.tier);
            // The highest tier wins; of equal ones, the grant with the smallest key, so that the
            // reason does not depend on the order the grants arrived in.
            boolean higher = t.compareTo(tier) > 0;
            boolean tie = t == tier && reasonKey != null && e.getKey().compareTo(reasonKey) < 0;
            if (holds(s, g) && (higher || tie)) {
                tier = t;
                reasonKey = e.getKey();
                reason = g.reason == null ? g.resource : g.reason;
                if (g.via != null) {
                    reason = reason + " (via " + g.via + ")";
                }
            }
        }
        boolean changed = !tier.label().equals(s.record.privilegeTier);
        s.record.privilegeTier = tier.label();
        s.record.privilegeReason = reason;
        return changed;
    }
}
