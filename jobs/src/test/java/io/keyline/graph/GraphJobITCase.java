package io.keyline.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.MiniClusters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.OutputFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph job on a small estate written straight into the inventory's tables, where every
 * cluster, reach, hop count and path is known: a chain of six roles with a cycle and a shortcut, a
 * GCP service account at its end, an Okta user federating into AWS and Azure, Lambda roles that
 * share a service principal, and a credential with no identity.
 */
class GraphJobITCase {

    private static final String ACCOUNT = "arn:aws:iam::111111111111:";
    private static final String USER = ACCOUNT + "user/deployer";
    private static final String KEY = "aws:access-key:AKIAEXAMPLEKEY000001";
    private static final String SA = "gcp:sa:exporter@proj.iam.gserviceaccount.com";
    private static final String SA_KEY = "gcp:sa-key:exporter@proj.iam.gserviceaccount.com/k1";
    private static final String OKTA = "okta:user:svc-bridge@example.com";
    private static final String BRIDGE = ACCOUNT + "role/okta-bridge";
    private static final String AZURE = "azure:sp:tenant-1/app-1";
    private static final String LOOSE = "fp:0123456789abcdef";

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir Path dir;

    private CatalogLoader catalog;

    private static String role(int n) {
        return ACCOUNT + "role/stage-" + n;
    }

    @BeforeEach
    void estate() throws IOException {
        catalog = Catalogs.embedded(dir);
        Catalog c = catalog.loadCatalog();
        KeylineTables.createMissing(c);
        // stage-1 trusts the user; stage-2 trusts stage-1 and stage-3, which trusts stage-2 back
        // (a cycle); stage-6 trusts stage-1 and stage-4 trusts both stage-3 and stage-6 (so the
        // shortest way to stage-4 is through stage-6); stage-5 trusts stage-4 and stage-7 trusts
        // stage-5, five trusts from the user. The service account trusts stage-2.
        append(
                c,
                KeylineTables.IDENTITIES,
                identity(USER, "admin"),
                identity(role(1), "read", USER),
                granting(identity(role(2), "high", role(1), role(3)), "arn:aws:s3:::prod-data"),
                identity(role(3), "read", role(2)),
                granting(identity(role(4), "write", role(3), role(6)), "arn:aws:s3:::stage-4-*"),
                identity(role(5), "admin", role(4)),
                identity(role(6), "none", role(1)),
                identity(role(7), "admin", role(5)),
                identity(SA, "write", role(2)),
                identity(OKTA, "none"),
                identity(BRIDGE, "admin", OKTA),
                identity(AZURE, "none", OKTA),
                identity(ACCOUNT + "role/fn-a", "read", "lambda.amazonaws.com"),
                identity(ACCOUNT + "role/fn-b", "read", "lambda.amazonaws.com"));
        append(
                c,
                KeylineTables.CREDENTIALS,
                credential(KEY, USER, "alice@example.com"),
                credential("aws:access-key:AKIAEXAMPLEKEY000002", role(2), null),
                credential("aws:access-key:AKIAEXAMPLEKEY000003", role(2), null),
                credential(SA_KEY, SA, "bob@example.com"),
                credential(LOOSE, null, null));
        append(
                c,
                KeylineTables.CREDENTIAL_REACH,
                reach(KEY, "arn:aws:s3:::deploy-artifacts", "granted"),
                reach("aws:access-key:AKIAEXAMPLEKEY000002", "arn:aws:s3:::prod-data", "granted"),
                reach(
                        "aws:access-key:AKIAEXAMPLEKEY000002",
                        "arn:aws:dynamodb:table/ledger",
                        "observed"),
                reach("aws:access-key:AKIAEXAMPLEKEY000003", "arn:aws:s3:::prod-data", "observed"),
                reach(SA_KEY, "//storage.googleapis.com/buckets/exports", "granted"));
        GenericRecord location = GenericRecord.create(KeylineTables.CREDENTIAL_LOCATIONS.schema());
        location.setField("credential_id", LOOSE);
        location.setField("location_id", "repo-file:https://github.com/acme/app:.env");
        location.setField("store", "repo-file");
        append(c, KeylineTables.CREDENTIAL_LOCATIONS, location);
        GenericRecord consumer = GenericRecord.create(KeylineTables.CREDENTIAL_CONSUMERS.schema());
        consumer.setField("credential_id", KEY);
        consumer.setField("consumer_id", "203.0.113.7|terraform/1.9");
        append(c, KeylineTables.CREDENTIAL_CONSUMERS, consumer);
    }

