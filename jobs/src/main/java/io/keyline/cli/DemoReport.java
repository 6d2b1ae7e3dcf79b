package io.keyline.cli;

import io.keyline.demo.EstateGenerator;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The demo's summary, read back from the Iceberg tables: the estate by type and privilege, the
 * credentials by status, the alerts by rule, the five worst credentials with their lineage, two
 * chains across systems, and how to query further.
 */
final class DemoReport {

    /** What the demo did before the report. */
    record Run(
            EstateGenerator.Summary estate,
            double generateSeconds,
            double runSeconds,
            int parallelism,
            Path warehouse,
            Path input,
            boolean defaultWarehouse) {}

    private static final int WORST = 5;

    private DemoReport() {}

    static void print(PrintStream out, CatalogLoader catalog, Run run) throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            List<Record> credentials = tables.rows(KeylineTables.CREDENTIALS);
            List<Record> identities = tables.rows(KeylineTables.IDENTITIES);
            List<Record> alerts = tables.rows(KeylineTables.ALERTS);
            List<Record> deadLetters = tables.rows(KeylineTables.DEAD_LETTERS);
            long events = tables.count(KeylineTables.EVENTS);

            out.println();
            out.printf(
                    "Keyline demo: %,d identities in %d AWS account%s, %,d CloudTrail records;"
                            + " generated in %.1f s, inventoried in %.1f s (parallelism %d).%n",
                    run.estate().users() + run.estate().roles(),
                    run.estate().accounts(),
                    run.estate().accounts() == 1 ? "" : "s",
                    run.estate().cloudTrailRecords(),
                    run.generateSeconds(),
                    run.runSeconds(),
                    run.parallelism());
            if (run.estate().systems() != null) {
                long records = 0;
                for (var count : run.estate().systems().formats().values()) {
                    records += count.records();
                }
                out.printf(
                        "Other systems: %d teams, %,d records in %d formats (HR, Okta, GCP, Azure,"
                                + " GitHub, Kubernetes, Vault, secret stores, scanners).%n",
                        run.estate().systems().teams(),
                        records,
                        run.estate().systems().formats().size());
            }
            out.printf("%,d identity events in the archive (table events).%n%n", events);

