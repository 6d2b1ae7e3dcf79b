package io.keyline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink MiniCluster the job tests run on, and the pepper they fingerprint with. */
public final class MiniClusters {

    private MiniClusters() {}

    /**
     * One task manager with {@code slots} slots; a failed job fails the test at once instead of
     * restarting.
     */
    public static MiniClusterExtension withSlots(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .setConfiguration(
                                new Configuration()
                                        .set(RestartStrategyOptions.RESTART_STRATEGY, "none"))
                        .build());
    }

    /** Writes a test pepper into {@code dir} and returns its file. */
    public static Path pepper(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(
                dir.resolve("pepper"), "a-test-pepper-of-enough-length-0123456789");
    }
}
