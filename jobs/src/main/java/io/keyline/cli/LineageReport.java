package io.keyline.cli;

import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;

/**
 * One credential's lineage, read from the tables and drawn as a tree: origin and creator, identity
 * and privilege, owner, consumers, reach and alerts.
 */
final class LineageReport {

    private static final int MAX_ROWS = 5;

    private LineageReport() {}

    /** The tree, or null when the credential is not in the {@code credentials} table. */
    static String render(TableReader tables, String credentialId) {
        List<Record> found =
                tables.rows(
                        KeylineTables.CREDENTIALS,
                        Expressions.equal("credential_id", credentialId));
        if (found.isEmpty()) {
            return null;
        }
        Record c = found.get(0);
        StringBuilder out = new StringBuilder();
        out.append(credentialId)
                .append("  [")
                .append(text(c, "credential_type"))
                .append(", ")
                .append(text(c, "status"))
                .append("]\n");

        out.append("├─ origin: created ")
                .append(time(c, "created_at"))
                .append(" by ")
                .append(orUnknown(text(c, "created_by")))
                .append("; first seen ")
                .append(time(c, "first_seen_at"))
                .append('\n');

        String identityId = text(c, "identity_id");
        out.append("├─ identity: ").append(orUnknown(identityId));
        if (identityId != null) {
            List<Record> identities =
                    tables.rows(
                            KeylineTables.IDENTITIES, Expressions.equal("identity_id", identityId));
            if (!identities.isEmpty()) {
                Record i = identities.get(0);
                out.append("  (")
                        .append(orUnknown(text(i, "identity_type")))
                        .append(", privilege ")
                        .append(text(i, "privilege_tier"));
                if (text(i, "privilege_reason") != null) {
                    out.append(": ").append(text(i, "privilege_reason"));
                }
                out.append(')');
            }
        }
        out.append('\n');
        out.append("├─ owner: ")
                .append(orUnknown(text(c, "owner")))
                .append(
                        text(c, "owner_source") == null
                                ? ""
                                : " (from " + text(c, "owner_source") + ")")
                .append('\n');
        out.append("├─ last used: ")
                .append(time(c, "last_used_at"))
                .append(
                        text(c, "last_used_action") == null
                                ? ""
                                : " (" + text(c, "last_used_action") + ")")
                .append('\n');

        List<Record> consumers =
                tables.rows(
                        KeylineTables.CREDENTIAL_CONSUMERS,
                        Expressions.equal("credential_id", credentialId));
        consumers.sort(Comparator.comparing((Record r) -> (Long) r.getField("calls")).reversed());
        out.append("├─ consumers: ").append(consumers.size()).append('\n');
        for (int k = 0; k < Math.min(MAX_ROWS, consumers.size()); k++) {
            Record r = consumers.get(k);
            out.append("│   ├─ ")
                    .append(orDash(text(r, "source_ip")))
                    .append("  ")
                    .append(orDash(text(r, "workload")))
                    .append("  ")
                    .append(clip(text(r, "user_agent"), 40))
                    .append("  ")
                    .append(r.getField("calls"))
                    .append(" calls, last ")
                    .append(time(r, "last_seen_at"))
                    .append('\n');
        }

        List<Record> reach =
                tables.rows(
                        KeylineTables.CREDENTIAL_REACH,
                        Expressions.equal("credential_id", credentialId));
        out.append("├─ reach: ").append(reach.size()).append('\n');
        for (int k = 0; k < Math.min(MAX_ROWS, reach.size()); k++) {
            Record r = reach.get(k);
            out.append("│   ├─ ")
                    .append(text(r, "resource"))
                    .append("  (")
                    .append(text(r, "access"))
                    .append(text(r, "last_action") == null ? "" : ", " + text(r, "last_action"))
                    .append(")\n");
        }

        List<Record> alerts =
                tables.rows(KeylineTables.ALERTS, Expressions.equal("credential_id", credentialId));
        out.append("└─ alerts: ").append(alerts.size()).append('\n');
        for (Record a : alerts) {
            out.append("    ├─ ")
                    .append(text(a, "rule"))
                    .append(" [")
                    .append(text(a, "severity"))
                    .append("] since ")
                    .append(time(a, "event_time"))
                    .append('\n');
        }
        return out.toString();
    }

    static String text(Record r, String field) {
        Object v = r.getField(field);
        return v == null ? null : v.toString();
    }

    static String time(Record r, String field) {
        Object v = r.getField(field);
        if (v == null) {
            return "unknown";
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).toInstant().toString();
        }
        return v.toString();
    }

    private static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String clip(String value, int max) {
        if (value == null) {
            return "-";
        }
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
