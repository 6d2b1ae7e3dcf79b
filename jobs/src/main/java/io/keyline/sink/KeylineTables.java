package io.keyline.sink;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Iceberg tables of the namespace {@code keyline}: their schemas, keys and partitioning, and
 * their creation. Upsert tables have identifier fields (their key); every table is format v2, which
 * Trino reads with equality deletes.
 */
@PublicEvolving
public final class KeylineTables {

    private static final Logger LOG = LoggerFactory.getLogger(KeylineTables.class);

    public static final String NAMESPACE = "keyline";

    /** How a table is written. */
    public enum Mode {
        APPEND,
        UPSERT,
        /** Replaced as a whole by each run of the graph job, in one snapshot. */
        OVERWRITE
    }

    /** One table: name, schema, key columns (for upserts) and partitioning. */
    public record Spec(
            String name, Schema schema, Mode mode, List<String> key, PartitionSpec partitioning) {
        public TableIdentifier id() {
            return TableIdentifier.of(NAMESPACE, name);
        }
    }

    public static final Spec EVENTS =
            append(
                    "events",
                    new Schema(
                            required(1, "event_id", Types.StringType.get()),
                            required(2, "event_time", Types.TimestampType.withZone()),
                            optional(3, "source", Types.StringType.get()),
                            optional(4, "kind", Types.StringType.get()),
                            optional(5, "credential_id", Types.StringType.get()),
                            optional(6, "credential_type", Types.StringType.get()),
                            optional(7, "identity_id", Types.StringType.get()),
                            optional(8, "actor", Types.StringType.get()),
                            optional(9, "consumer_ip", Types.StringType.get()),
                            optional(10, "consumer_user_agent", Types.StringType.get()),
                            optional(11, "consumer_workload", Types.StringType.get()),
                            optional(12, "resource", Types.StringType.get()),
                            optional(13, "action", Types.StringType.get()),
                            optional(14, "location_store", Types.StringType.get()),
                            optional(15, "location_path", Types.StringType.get()),
                            optional(
                                    16,
                                    "attributes",
                                    Types.MapType.ofOptional(
                                            17,
                                            18,
                                            Types.StringType.get(),
                                            Types.StringType.get()))),
                    schema -> PartitionSpec.builderFor(schema).day("event_time").build());

    public static final Spec CREDENTIALS =
            upsert(
                    "credentials",
                    List.of("credential_id"),
                    required(1, "credential_id", Types.StringType.get()),
                    optional(2, "credential_type", Types.StringType.get()),
                    optional(3, "identity_id", Types.StringType.get()),
                    optional(4, "system", Types.StringType.get()),
                    optional(5, "account", Types.StringType.get()),
                    optional(6, "status", Types.StringType.get()),
                    optional(7, "created_at", Types.TimestampType.withZone()),
                    optional(8, "created_by", Types.StringType.get()),
                    optional(9, "first_seen_at", Types.TimestampType.withZone()),
                    optional(10, "last_used_at", Types.TimestampType.withZone()),
                    optional(11, "last_used_action", Types.StringType.get()),
                    optional(12, "last_used_source_ip", Types.StringType.get()),
                    optional(13, "consumer_count", Types.IntegerType.get()),
                    optional(14, "resource_count", Types.IntegerType.get()),
                    optional(15, "privilege_tier", Types.StringType.get()),
                    optional(16, "owner", Types.StringType.get()),
                    optional(17, "owner_source", Types.StringType.get()),
                    optional(18, "deleted_at", Types.TimestampType.withZone()),
                    optional(19, "expires_at", Types.TimestampType.withZone()),
                    optional(20, "updated_at", Types.TimestampType.withZone()),
                    optional(21, "owner_confidence", Types.DoubleType.get()),
                    optional(22, "owner_status", Types.StringType.get()),
                    optional(23, "former_owner", Types.StringType.get()),
                    optional(24, "never_expires", Types.BooleanType.get()),
                    optional(25, "location_count", Types.IntegerType.get()),
                    optional(26, "exposed_at", Types.TimestampType.withZone()),
                    optional(27, "exposed_location", Types.StringType.get()),
                    optional(28, "provider_managed", Types.BooleanType.get()));

