package io.keyline.graph;

import static io.keyline.graph.LineageGraph.AUTHENTICATES;
import static io.keyline.graph.LineageGraph.CAN_REACH;
import static io.keyline.graph.LineageGraph.CONSUMED_BY;
import static io.keyline.graph.LineageGraph.CONSUMER;
import static io.keyline.graph.LineageGraph.CREDENTIAL;
import static io.keyline.graph.LineageGraph.IDENTITY;
import static io.keyline.graph.LineageGraph.LOCATION;
import static io.keyline.graph.LineageGraph.OWNED_BY;
import static io.keyline.graph.LineageGraph.PERSON;
import static io.keyline.graph.LineageGraph.RESOURCE;
import static io.keyline.graph.LineageGraph.STORED_AT;
import static io.keyline.graph.LineageGraph.TRUSTS;

import io.keyline.graph.GraphRows.Act;
import io.keyline.graph.GraphRows.Edge;
import io.keyline.graph.GraphRows.Held;
import io.keyline.graph.GraphRows.Key;
import io.keyline.graph.GraphRows.Member;
import io.keyline.graph.GraphRows.Reach;
import io.keyline.graph.GraphRows.Tier;
import io.keyline.sink.KeylineTables;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.DataSet;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.util.Collector;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The graph job: a batch job on Flink's DataSet API that reads the inventory's tables, builds the
 * lineage graph and writes {@code lineage_edges}, {@code lineage_clusters} and {@code
 * effective_reach}, each replaced in one snapshot.
 *
 * <ul>
 *   <li>Edges: a credential authenticates as its identity, is stored at its locations, consumed by
 *       its consumers and can reach its resources; an identity trusts the principals that may act
 *       as it; credentials and identities are owned by people.
 *   <li>Clusters: Gelly's connected components over the authenticates and trusts edges, leaving out
 *       trusts in shared principals (see {@link LineageGraph#isSharedPrincipal}). A cluster is
 *       named by its smallest member id, so the names do not depend on the run.
 *   <li>Reach: a breadth-first walk from every identity along "may act as" (the reverse of trusts),
 *       in a delta iteration of at most the hop limit supersteps that keeps the shortest path to
 *       each identity (the smallest path of equal length), so cycles end. What a credential reaches
 *       is its own reach (hop 0), every identity its identity may act as, and what those hold (the
 *       resources their grants name and their credentials' reach), at the hops of that identity. An
 *       identity's reach is the same from the identity itself.
 *   <li>Blast radius: the number of distinct targets (resources and identities) in a credential's
 *       or identity's effective reach, on its cluster row.
 * </ul>
 */
public final class GraphJob {

    /** The tables the job writes, in the order it commits them. */
    public static final List<String> OUTPUTS =
            List.of(
                    KeylineTables.LINEAGE_EDGES.name(),
                    KeylineTables.LINEAGE_CLUSTERS.name(),
                    KeylineTables.EFFECTIVE_REACH.name());

    /** The longest chain of trusts followed unless told otherwise. */
    public static final int DEFAULT_HOP_LIMIT = 4;

    /** What to run: the catalog, the hop limit and the parallelism. */
    public record Settings(CatalogLoader catalog, int hopLimit, int parallelism) {}

    /** What a run wrote: rows per table, and its time. */
    public record Result(Map<String, Long> rows, double seconds) {}

    private GraphJob() {}

    /** Runs the job to its end and commits its tables. */
    public static Result run(Settings settings) throws Exception {
        long started = System.nanoTime();
        Catalog catalog = settings.catalog().loadCatalog();
        try {
            KeylineTables.createMissing(catalog);
        } finally {
            if (catalog instanceof AutoCloseable) {
                ((AutoCloseable) catalog).close();
            }
        }
        ExecutionEnvironment env = environment(settings.parallelism());
        long computedAt = System.currentTimeMillis();
        DataSet<Tuple2<String, byte[]>> files = plan(env, settings, computedAt);
        List<Tuple2<String, byte[]>> written = files.collect();
        Map<String, Long> rows = TableIo.commit(settings.catalog(), OUTPUTS, written);
        return new Result(rows, (System.nanoTime() - started) / 1e9);
    }

    private static ExecutionEnvironment environment(int parallelism) {
        ExecutionEnvironment env;
        if (ExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
            org.apache.flink.configuration.Configuration conf =
                    new org.apache.flink.configuration.Configuration();
            conf.set(org.apache.flink.configuration.TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
            // Joins and sorts spill to disk past their share; give them room to do less of it.
            conf.set(
                    org.apache.flink.configuration.TaskManagerOptions.MANAGED_MEMORY_SIZE,
                    org.apache.flink.configuration.MemorySize.ofMebiBytes(512));
            env = ExecutionEnvironment.createLocalEnvironment(conf);
        } else {
            // A Flink client (flink run, a JobManager's REST API) or a test cluster.
            env = ExecutionEnvironment.getExecutionEnvironment();
        }
        env.setParallelism(parallelism);
        return env;
    }

    /** The whole plan: the files written per table, not yet committed. */
    static DataSet<Tuple2<String, byte[]>> plan(
            ExecutionEnvironment env, Settings settings, long computedAt) throws Exception {
        CatalogLoader catalog = settings.catalog();
        TableIo.Columns credentialColumns =
                new TableIo.Columns(
                        "credential_id", "identity_id", "credential_type", "owner", "owner_source");
        DataSet<RowData> credentials =
                TableIo.read(env, catalog, KeylineTables.CREDENTIALS, credentialColumns);
        TableIo.Columns identityColumns =
                new TableIo.Columns(
                        "identity_id",
                        "privilege_tier",
                        "owner",
                        "owner_source",
                        "trusted_principals",
                        "granted_resources");
        DataSet<RowData> identities =
                TableIo.read(env, catalog, KeylineTables.IDENTITIES, identityColumns);
        TableIo.Columns locationColumns =
                new TableIo.Columns("credential_id", "location_id", "store");
        TableIo.Columns consumerColumns = new TableIo.Columns("credential_id", "consumer_id");
        TableIo.Columns reachColumns = new TableIo.Columns("credential_id", "resource", "access");
        DataSet<RowData> reachRows =
                TableIo.read(env, catalog, KeylineTables.CREDENTIAL_REACH, reachColumns);

        // Who authenticates as whom, and who may act as whom.
        DataSet<Key> keys =
                credentials
                        .map(
                                r ->
                                        new Key(
                                                credentialColumns.string(r, "credential_id"),
                                                java.util.Objects.requireNonNullElse(
                                                        credentialColumns.string(r, "identity_id"),
                                                        "")))
                        .returns(Key.class)
                        .name("credential keys");
        DataSet<Act> acts =
                identities
                        .flatMap(
                                (RowData r, Collector<Act> out) -> {
                                    String identity = identityColumns.string(r, "identity_id");
                                    for (String p :
                                            identityColumns.strings(r, "trusted_principals")) {
                                        if (!p.equals(identity)) {
                                            out.collect(new Act(p, identity));
                                        }
                                    }
                                })
                        .returns(Act.class)
                        .name("trusts");
        DataSet<Tier> tiers =
                identities
                        .map(
                                r ->
                                        new Tier(
                                                identityColumns.string(r, "identity_id"),
                                                identityColumns.string(r, "privilege_tier")))
                        .returns(Tier.class);
        DataSet<Held> credentialHeld =
                reachRows
                        .map(
                                r ->
                                        new Held(
                                                reachColumns.string(r, "credential_id"),
                                                reachColumns.string(r, "resource"),
                                                reachColumns.string(r, "access")))
                        .returns(Held.class)
                        .name("credential reach");

        // lineage_edges
        DataSet<Edge> edges =
                credentials
                        .flatMap(
                                (RowData r, Collector<Edge> out) -> {
                                    String id = credentialColumns.string(r, "credential_id");
                                    String identity = credentialColumns.string(r, "identity_id");
                                    if (identity != null) {
                                        out.collect(
                                                new Edge(
                                                        id,
                                                        CREDENTIAL,
                                                        AUTHENTICATES,
                                                        identity,
                                                        IDENTITY,
                                                        credentialColumns.string(
                                                                r, "credential_type")));
                                    }
                                    String owner = credentialColumns.string(r, "owner");
                                    if (owner != null) {
                                        out.collect(
                                                new Edge(
                                                        id,
                                                        CREDENTIAL,
                                                        OWNED_BY,
                                                        owner,
                                                        PERSON,
                                                        credentialColumns.string(
                                                                r, "owner_source")));
                                    }
                                })
                        .returns(Edge.class)
                        .union(
                                identities
                                        .flatMap(
                                                (RowData r, Collector<Edge> out) -> {
                                                    String id =
                                                            identityColumns.string(
                                                                    r, "identity_id");
                                                    for (String p :
                                                            identityColumns.strings(
                                                                    r, "trusted_principals")) {
                                                        out.collect(
                                                                new Edge(
                                                                        id, IDENTITY, TRUSTS, p,
                                                                        IDENTITY, null));
                                                    }
                                                    String owner =
                                                            identityColumns.string(r, "owner");
                                                    if (owner != null) {
                                                        out.collect(
                                                                new Edge(
                                                                        id,
                                                                        IDENTITY,
                                                                        OWNED_BY,
                                                                        owner,
                                                                        PERSON,
                                                                        identityColumns.string(
                                                                                r,
                                                                                "owner_source")));
                                                    }
                                                })
                                        .returns(Edge.class))
                        .union(
                                TableIo.read(
                                                env,
                                                catalog,
                                                KeylineTables.CREDENTIAL_LOCATIONS,
                                                locationColumns)
                                        .map(
                                                r ->
                                                        new Edge(
                                                                locationColumns.string(
                                                                        r, "credential_id"),
                                                                CREDENTIAL,
                                                                STORED_AT,
                                                                locationColumns.string(
                                                                        r, "location_id"),
                                                                LOCATION,
                                                                locationColumns.string(r, "store")))
                                        .returns(Edge.class))
                        .union(
                                TableIo.read(
                                                env,
                                                catalog,
                                                KeylineTables.CREDENTIAL_CONSUMERS,
                                                consumerColumns)
                                        .map(
                                                r ->
                                                        new Edge(
                                                                consumerColumns.string(
                                                                        r, "credential_id"),
                                                                CREDENTIAL,
                                                                CONSUMED_BY,
                                                                consumerColumns.string(
                                                                        r, "consumer_id"),
                                                                CONSUMER,
                                                                null))
                                        .returns(Edge.class))
                        .union(
                                credentialHeld
                                        .map(
                                                h ->
                                                        new Edge(
                                                                h.holder,
                                                                CREDENTIAL,
                                                                CAN_REACH,
                                                                h.resource,
                                                                RESOURCE,
                                                                h.access))
                                        .returns(Edge.class));

        DataSet<Held> identityGrants =
                identities
                        .flatMap(
                                (RowData r, Collector<Held> out) -> {
                                    String identity = identityColumns.string(r, "identity_id");
                                    for (String pattern :
                                            identityColumns.strings(r, "granted_resources")) {
                                        out.collect(new Held(identity, pattern, "granted"));
                                    }
                                })
                        .returns(Held.class)
                        .name("identity grants");
        DataSet<Reach> reach =
                Reaches.of(keys, acts, tiers, credentialHeld, identityGrants, settings.hopLimit());
        DataSet<Member> members =
                Clusters.of(
                        keys,
                        acts,
                        identities
                                .map(r -> identityColumns.string(r, "identity_id"))
                                .returns(String.class),
                        reach);

        long at = computedAt;
        DataSet<Tuple2<String, byte[]>> edgeFiles =
                TableIo.write(
                        edges,
                        e ->
                                GenericRowData.of(
                                        s(e.src),
                                        s(e.srcKind),
                                        s(e.relation),
                                        s(e.dst),
                                        s(e.dstKind),
                                        s(e.detail),
                                        TimestampData.fromEpochMillis(at)),
                        catalog,
                        KeylineTables.LINEAGE_EDGES);
        DataSet<Tuple2<String, byte[]>> clusterFiles =
                TableIo.write(
                        members,
                        m ->
                                GenericRowData.of(
                                        s(m.vertex),
                                        s(m.kind),
                                        s(m.system),
                                        s(m.cluster),
                                        m.size,
                                        m.identities,
                                        m.credentials,
                                        s(m.systems),
                                        m.blastRadius,
                                        TimestampData.fromEpochMillis(at)),
                        catalog,
                        KeylineTables.LINEAGE_CLUSTERS);
        DataSet<Tuple2<String, byte[]>> reachFiles =
                TableIo.write(
                        reach,
                        x ->
                                GenericRowData.of(
                                        s(x.origin),
                                        s(x.originKind),
                                        s(x.target),
                                        s(x.targetKind),
                                        x.hops,
                                        s(x.path),
                                        s(x.via),
                                        s(x.access),
                                        s(x.tier),
                                        TimestampData.fromEpochMillis(at)),
                        catalog,
                        KeylineTables.EFFECTIVE_REACH);
        return edgeFiles.union(clusterFiles).union(reachFiles);
    }

    private static StringData s(String value) {
        return value == null ? null : StringData.fromString(value);
    }
}
