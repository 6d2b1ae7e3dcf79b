package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.testing.MiniClusters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code query} against a catalog described by a properties file. */
class CatalogFileITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir Path dir;

    @Test
    void aJdbcCatalogFromAPropertiesFileIsWrittenAndQueried() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input").resolve("cloudtrail"));
        Files.writeString(
                input.resolve("trail.jsonl"),
                "{\"eventTime\":\"2025-01-01T00:00:00Z\",\"eventName\":\"ListBuckets\","
                        + "\"eventSource\":\"s3.amazonaws.com\",\"eventID\":\"c-1\","
                        + "\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/ci\","
                        + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAQX7EXAMPLEKEY010\"}}\n");
        Path lake = Files.createDirectories(dir.resolve("lake"));
        Path catalog =
                Files.writeString(
                        dir.resolve("catalog.properties"),
                        "type=jdbc\n"
                                + "name=lake\n"
                                + "uri=jdbc:sqlite:"
                                + lake.resolve("lake.db")
                                + "\n"
                                + "jdbc.schema-version=V1\n"
                                + "warehouse="
                                + lake.resolve("tables").toUri()
                                + "\n");
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int run;
        int query;
        try {
            run =
                    Keyline.execute(
                            "run",
                            "--input",
                            input.getParent().toString(),
                            "--bounded",
                            "--parallelism",
                            "2",
                            "--catalog",
                            catalog.toString());
            out.reset();
            query =
                    Keyline.execute(
                            "query",
                            "--catalog",
                            catalog.toString(),
                            "SELECT credential_id, status FROM credentials");
        } finally {
            System.setOut(original);
        }
        assertThat(run).isZero();
        assertThat(query).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim())
                .isEqualTo("credential_id,status\naws:access-key:AKIAQX7EXAMPLEKEY010,Active");
        assertThat(lake.resolve("tables").resolve("keyline").resolve("credentials")).isDirectory();
    }
}