    public static final Spec CREDENTIAL_LOCATIONS =
            upsert(
                    "credential_locations",
                    List.of("credential_id", "location_id"),
                    required(1, "credential_id", Types.StringType.get()),
                    required(2, "location_id", Types.StringType.get()),
                    optional(3, "store", Types.StringType.get()),
                    optional(4, "path", Types.StringType.get()),
                    optional(5, "managed", Types.BooleanType.get()),
                    optional(6, "source", Types.StringType.get()),
                    optional(7, "repository", Types.StringType.get()),
                    optional(8, "commit", Types.StringType.get()),
                    optional(9, "line", Types.StringType.get()),
                    optional(10, "detector", Types.StringType.get()),
                    optional(11, "secret_key", Types.StringType.get()),
                    optional(12, "first_seen_at", Types.TimestampType.withZone()),
                    optional(13, "last_seen_at", Types.TimestampType.withZone()),
                    optional(14, "sightings", Types.LongType.get()),
                    optional(15, "updated_at", Types.TimestampType.withZone()));

    public static final Spec IDENTITIES =
            upsert(
                    "identities",
                    List.of("identity_id"),
                    required(1, "identity_id", Types.StringType.get()),
                    optional(2, "system", Types.StringType.get()),
                    optional(3, "account", Types.StringType.get()),
                    optional(4, "identity_type", Types.StringType.get()),
                    optional(5, "name", Types.StringType.get()),
                    optional(6, "privilege_tier", Types.StringType.get()),
                    optional(7, "privilege_reason", Types.StringType.get()),
                    optional(8, "owner", Types.StringType.get()),
                    optional(9, "owner_source", Types.StringType.get()),
                    optional(10, "owner_status", Types.StringType.get()),
                    optional(11, "created_at", Types.TimestampType.withZone()),
                    optional(12, "created_by", Types.StringType.get()),
                    optional(13, "last_used_at", Types.TimestampType.withZone()),
                    optional(14, "credential_count", Types.IntegerType.get()),
                    optional(15, "active_credential_count", Types.IntegerType.get()),
                    optional(16, "trust_count", Types.IntegerType.get()),
                    optional(17, "deleted_at", Types.TimestampType.withZone()),
                    optional(18, "updated_at", Types.TimestampType.withZone()),
                    optional(19, "owner_confidence", Types.DoubleType.get()),
                    optional(20, "former_owner", Types.StringType.get()),
                    optional(
                            21,
                            "trusted_principals",
                            Types.ListType.ofOptional(22, Types.StringType.get())),
                    optional(
                            23,
                            "granted_resources",
                            Types.ListType.ofOptional(24, Types.StringType.get())));

    public static final Spec CREDENTIAL_CONSUMERS =
            upsert(
                    "credential_consumers",
                    List.of("credential_id", "consumer_id"),
                    required(1, "credential_id", Types.StringType.get()),
                    required(2, "consumer_id", Types.StringType.get()),
                    optional(3, "source_ip", Types.StringType.get()),
                    optional(4, "user_agent", Types.StringType.get()),
                    optional(5, "workload", Types.StringType.get()),
                    optional(6, "first_seen_at", Types.TimestampType.withZone()),
                    optional(7, "last_seen_at", Types.TimestampType.withZone()),
                    optional(8, "calls", Types.LongType.get()),
                    optional(9, "updated_at", Types.TimestampType.withZone()));

