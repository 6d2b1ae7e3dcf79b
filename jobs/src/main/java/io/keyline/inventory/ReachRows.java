package io.keyline.inventory;

import io.keyline.format.Globs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of {@code credential_reach} for one credential: resources its identity's grants name
 * (granted), resources it was seen touching (observed), and both where an observed resource falls
 * under a granted pattern.
 */
final class ReachRows {

    private ReachRows() {}

    static List<ReachRecord> of(CredentialRecord c, Iterable<Grant> grants, long updatedAt) {
        Map<String, ReachRecord> rows = new LinkedHashMap<>();
        List<String[]> patterns = new ArrayList<>();
        // In a fixed order, so that of two grants of one resource the same one is named, however
        // the grants arrived.
        List<Grant> ordered = new ArrayList<>();
        grants.forEach(ordered::add);
        ordered.sort(
                Comparator.comparing((Grant g) -> String.valueOf(g.resource))
                        .thenComparing(g -> String.valueOf(g.resources)));
        for (Grant grant : ordered) {
            if (grant.revoked || grant.resources == null || grant.resources.isEmpty()) {
                continue;
            }
            for (String pattern : grant.resources.split(",")) {
                String p = pattern.trim();
                if (p.isEmpty()) {
                    continue;
                }
                patterns.add(new String[] {p, grant.resource});
                rows.computeIfAbsent(p, k -> row(c, k, "granted", grant.resource, updatedAt));
            }
        }
        for (ObservedResource seen : c.observedResources) {
            String grantedBy = null;
            for (String[] pattern : patterns) {
                if (Globs.matches(pattern[0], seen.resource)) {
                    grantedBy = pattern[1];
                    break;
                }
            }
            ReachRecord row =
                    row(
                            c,
                            seen.resource,
                            grantedBy == null ? "observed" : "both",
                            grantedBy,
                            updatedAt);
            row.firstSeenAt = seen.firstSeenAt;
            row.lastSeenAt = seen.lastSeenAt;
            row.lastAction = seen.lastAction;
            rows.put(seen.resource, row);
        }
        return new ArrayList<>(rows.values());
    }

    /** The deletion of a row the credential no longer has. */
    static ReachRecord deletion(CredentialRecord c, String resource, long updatedAt) {
        ReachRecord gone = row(c, resource, null, null, updatedAt);
        gone.deleted = true;
        return gone;
    }

    private static ReachRecord row(
            CredentialRecord c, String resource, String access, String grantedBy, long updatedAt) {
        ReachRecord r = new ReachRecord();
        r.credentialId = c.credentialId;
        r.resource = resource;
        r.access = access;
        r.grantedBy = grantedBy;
        r.updatedAt = updatedAt;
        return r;
    }
}
