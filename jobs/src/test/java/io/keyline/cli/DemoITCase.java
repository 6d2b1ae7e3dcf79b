package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.testing.MiniClusters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, small: generate every system, run, and summarize. */
class DemoITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir Path dir;

    @Test
    void theDemoSummarizesEverySystemAndShowsChainsAcrossThem() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code =
                    Keyline.execute(
                            "demo",
                            "--identities",
                            "400",
                            "--days",
                            "5",
                            "--parallelism",
                            "2",
                            "--warehouse",
                            dir.resolve("data").toString());
        } finally {
            System.setOut(original);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(report).isZero();
        assertThat(report)
                .contains("Other systems: 3 teams")
                .containsPattern("by system +aws [0-9,]+ +azure [0-9,]+ +gcp [0-9,]+ +github")
                .contains("orphaned-credential  [high]")
                .contains("exposed-secret  [critical]")
                .contains("The five worst credentials")
                .contains("Across systems")
                .contains("The credential stored in the most places:")
                .contains("├─ stored at: 4")
                .contains("The most privileged credential whose owner has left:")
                .containsPattern(
                        "owner: \\S+@example.com \\(from hr-manager, confidence [0-9.]+\\); departed")
                .contains("lineage --warehouse " + dir.resolve("data"));
    }
}
