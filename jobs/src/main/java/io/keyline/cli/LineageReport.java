package io.keyline.cli;

import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;

/**
 * One credential's lineage, read from the tables and drawn as a tree: origin and creator, identity
 * and privilege, owner, last use, consumers, reach and alerts.
 */
final class LineageReport {

    private static final int MAX_ROWS = 5;

    /** A node of the tree: a line of text and its children. */
    private record Node(String text, List<Node> children) {
        Node(String text) {
            this(text, new ArrayList<>());
        }

        Node add(String child) {
            Node node = new Node(child);
            children.add(node);
            return node;
        }
    }

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
        Node root =
                new Node(
                        credentialId
                                + "  ["
                                + text(c, "credential_type")
                                + ", "
                                + orUnknown(text(c, "status"))
                                + (text(c, "account") == null
                                        ? ""
                                        : ", account " + text(c, "account"))
                                + "]");
        root.add(
                "origin: created "
                        + time(c, "created_at")
                        + " by "
                        + orUnknown(text(c, "created_by"))
                        + "; first seen in the input "
                        + time(c, "first_seen_at")
                        + (c.getField("deleted_at") == null
                                ? ""
                                : "; deleted " + time(c, "deleted_at")));
        identity(root, tables, text(c, "identity_id"));
        owner(root, c);
        if (c.getField("expires_at") != null) {
            root.add("expires: " + time(c, "expires_at"));
        } else if (Boolean.TRUE.equals(c.getField("never_expires"))) {
            root.add("expires: never, although its system allows an expiry");
        }
        locations(root, tables, credentialId);
        root.add(
                "last used: "
                        + (c.getField("last_used_at") == null
                                ? "never"
                                : time(c, "last_used_at")
                                        + (text(c, "last_used_action") == null
                                                ? ""
                                                : " (" + text(c, "last_used_action") + ")")
                                        + (text(c, "last_used_source_ip") == null
                                                ? ""
                                                : " from " + text(c, "last_used_source_ip"))));
        consumers(root, tables, credentialId);
        reach(root, tables, credentialId);
        graph(root, tables, credentialId);
        alerts(root, tables, credentialId);