    @Test
    void reachFollowsTrustsByTheShortestPathUpToTheHopLimitAndACycleEnds() throws Exception {
        GraphJob.Result result = GraphJob.run(new GraphJob.Settings(catalog, 4, 2));

        Map<String, Record> fromKey = reachOf(KEY);
        assertThat(summary(fromKey))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.ofEntries(
                                Map.entry(
                                        "arn:aws:s3:::deploy-artifacts",
                                        "0 granted " + path(KEY, USER)),
                                Map.entry(role(1), "1 assume " + path(KEY, USER, role(1))),
                                Map.entry(role(2), "2 assume " + path(KEY, USER, role(1), role(2))),
                                Map.entry(role(6), "2 assume " + path(KEY, USER, role(1), role(6))),
                                Map.entry(
                                        role(3),
                                        "3 assume " + path(KEY, USER, role(1), role(2), role(3))),
                                Map.entry(SA, "3 assume " + path(KEY, USER, role(1), role(2), SA)),
                                // Through stage-6 in three, not through stage-3 in four.
                                Map.entry(
                                        role(4),
                                        "3 assume " + path(KEY, USER, role(1), role(6), role(4))),
                                Map.entry(
                                        role(5),
                                        "4 assume "
                                                + path(
                                                        KEY, USER, role(1), role(6), role(4),
                                                        role(5))),
                                // Held by stage-2's two keys (granted to one, used by the other)
                                // and named by its own grant.
                                Map.entry(
                                        "arn:aws:s3:::prod-data",
                                        "2 both " + path(KEY, USER, role(1), role(2))),
                                // Named by stage-4's grant: a role without keys of its own.
                                Map.entry(
                                        "arn:aws:s3:::stage-4-*",
                                        "3 granted " + path(KEY, USER, role(1), role(6), role(4))),
                                Map.entry(
                                        "arn:aws:dynamodb:table/ledger",
                                        "2 observed " + path(KEY, USER, role(1), role(2))),
                                Map.entry(
                                        "//storage.googleapis.com/buckets/exports",
                                        "3 granted " + path(KEY, USER, role(1), role(2), SA))));
        // stage-7 is five trusts away, beyond the limit.
        assertThat(fromKey).doesNotContainKey(role(7));
        assertThat(fromKey.get(role(5)).getField("privilege_tier")).isEqualTo("admin");
        assertThat(fromKey.get(role(5)).getField("via_identity")).isEqualTo(role(5));

        // The user reaches the same from itself, its own key's reach at hop 0.
        Map<String, Record> fromUser = reachOf(USER);
        assertThat(fromUser.keySet()).isEqualTo(fromKey.keySet());
        assertThat(fromUser.get("arn:aws:s3:::deploy-artifacts").getField("path")).isEqualTo(USER);
        // Around the cycle: stage-3 reaches stage-2, and stage-2 stage-3, once each.
        assertThat(reachOf(role(3)).get(role(2)).getField("hops")).isEqualTo(1);
        assertThat(reachOf(role(2)).get(role(3)).getField("hops")).isEqualTo(1);
        assertThat(reachOf(role(2))).doesNotContainKey(role(2));
        // The Okta user federates into AWS and Azure; it holds no credential of its own.
        assertThat(reachOf(OKTA).keySet()).containsExactlyInAnyOrder(BRIDGE, AZURE);
        assertThat(reachOf(LOOSE)).isEmpty();