            identities(out, identities);
            credentials(out, credentials);
            alerts(out, alerts);
            deadLetters(out, deadLetters);
            List<Record> worst = worst(credentials, alerts);
            worst(out, tables, worst);
            acrossSystems(out, tables, credentials);
            howToQuery(out, run, worst);
        }
    }

    private static void identities(PrintStream out, List<Record> identities) {
        out.println("Identities");
        out.println("  by system     " + counts(identities, "system"));
        out.println("  by type       " + counts(identities, "identity_type"));
        out.println("  by privilege  " + tiers(identities));
        out.println();
    }

    private static void credentials(PrintStream out, List<Record> credentials) {
        out.println("Credentials");
        out.println("  by system     " + counts(credentials, "system"));
        out.println("  by type       " + counts(credentials, "credential_type"));
        out.println("  by status     " + counts(credentials, "status"));
        out.println("  by owner      " + counts(credentials, "owner_status"));
        long neverUsed = 0;
        long noOwner = 0;
        long copied = 0;
        long exposed = 0;
        for (Record c : credentials) {
            Integer places = (Integer) c.getField("location_count");
            copied += places != null && places > 1 ? 1 : 0;
            exposed += c.getField("exposed_at") != null ? 1 : 0;
            if (!"Active".equals(c.getField("status"))) {
                continue;
            }
            neverUsed += c.getField("last_used_at") == null ? 1 : 0;
            noOwner += c.getField("owner") == null ? 1 : 0;
        }
        out.printf("  active ones   %,d never used, %,d with no known owner%n", neverUsed, noOwner);
        out.printf(
                "  stored        %,d found in more than one place, %,d outside a secret store%n%n",
                copied, exposed);
    }

    private static void alerts(PrintStream out, List<Record> alerts) {
        out.printf("Alerts (%,d)%n", alerts.size());
        Map<String, Integer> byRule = new TreeMap<>();
        for (Record a : alerts) {
            byRule.merge(
                    a.getField("rule") + "  [" + a.getField("severity") + "]", 1, Integer::sum);
        }
        byRule.forEach((rule, n) -> out.printf("  %-42s %,8d%n", rule, n));
        out.println();
    }

    private static void deadLetters(PrintStream out, List<Record> deadLetters) {
        out.printf(
                "Dead letters (%,d; the generator plants a few broken records on purpose)%n",
                deadLetters.size());
        Map<String, Integer> byReason = new TreeMap<>();
        for (Record d : deadLetters) {
            byReason.merge(d.getField("source") + ": " + d.getField("reason"), 1, Integer::sum);
        }
        byReason.forEach((reason, n) -> out.printf("  %,4d  %s%n", n, reason));
        out.println();
    }

    private static void worst(PrintStream out, TableReader tables, List<Record> worst) {
        out.println("The five worst credentials (privilege, alerts, consumers, no owner)");
        int rank = 1;
        for (Record c : worst) {
            out.printf("%n%d. ", rank++);
            out.print(lineage(tables, c));
            out.println();
        }
        out.println();
    }

    /**
     * Two chains no single console shows: the live credential stored in the most places (exposed
     * ones first), and the most privileged live credential whose owner has left.
     */
    private static void acrossSystems(
            PrintStream out, TableReader tables, List<Record> credentials) {
        Comparator<Record> byTier =
                Comparator.comparingInt((Record c) -> tierRank(c.getField("privilege_tier")));
        Comparator<Record> byId = Comparator.comparing(c -> (String) c.getField("credential_id"));
        Record copied =
                credentials.stream()
                        .filter(c -> "Active".equals(c.getField("status")))
                        .filter(c -> c.getField("location_count") != null)
                        .filter(c -> (Integer) c.getField("location_count") > 1)
                        .min(
                                Comparator.comparingInt(
                                                (Record c) ->
                                                        -(Integer) c.getField("location_count"))
                                        .thenComparing(c -> c.getField("exposed_at") == null)
                                        .thenComparing(byTier)
                                        .thenComparing(byId))
                        .orElse(null);
        Record orphan =
                credentials.stream()
                        .filter(c -> "Active".equals(c.getField("status")))
                        .filter(c -> "departed".equals(c.getField("owner_status")))
                        .min(byTier.thenComparing(byId))
                        .orElse(null);
        if (copied == null && orphan == null) {
            return;
        }
        out.println("Across systems");
        if (copied != null) {
            out.printf("%nThe credential stored in the most places:%n   ");
            out.print(lineage(tables, copied));
            out.println();
        }
        if (orphan != null) {
            out.printf("%nThe most privileged credential whose owner has left:%n   ");
            out.print(lineage(tables, orphan));
            out.println();
        }
        out.println();
    }

    private static String lineage(TableReader tables, Record credential) {
        return LineageReport.render(tables, (String) credential.getField("credential_id"))
                .replace("\n", "\n   ")
                .stripTrailing();
    }

    /** Most privileged first. */
    private static int tierRank(Object tier) {
        return switch (String.valueOf(tier)) {
            case "admin" -> 0;
            case "high" -> 1;
            case "write" -> 2;
            case "read" -> 3;
            default -> 4;
        };
    }

    /**
     * Active (or exposed, status unknown) credentials ranked by risk: privilege, open alerts,
     * spread of use, no owner.
     */
    static List<Record> worst(List<Record> credentials, List<Record> alerts) {
        Map<String, Integer> alertScore = new HashMap<>();
        for (Record a : alerts) {
            int weight =
                    switch (a.getField("rule") + "/" + a.getField("severity")) {
                        case "exposed-secret/critical" -> 30;
                        case "unused-privileged-credential/high" -> 20;
                        case "exposed-secret/high", "orphaned-credential/high" -> 15;
                        case "stale-rotation/high" -> 8;
                        default -> 2;
                    };
            alertScore.merge((String) a.getField("credential_id"), weight, Integer::sum);
        }
        List<Record> active = new ArrayList<>();
        Map<String, Double> score = new HashMap<>();
        for (Record c : credentials) {
            // A secret known only from where it was found has no status: it counts while exposed.
            boolean live =
                    "Active".equals(c.getField("status"))
                            || (c.getField("status") == null && c.getField("exposed_at") != null);
            if (!live) {
                continue;
            }
            String id = (String) c.getField("credential_id");
            double s =
                    switch (String.valueOf(c.getField("privilege_tier"))) {
                        case "admin" -> 40;
                        case "high" -> 30;
                        case "write" -> 10;
                        default -> 0;
                    };
            s += alertScore.getOrDefault(id, 0);
            Integer consumers = (Integer) c.getField("consumer_count");
            s += consumers == null ? 0 : Math.min(consumers, 50) / 5.0;
            s += c.getField("owner") == null ? 5 : 0;
            score.put(id, s);
            active.add(c);
        }
        active.sort(
                Comparator.comparingDouble((Record c) -> -score.get(c.getField("credential_id")))
                        .thenComparing(c -> (String) c.getField("credential_id")));
        return active.subList(0, Math.min(WORST, active.size()));
    }

    private static void howToQuery(PrintStream out, Run run, List<Record> worst) {
        String jar = "java -jar jobs/target/keyline.jar";
        String where = run.defaultWarehouse() ? "" : " --warehouse " + run.warehouse();
        out.println(
                "The tables are Iceberg tables in the namespace 'keyline' of the embedded catalog");
        out.println(
                "in "
                        + run.warehouse().toAbsolutePath().normalize()
                        + " (catalog.db and warehouse/); the generated input is in "
                        + run.input()
                        + ".");
        out.println("Query them with Flink SQL, for example:");
        out.println(
                "  "
                        + jar
                        + " query"
                        + where
                        + " \"SELECT rule, severity, count(*) AS alerts FROM alerts GROUP BY rule, severity\"");
        out.println(
                "  "
                        + jar
                        + " query"
                        + where
                        + " \"SELECT owner, count(*) AS keys FROM credentials WHERE privilege_tier IN ('admin','high')"
                        + " AND status = 'Active' GROUP BY owner ORDER BY keys DESC LIMIT 10\"");
        if (!worst.isEmpty()) {
            out.println(
                    "  " + jar + " lineage" + where + " " + worst.get(0).getField("credential_id"));
        }
    }

    private static String counts(List<Record> rows, String column) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Record r : rows) {
            Object v = r.getField(column);
            counts.merge(v == null ? "unknown" : v.toString(), 1, Integer::sum);
        }
        StringBuilder line = new StringBuilder();
        counts.forEach((k, n) -> line.append(String.format("%s %,d   ", k, n)));
        return line.toString().stripTrailing();
    }

    private static String tiers(List<Record> identities) {
        Map<String, Integer> counts = new HashMap<>();
        for (Record r : identities) {
            counts.merge(String.valueOf(r.getField("privilege_tier")), 1, Integer::sum);
        }
        StringBuilder line = new StringBuilder();
        for (String tier : List.of("admin", "high", "write", "read", "none")) {
            line.append(String.format("%s %,d   ", tier, counts.getOrDefault(tier, 0)));
        }
        return line.toString().stripTrailing();
    }
}
