package io.keyline.testing;

import io.keyline.sink.KeylineTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;

/** The Flink MiniCluster the job tests run on, and the pepper they fingerprint with. */
public final class MiniClusters {

    private MiniClusters() {}

    /**
     * One task manager with {@code slots} slots; a failed job fails the test at once instead of
     * restarting.
     */
    public static MiniClusterExtension withSlots(int slots) {
        return withSlots(slots, new Configuration());
    }

    /** The same, its metrics also reported to {@code metrics}. */
    public static MiniClusterExtension withSlots(int slots, InMemoryReporter metrics) {
        return withSlots(slots, metrics.addToConfiguration(new Configuration()));
    }

    private static MiniClusterExtension withSlots(int slots, Configuration conf) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none"))
                        .build());
    }

    /** Writes a test pepper into {@code dir} and returns its file. */
    public static Path pepper(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(
                dir.resolve("pepper"), "a-test-pepper-of-enough-length-0123456789");
    }

    /**
     * Creates Keyline's tables in {@code catalog} with uncompressed data and metadata files, so
     * that a zero-knowledge test can search every byte a run writes.
     */
    public static void createUncompressedTables(CatalogLoader catalog) throws Exception {
        Catalog c = catalog.loadCatalog();
        try {
            KeylineTables.createMissing(
                    c,
                    Map.of(
                            "write.parquet.compression-codec", "uncompressed",
                            "write.avro.compression-codec", "uncompressed"));
        } finally {
            ((AutoCloseable) c).close();
        }
    }
}