    public static final Spec CREDENTIAL_REACH =
            upsert(
                    "credential_reach",
                    List.of("credential_id", "resource"),
                    required(1, "credential_id", Types.StringType.get()),
                    required(2, "resource", Types.StringType.get()),
                    optional(3, "access", Types.StringType.get()),
                    optional(4, "granted_by", Types.StringType.get()),
                    optional(5, "last_action", Types.StringType.get()),
                    optional(6, "first_seen_at", Types.TimestampType.withZone()),
                    optional(7, "last_seen_at", Types.TimestampType.withZone()),
                    optional(8, "updated_at", Types.TimestampType.withZone()));

    public static final Spec USAGE_DAILY =
            append(
                    "usage_daily",
                    new Schema(
                            required(1, "credential_id", Types.StringType.get()),
                            optional(2, "identity_id", Types.StringType.get()),
                            required(3, "day", Types.DateType.get()),
                            optional(4, "calls", Types.LongType.get()),
                            optional(5, "distinct_consumers", Types.IntegerType.get()),
                            optional(6, "distinct_resources", Types.IntegerType.get()),
                            optional(7, "errors", Types.LongType.get())),
                    schema -> PartitionSpec.unpartitioned());

    public static final Spec ALERTS =
            append(
                    "alerts",
                    new Schema(
                            required(1, "alert_id", Types.StringType.get()),
                            required(2, "rule", Types.StringType.get()),
                            optional(3, "severity", Types.StringType.get()),
                            optional(4, "credential_id", Types.StringType.get()),
                            optional(5, "identity_id", Types.StringType.get()),
                            optional(6, "system", Types.StringType.get()),
                            optional(7, "account", Types.StringType.get()),
                            optional(8, "privilege_tier", Types.StringType.get()),
                            optional(9, "owner", Types.StringType.get()),
                            optional(10, "event_time", Types.TimestampType.withZone()),
                            optional(11, "detected_at", Types.TimestampType.withZone()),
                            optional(12, "details", Types.StringType.get())),
                    schema -> PartitionSpec.unpartitioned());

    public static final Spec DEAD_LETTERS =
            append(
                    "dead_letters",
                    new Schema(
                            optional(1, "source", Types.StringType.get()),
                            optional(2, "origin", Types.StringType.get()),
                            optional(3, "record_index", Types.LongType.get()),
                            required(4, "reason", Types.StringType.get()),
                            optional(5, "payload_sha256", Types.StringType.get()),
                            optional(6, "payload_bytes", Types.LongType.get()),
                            optional(7, "excerpt", Types.StringType.get()),
                            optional(8, "received_at", Types.TimestampType.withZone())),
                    schema -> PartitionSpec.unpartitioned());

    public static final Spec LINEAGE_EDGES =
            overwrite(
                    "lineage_edges",
                    required(1, "src_id", Types.StringType.get()),
                    required(2, "src_kind", Types.StringType.get()),
                    required(3, "relation", Types.StringType.get()),
                    required(4, "dst_id", Types.StringType.get()),
                    required(5, "dst_kind", Types.StringType.get()),
                    optional(6, "detail", Types.StringType.get()),
                    optional(7, "computed_at", Types.TimestampType.withZone()));

    public static final Spec LINEAGE_CLUSTERS =
            overwrite(
                    "lineage_clusters",
                    required(1, "vertex_id", Types.StringType.get()),
                    required(2, "vertex_kind", Types.StringType.get()),
                    optional(3, "system", Types.StringType.get()),
                    required(4, "cluster_id", Types.StringType.get()),
                    optional(5, "cluster_size", Types.IntegerType.get()),
                    optional(6, "cluster_identities", Types.IntegerType.get()),
                    optional(7, "cluster_credentials", Types.IntegerType.get()),
                    optional(8, "cluster_systems", Types.StringType.get()),
                    optional(9, "blast_radius", Types.IntegerType.get()),
                    optional(10, "computed_at", Types.TimestampType.withZone()));