        StringBuilder out = new StringBuilder(root.text()).append('\n');
        draw(out, root.children(), "");
        return out.toString();
    }

    /**
     * The tree of an identity, or null when it is not in the {@code identities} table: origin,
     * privilege, owner, the principals it trusts, the identities it acts as, and its credentials.
     */
    static String renderIdentity(TableReader tables, String identityId) {
        List<Record> found =
                tables.rows(KeylineTables.IDENTITIES, Expressions.equal("identity_id", identityId));
        if (found.isEmpty()) {
            return null;
        }
        Record i = found.get(0);
        Node root =
                new Node(
                        identityId
                                + "  ["
                                + orUnknown(text(i, "identity_type"))
                                + ", "
                                + text(i, "system")
                                + (text(i, "account") == null
                                        ? ""
                                        : ", account " + text(i, "account"))
                                + "]");
        root.add(
                "origin: created "
                        + time(i, "created_at")
                        + " by "
                        + orUnknown(text(i, "created_by"))
                        + "; last used "
                        + (i.getField("last_used_at") == null ? "never" : time(i, "last_used_at"))
                        + (i.getField("deleted_at") == null
                                ? ""
                                : "; deleted " + time(i, "deleted_at")));
        root.add(
                "privilege "
                        + text(i, "privilege_tier")
                        + (text(i, "privilege_reason") == null
                                ? ""
                                : ": " + text(i, "privilege_reason")));
        owner(root, i);
        trusts(root, i);
        downstream(root, tables, identityId);
        graph(root, tables, identityId);
        List<Record> credentials =
                tables.rows(
                        KeylineTables.CREDENTIALS, Expressions.equal("identity_id", identityId));
        credentials.sort(Comparator.comparing(c -> (String) c.getField("credential_id")));
        Node node = root.add("credentials: " + credentials.size());
        first(
                node,
                credentials,
                c ->
                        text(c, "credential_id")
                                + "  ("
                                + text(c, "credential_type")
                                + ", "
                                + orUnknown(text(c, "status"))
                                + ")");

        StringBuilder out = new StringBuilder(root.text()).append('\n');
        draw(out, root.children(), "");
        return out.toString();
    }

    private static void identity(Node root, TableReader tables, String identityId) {
        Node node = root.add("identity: " + orUnknown(identityId));
        if (identityId == null) {
            return;
        }
        List<Record> found =
                tables.rows(KeylineTables.IDENTITIES, Expressions.equal("identity_id", identityId));
        if (found.isEmpty()) {
            return;
        }
        Record i = found.get(0);
        node.add(
                orUnknown(text(i, "identity_type"))
                        + ", privilege "
                        + text(i, "privilege_tier")
                        + (text(i, "privilege_reason") == null
                                ? ""
                                : ": " + text(i, "privilege_reason")));
        trusts(node, i);
        downstream(node, tables, identityId);
    }

    /** The principals an identity trusts to act as it. */
    private static void trusts(Node node, Record i) {
        List<?> trusted = (List<?>) i.getField("trusted_principals");
        if (trusted != null && !trusted.isEmpty()) {
            first(
                    node.add("trusts " + trusted.size() + " principal(s) to act as it"),
                    trusted,
                    String::valueOf);
        }
    }

    /** The identities that trust this one to act as them: where it federates or assumes into. */
    private static void downstream(Node node, TableReader tables, String identityId) {
        List<Record> into = new ArrayList<>();
        for (Record r : tables.rows(KeylineTables.IDENTITIES, Expressions.alwaysTrue())) {
            List<?> trusted = (List<?>) r.getField("trusted_principals");
            if (trusted != null && trusted.contains(identityId)) {
                into.add(r);
            }
        }
        if (into.isEmpty()) {
            return;
        }
        into.sort(Comparator.comparing(r -> (String) r.getField("identity_id")));
        Node acts =
                node.add("acts as " + into.size() + " identit" + (into.size() == 1 ? "y" : "ies"));
        first(
                acts,
                into,
                r ->
                        text(r, "identity_id")
                                + "  ("
                                + text(r, "system")
                                + ", privilege "
                                + text(r, "privilege_tier")
                                + (text(r, "privilege_reason") == null
                                        ? ""
                                        : ": " + clip(text(r, "privilege_reason"), 60))
                                + ")");
    }

    private static void owner(Node root, Record c) {
        StringBuilder line = new StringBuilder("owner: ").append(orUnknown(text(c, "owner")));
        if (text(c, "owner_source") != null) {
            line.append(" (from ").append(text(c, "owner_source"));
            Object confidence = c.getField("owner_confidence");
            if (confidence != null) {
                line.append(String.format(java.util.Locale.ROOT, ", confidence %.2f", confidence));
            }
            line.append(')');
        }
        if (text(c, "owner_status") != null) {
            line.append("; ").append(text(c, "owner_status"));
        }
        if (text(c, "former_owner") != null) {
            line.append("; ").append(text(c, "former_owner")).append(" has left");
        }
        root.add(line.toString());
    }

    private static void locations(Node root, TableReader tables, String credentialId) {
        List<Record> stored =
                tables.rows(
                        KeylineTables.CREDENTIAL_LOCATIONS,
                        Expressions.equal("credential_id", credentialId));
        if (stored.isEmpty()) {
            return;
        }
        stored.sort(
                Comparator.comparing((Record r) -> (OffsetDateTime) r.getField("first_seen_at"))
                        .thenComparing(r -> (String) r.getField("location_id")));
        Node node = root.add("stored at: " + stored.size());
        first(
                node,
                stored,
                r ->
                        text(r, "store")
                                + "  "
                                + text(r, "path")
                                + (Boolean.TRUE.equals(r.getField("managed")) ? "" : "  EXPOSED")
                                + (text(r, "commit") == null ? "" : "  commit " + text(r, "commit"))
                                + "  first seen "
                                + time(r, "first_seen_at"));
    }

    private static void consumers(Node root, TableReader tables, String credentialId) {
        List<Record> consumers =
                tables.rows(
                        KeylineTables.CREDENTIAL_CONSUMERS,
                        Expressions.equal("credential_id", credentialId));
        consumers.sort(
                Comparator.comparing((Record r) -> (Long) r.getField("calls"))
                        .reversed()
                        .thenComparing(r -> (String) r.getField("consumer_id")));
        Node node = root.add("consumers: " + consumers.size());
        first(
                node,
                consumers,
                r ->
                        orDash(text(r, "source_ip"))
                                + "  "
                                + (text(r, "workload") == null ? "" : text(r, "workload") + "  ")
                                + clip(text(r, "user_agent"), 40)
                                + "  "
                                + r.getField("calls")
                                + " calls, last "
                                + time(r, "last_seen_at"));
    }

    private static void reach(Node root, TableReader tables, String credentialId) {
        List<Record> reach =
                tables.rows(
                        KeylineTables.CREDENTIAL_REACH,
                        Expressions.equal("credential_id", credentialId));
        reach.sort(Comparator.comparing(r -> (String) r.getField("resource")));
        Node node = root.add("reach: " + reach.size());
        first(
                node,
                reach,
                r ->
                        text(r, "resource")
                                + "  ("
                                + text(r, "access")
                                + (text(r, "granted_by") == null
                                        ? ""
                                        : " by " + text(r, "granted_by"))
                                + (text(r, "last_action") == null
                                        ? ""
                                        : ", " + text(r, "last_action"))
                                + ")");
    }

    /**
     * What the graph job found for a credential or identity: its cluster, and its effective reach
     * through trusts, the farthest first.
     */
    private static void graph(Node root, TableReader tables, String id) {
        if (!tables.exists(KeylineTables.LINEAGE_CLUSTERS)
                || tables.table(KeylineTables.LINEAGE_CLUSTERS).currentSnapshot() == null) {
            root.add("cluster and effective reach: not computed yet; run 'keyline graph'");
            return;
        }
        List<Record> member =
                tables.rows(KeylineTables.LINEAGE_CLUSTERS, Expressions.equal("vertex_id", id));
        if (member.isEmpty()) {
            root.add("cluster: none (not in the graph of the last 'keyline graph' run)");
            return;
        }
        Record m = member.get(0);
        Node cluster =
                root.add(
                        "cluster: "
                                + text(m, "cluster_id")
                                + "  ("
                                + m.getField("cluster_size")
                                + " members: "
                                + m.getField("cluster_identities")
                                + " identities, "
                                + m.getField("cluster_credentials")
                                + " credentials; "
                                + text(m, "cluster_systems")
                                + ")");
        if ((Integer) m.getField("cluster_size") > 1) {
            List<Record> others =
                    tables.rows(
                            KeylineTables.LINEAGE_CLUSTERS,
                            Expressions.equal("cluster_id", text(m, "cluster_id")));
            others.removeIf(r -> id.equals(r.getField("vertex_id")));
            others.sort(Comparator.comparing(r -> (String) r.getField("vertex_id")));
            first(
                    cluster,
                    others,
                    r -> text(r, "vertex_id") + "  (" + text(r, "vertex_kind") + ")");
        }
        List<Record> reach =
                tables.rows(KeylineTables.EFFECTIVE_REACH, Expressions.equal("origin_id", id));
        reach.sort(
                Comparator.comparing((Record r) -> -(Integer) r.getField("hops"))
                        .thenComparing(r -> (String) r.getField("target")));
        Node node = root.add("effective reach (blast radius): " + reach.size());
        first(
                node,
                reach,
                r ->
                        text(r, "target")
                                + "  ("
                                + text(r, "target_kind")
                                + ", "
                                + r.getField("hops")
                                + " hop(s)"
                                + (text(r, "privilege_tier") == null
                                        ? ""
                                        : ", privilege " + text(r, "privilege_tier"))
                                + (text(r, "access") == null ? "" : ", " + text(r, "access"))
                                + ")"
                                + ((Integer) r.getField("hops") > 0
                                        ? "  via " + text(r, "path")
                                        : ""));
    }

    private static void alerts(Node root, TableReader tables, String credentialId) {
        List<Record> alerts =
                tables.rows(KeylineTables.ALERTS, Expressions.equal("credential_id", credentialId));
        alerts.sort(Comparator.comparing(a -> (OffsetDateTime) a.getField("event_time")));
        Node node = root.add("alerts: " + alerts.size());
        for (Record a : alerts) {
            node.add(
                    text(a, "rule")
                            + " ["
                            + text(a, "severity")
                            + "] since "
                            + time(a, "event_time"));
        }
    }

    /** The first rows under {@code node}, one line each, and how many more there are. */
    private static <T> void first(Node node, List<T> rows, Function<T, String> line) {
        for (int k = 0; k < Math.min(MAX_ROWS, rows.size()); k++) {
            node.add(line.apply(rows.get(k)));
        }
        more(node, rows.size());
    }

    private static void more(Node node, int total) {
        if (total > MAX_ROWS) {
            node.add("... " + (total - MAX_ROWS) + " more");
        }
    }

    private static void draw(StringBuilder out, List<Node> nodes, String indent) {
        for (int k = 0; k < nodes.size(); k++) {
            boolean last = k == nodes.size() - 1;
            Node n = nodes.get(k);
            out.append(indent).append(last ? "└─ " : "├─ ").append(n.text()).append('\n');
            draw(out, n.children(), indent + (last ? "   " : "│  "));
        }
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
