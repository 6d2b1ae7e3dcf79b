package io.keyline.sink;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/**
 * The Iceberg catalog Keyline writes to: the embedded default (a JDBC catalog on a SQLite file plus
 * a local warehouse folder, no server needed), or any catalog described by a properties file.
 */
@PublicEvolving
public final class Catalogs {

    /** The catalog name Keyline writes under; Trino's jdbc-catalog.catalog-name must match it. */
    public static final String DEFAULT_NAME = "keyline";

    private static final Map<String, String> IMPLEMENTATIONS =
            Map.of(
                    "jdbc", "org.apache.iceberg.jdbc.JdbcCatalog",
                    "rest", "org.apache.iceberg.rest.RESTCatalog",
                    "hadoop", "org.apache.iceberg.hadoop.HadoopCatalog",
                    "hive", "org.apache.iceberg.hive.HiveCatalog",
                    "glue", "org.apache.iceberg.aws.glue.GlueCatalog",
                    "nessie", "org.apache.iceberg.nessie.NessieCatalog");

    private Catalogs() {}

    /** A catalog's name, implementation class and properties. */
    public record Definition(String name, String implementation, Map<String, String> properties) {
        public CatalogLoader loader() {
            return new DriverRegistering(
                    CatalogLoader.custom(name, properties, new Configuration(), implementation));
        }
    }

    /**
     * A catalog loader that first registers the JDBC drivers of its own class loader. {@code
     * DriverManager} hands a connection only to code that sees the driver's class, and finds
     * drivers on its own only once per JVM: a second job on a cluster, in a class loader of its
     * own, would otherwise find no driver for its JDBC catalog.
     */
    private static final class DriverRegistering implements CatalogLoader {

        private static volatile boolean registered;

        private final CatalogLoader delegate;

        DriverRegistering(CatalogLoader delegate) {
            this.delegate = delegate;
        }

        @Override
        public Catalog loadCatalog() {
            if (!registered) {
                Iterator<Driver> drivers =
                        ServiceLoader.load(Driver.class, Catalogs.class.getClassLoader())
                                .iterator();
                while (drivers.hasNext()) {
                    // Loading a driver's class runs its static block, which registers it.
                    drivers.next();
                }
                registered = true;
            }
            return delegate.loadCatalog();
        }

        @Override
        public CatalogLoader clone() {
            return new DriverRegistering(delegate.clone());
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }

    /** The embedded catalog under {@code dataDir}: {@code catalog.db} and {@code warehouse/}. */
    public static CatalogLoader embedded(Path dataDir) {
        return embeddedDefinition(dataDir).loader();
    }

    public static Definition embeddedDefinition(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Map<String, String> props = new HashMap<>();
        props.put(CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.db"));
        props.put(
                CatalogProperties.WAREHOUSE_LOCATION, dir.resolve("warehouse").toUri().toString());
        // Trino's JDBC catalog reads the V1 schema of the catalog tables.
        props.put("jdbc.schema-version", "V1");
        // Several table committers share the SQLite file; wait for its lock instead of failing.
        props.put("jdbc.busy_timeout", "30000");
        props.put(CommitLog.PROPERTY, CommitLog.class.getName());
        return new Definition(DEFAULT_NAME, IMPLEMENTATIONS.get("jdbc"), props);
    }

    /**
     * A catalog from a properties file: {@code type} ({@code jdbc}, {@code rest}, {@code hadoop},
     * {@code hive}, {@code glue}, {@code nessie}) or {@code catalog-impl}, an optional {@code name}
     * (default {@value #DEFAULT_NAME}), and the catalog's own properties ({@code uri}, {@code
     * warehouse}, {@code io-impl}...).
     */
    public static CatalogLoader fromProperties(Path file) {
        return definitionFrom(file).loader();
    }

    public static Definition definitionFrom(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "Cannot read the catalog file "
                            + file
                            + "; check that it exists and is readable.",
                    e);
        }
        Map<String, String> props = new HashMap<>();
        properties
                .stringPropertyNames()
                .forEach(
                        k ->
                                props.put(
                                        k,
                                        SettingReferences.resolve(
                                                properties.getProperty(k).trim(),
                                                k,
                                                file,
                                                System::getenv)));
        String name = props.getOrDefault("name", DEFAULT_NAME);
        String impl = props.get(CatalogProperties.CATALOG_IMPL);
        String type = props.get("type");
        if (impl == null && type != null) {
            impl = IMPLEMENTATIONS.get(type);
            if (impl == null) {
                throw new IllegalArgumentException(
                        "The catalog file "
                                + file
                                + " has type="
                                + type
                                + "; use one of "
                                + String.join(", ", IMPLEMENTATIONS.keySet())
                                + ", or set catalog-impl to a catalog class.");
            }
        }
        if (impl == null) {
            throw new IllegalArgumentException(
                    "The catalog file "
                            + file
                            + " sets neither type nor catalog-impl; add type=jdbc (or rest, hadoop, hive, glue, nessie).");
        }
        props.remove("type");
        props.remove("name");
        props.putIfAbsent(CommitLog.PROPERTY, CommitLog.class.getName());
        return new Definition(name, impl, props);
    }
}