        Map<String, Record> members = new HashMap<>();
        for (Record r : rows(KeylineTables.LINEAGE_CLUSTERS)) {
            members.put((String) r.getField("vertex_id"), r);
        }
        assertThat(members.get(KEY).getField("blast_radius")).isEqualTo(fromKey.size());
        assertThat(members.get(USER).getField("blast_radius")).isEqualTo(fromUser.size());
        assertThat(result.rows().get("effective_reach"))
                .isEqualTo(rows(KeylineTables.EFFECTIVE_REACH).size());
    }

    @Test
    void clustersAreTheComponentsOfAuthenticatesAndTrustsWithoutSharedPrincipals()
            throws Exception {
        GraphJob.run(new GraphJob.Settings(catalog, 4, 2));

        Map<String, TreeSet<String>> clusters = new TreeMap<>();
        Map<String, Record> members = new HashMap<>();
        for (Record r : rows(KeylineTables.LINEAGE_CLUSTERS)) {
            clusters.computeIfAbsent((String) r.getField("cluster_id"), x -> new TreeSet<>())
                    .add((String) r.getField("vertex_id"));
            members.put((String) r.getField("vertex_id"), r);
        }
        TreeSet<String> chain = new TreeSet<>();
        for (int n = 1; n <= 7; n++) {
            chain.add(role(n));
        }
        chain.addAll(
                List.of(
                        USER,
                        KEY,
                        SA,
                        SA_KEY,
                        "aws:access-key:AKIAEXAMPLEKEY000002",
                        "aws:access-key:AKIAEXAMPLEKEY000003"));
        // Each cluster is named by its smallest member.
        assertThat(clusters)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                chain.first(),
                                chain,
                                BRIDGE,
                                new TreeSet<>(List.of(BRIDGE, AZURE, OKTA)),
                                ACCOUNT + "role/fn-a",
                                new TreeSet<>(List.of(ACCOUNT + "role/fn-a")),
                                ACCOUNT + "role/fn-b",
                                new TreeSet<>(List.of(ACCOUNT + "role/fn-b")),
                                LOOSE,
                                new TreeSet<>(List.of(LOOSE))));
        Record okta = members.get(OKTA);
        assertThat(okta.getField("cluster_size")).isEqualTo(3);
        assertThat(okta.getField("cluster_identities")).isEqualTo(3);
        assertThat(okta.getField("cluster_credentials")).isEqualTo(0);
        assertThat(okta.getField("cluster_systems")).isEqualTo("aws,azure,okta");
        assertThat(members.get(KEY).getField("cluster_credentials")).isEqualTo(4);
        assertThat(members.get(KEY).getField("cluster_systems")).isEqualTo("aws,gcp");
        assertThat(members.get(KEY).getField("vertex_kind")).isEqualTo("credential");

        Map<String, Integer> relations = new TreeMap<>();
        for (Record e : rows(KeylineTables.LINEAGE_EDGES)) {
            relations.merge((String) e.getField("relation"), 1, Integer::sum);
        }
        assertThat(relations)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "authenticates", 4,
                                "trusts", 14,
                                "can-reach", 5,
                                "stored-at", 1,
                                "consumed-by", 1,
                                "owned-by", 2));
    }

    @Test
    void eachRunReplacesEveryTableInOneSnapshot() throws Exception {
        GraphJob.run(new GraphJob.Settings(catalog, 4, 2));
        Map<String, Integer> first = sizes();
        Map<String, Integer> snapshots = snapshots();
        GraphJob.Result again = GraphJob.run(new GraphJob.Settings(catalog, 1, 2));

        for (String table : GraphJob.OUTPUTS) {
            assertThat(snapshots().get(table)).as(table).isEqualTo(snapshots.get(table) + 1);
        }
        assertThat(sizes().get("lineage_edges")).isEqualTo(first.get("lineage_edges"));
        // With one hop the key reaches its own bucket and stage-1, nothing from before is left.
        assertThat(reachOf(KEY).keySet())
                .containsExactlyInAnyOrder("arn:aws:s3:::deploy-artifacts", role(1));
        assertThat(again.rows().get("effective_reach"))
                .isEqualTo((long) rows(KeylineTables.EFFECTIVE_REACH).size())
                .isLessThan((long) first.get("effective_reach"));
        GraphJob.run(new GraphJob.Settings(catalog, 0, 1));
        assertThat(reachOf(KEY).keySet()).containsExactly("arn:aws:s3:::deploy-artifacts");
    }

    private Map<String, Integer> sizes() throws Exception {
        Map<String, Integer> sizes = new HashMap<>();
        for (String table : GraphJob.OUTPUTS) {
            sizes.put(table, rows(KeylineTables.ALL.get(table)).size());
        }
        return sizes;
    }

    private Map<String, Integer> snapshots() {
        Catalog c = catalog.loadCatalog();
        Map<String, Integer> counts = new HashMap<>();
        for (String table : GraphJob.OUTPUTS) {
            Table t = c.loadTable(KeylineTables.ALL.get(table).id());
            int n = 0;
            for (Object s : t.snapshots()) {
                n++;
            }
            counts.put(table, n);
        }
        return counts;
    }

    private static String path(String... ids) {
        return String.join(" -> ", ids);
    }

    /** Target to "hops access path" of every row reached from an origin. */
    private static Map<String, String> summary(Map<String, Record> reach) {
        Map<String, String> out = new TreeMap<>();
        reach.forEach(
                (target, r) ->
                        out.put(
                                target,
                                r.getField("hops")
                                        + " "
                                        + r.getField("access")
                                        + " "
                                        + r.getField("path")));
        return out;
    }

    private Map<String, Record> reachOf(String origin) throws Exception {
        Map<String, Record> out = new TreeMap<>();
        for (Record r : rows(KeylineTables.EFFECTIVE_REACH)) {
            if (origin.equals(r.getField("origin_id"))) {
                assertThat(out.put((String) r.getField("target"), r))
                        .as("one row per target")
                        .isNull();
            }
        }
        return out;
    }

    private List<Record> rows(KeylineTables.Spec spec) throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            return tables.rows(spec);
        }
    }

    private static Record identity(String id, String tier, String... trusted) {
        GenericRecord r = GenericRecord.create(KeylineTables.IDENTITIES.schema());
        r.setField("identity_id", id);
        r.setField("system", io.keyline.model.CanonicalIds.systemOf(id));
        r.setField("privilege_tier", tier);
        r.setField("trusted_principals", List.of(trusted));
        return r;
    }

    private static Record granting(Record identity, String... patterns) {
        identity.setField("granted_resources", List.of(patterns));
        return identity;
    }

    private static Record credential(String id, String identity, String owner) {
        GenericRecord r = GenericRecord.create(KeylineTables.CREDENTIALS.schema());
        r.setField("credential_id", id);
        r.setField("identity_id", identity);
        r.setField("owner", owner);
        r.setField("owner_source", owner == null ? null : "tag");
        return r;
    }

    private static Record reach(String credential, String resource, String access) {
        GenericRecord r = GenericRecord.create(KeylineTables.CREDENTIAL_REACH.schema());
        r.setField("credential_id", credential);
        r.setField("resource", resource);
        r.setField("access", access);
        return r;
    }

    /** Appends records to a table as one Parquet file, in one commit. */
    private static void append(Catalog c, KeylineTables.Spec spec, Record... records)
            throws IOException {
        Table table = c.loadTable(spec.id());
        OutputFile out =
                table.io()
                        .newOutputFile(
                                table.locationProvider()
                                        .newDataLocation(UUID.randomUUID() + ".parquet"));
        FileAppender<Record> appender =
                new GenericAppenderFactory(table.schema()).newAppender(out, FileFormat.PARQUET);
        try (appender) {
            appender.addAll(new ArrayList<>(List.of(records)));
        }
        DataFile file =
                DataFiles.builder(table.spec())
                        .withPath(out.location())
                        .withFormat(FileFormat.PARQUET)
                        .withFileSizeInBytes(appender.length())
                        .withMetrics(appender.metrics())
                        .build();
        table.newAppend().appendFile(file).commit();
    }
}