    public static final Spec EFFECTIVE_REACH =
            overwrite(
                    "effective_reach",
                    required(1, "origin_id", Types.StringType.get()),
                    required(2, "origin_kind", Types.StringType.get()),
                    required(3, "target", Types.StringType.get()),
                    required(4, "target_kind", Types.StringType.get()),
                    required(5, "hops", Types.IntegerType.get()),
                    required(6, "path", Types.StringType.get()),
                    optional(7, "via_identity", Types.StringType.get()),
                    optional(8, "access", Types.StringType.get()),
                    optional(9, "privilege_tier", Types.StringType.get()),
                    optional(10, "computed_at", Types.TimestampType.withZone()));

    /** Every table, by name, in the order the README lists them. */
    public static final Map<String, Spec> ALL = new LinkedHashMap<>();

    static {
        for (Spec spec :
                List.of(
                        EVENTS,
                        CREDENTIALS,
                        IDENTITIES,
                        CREDENTIAL_LOCATIONS,
                        CREDENTIAL_CONSUMERS,
                        CREDENTIAL_REACH,
                        USAGE_DAILY,
                        ALERTS,
                        DEAD_LETTERS,
                        LINEAGE_EDGES,
                        LINEAGE_CLUSTERS,
                        EFFECTIVE_REACH)) {
            ALL.put(spec.name(), spec);
        }
    }

    private KeylineTables() {}

    /** Creates the namespace and every missing table; existing tables are left as they are. */
    public static void createMissing(Catalog catalog) {
        createMissing(catalog, Map.of());
    }

    /**
     * Adds the columns a newer Keyline writes to a table an older one created; existing columns and
     * data stay as they are (an Iceberg schema change, no rewrite).
     */
    private static void addMissingColumns(Table table, Spec spec) {
        for (Types.NestedField field : spec.schema().columns()) {
            if (table.schema().findField(field.name()) == null) {
                table.updateSchema().unionByNameWith(spec.schema()).commit();
                LOG.info("Added the new columns of {} to the existing table", spec.id());
                return;
            }
        }
    }

    /**
     * Creates the namespace and every missing table, with extra table properties (a compression
     * codec, a target file size...) on top of Keyline's own.
     */
    public static void createMissing(Catalog catalog, Map<String, String> extraProperties) {
        Namespace namespace = Namespace.of(NAMESPACE);
        if (catalog instanceof SupportsNamespaces) {
            SupportsNamespaces namespaces = (SupportsNamespaces) catalog;
            if (!namespaces.namespaceExists(namespace)) {
                namespaces.createNamespace(namespace);
            }
        }
        for (Spec spec : ALL.values()) {
            if (!catalog.tableExists(spec.id())) {
                Map<String, String> properties = new LinkedHashMap<>(extraProperties);
                properties.put("format-version", "2");
                properties.put("write.upsert.enabled", String.valueOf(spec.mode() == Mode.UPSERT));
                Table table =
                        catalog.createTable(
                                spec.id(), spec.schema(), spec.partitioning(), properties);
                LOG.info("Created table {} ({})", spec.id(), table.location());
            } else {
                addMissingColumns(catalog.loadTable(spec.id()), spec);
            }
        }
    }

    private static Spec append(
            String name,
            Schema schema,
            java.util.function.Function<Schema, PartitionSpec> partitioning) {
        return new Spec(name, schema, Mode.APPEND, List.of(), partitioning.apply(schema));
    }

    private static Spec overwrite(String name, Types.NestedField... fields) {
        return new Spec(
                name, new Schema(fields), Mode.OVERWRITE, List.of(), PartitionSpec.unpartitioned());
    }

    private static Spec upsert(String name, List<String> key, Types.NestedField... fields) {
        Schema plain = new Schema(fields);
        Set<Integer> ids = new java.util.HashSet<>();
        for (String column : key) {
            ids.add(plain.findField(column).fieldId());
        }
        Schema keyed = new Schema(List.of(fields), ids);
        return new Spec(name, keyed, Mode.UPSERT, key, PartitionSpec.unpartitioned());
    }
}
