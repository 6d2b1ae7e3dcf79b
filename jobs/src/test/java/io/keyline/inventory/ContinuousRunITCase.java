package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.sink.TableReader;
import io.keyline.testing.MiniClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continuous run on a MiniCluster: the job watches its input folder, picks up files as they
 * arrive, commits the tables at each checkpoint, and fires an alert when the watermark passes a
 * rule's deadline.
 */
class ContinuousRunITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir Path dir;

    private static String call(
            String time, String name, String identity, String params, String response) {
        return "{\"eventVersion\":\"1.09\",\"eventTime\":\""
                + time
                + "\",\"eventSource\":\""
                + (name.startsWith("Get") ? "sts" : "iam")
                + ".amazonaws.com\",\"eventName\":\""
                + name
                + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.7\","
                + "\"userAgent\":\"aws-cli/2.22.1\",\"recipientAccountId\":\"111122223333\","
                + "\"eventID\":\""
                + name
                + "-"
                + time
                + "\",\"userIdentity\":"
                + identity
                + ",\"requestParameters\":"
                + params
                + ",\"responseElements\":"
                + response
                + "}\n";
    }

    private static final String PERSON =
            "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::111122223333:assumed-role/"
                    + "AWSReservedSSO_AdministratorAccess_0123456789abcdef/ana.silva@example.com\","
                    + "\"accountId\":\"111122223333\",\"accessKeyId\":\"ASIAQX7EXAMPLE000099\","
                    + "\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":"
                    + "\"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                    + "AWSReservedSSO_AdministratorAccess_0123456789abcdef\"}}}";

    private static final String OTHER_KEY =
            "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/svc-other\","
                    + "\"accountId\":\"111122223333\",\"accessKeyId\":\"AKIAQX7EXAMPLECONT02\","
                    + "\"userName\":\"svc-other\"}";

    @Test
    void newFilesAreInventoriedAndTheWatermarkFiresTheRules() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input").resolve("cloudtrail"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Path pepper = MiniClusters.pepper(data);
        CatalogLoader catalog = Catalogs.embedded(data);
        JobClient job =
                InventoryRunner.start(
                        new InventoryRunner.Options(
                                input.getParent(),
                                catalog,
                                InventorySettings.builder()
                                        .bounded(false)
                                        .idleness(Duration.ofSeconds(1))
                                        .flushInterval(Duration.ofMillis(500))
                                        .fingerprinter(Fingerprinter.fromFile(pepper))
                                        .build(),
                                2,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(1),
                                dir.resolve("checkpoints")));
        try {
            // A person creates a key for a service user and makes the user an administrator.
            Files.writeString(
                    input.resolve(".a.jsonl.tmp"),
                    call(
                                    "2026-01-01T00:00:00Z",
                                    "CreateAccessKey",
                                    PERSON,
                                    "{\"userName\":\"svc-x\"}",
                                    "{\"accessKey\":{\"accessKeyId\":\"AKIAQX7EXAMPLECONT01\","
                                            + "\"status\":\"Active\",\"userName\":\"svc-x\"}}")
                            + call(
                                    "2026-01-01T00:01:00Z",
                                    "AttachUserPolicy",
                                    PERSON,
                                    "{\"userName\":\"svc-x\",\"policyArn\":"
                                            + "\"arn:aws:iam::aws:policy/AdministratorAccess\"}",
                                    "null"));
            // Renamed into place whole, as a delivery would be.
            Files.move(input.resolve(".a.jsonl.tmp"), input.resolve("a.jsonl"));
            Record key =
                    await(
                            catalog,
                            KeylineTables.CREDENTIALS,
                            r ->
                                    "aws:access-key:AKIAQX7EXAMPLECONT01"
                                                    .equals(r.getField("credential_id"))
                                            && "admin".equals(r.getField("privilege_tier")));
            assertThat(key.getField("status")).isEqualTo("Active");
            assertThat(key.getField("created_by")).isEqualTo("ana.silva@example.com");
            assertThat(key.getField("owner")).isEqualTo("ana.silva@example.com");
            assertThat(rows(catalog, KeylineTables.ALERTS)).isEmpty();

            // Twenty days later another key is used: the watermark passes the new key's
            // never-used deadline (7 days after its creation) and the rule fires.
            Files.writeString(
                    input.resolve(".b.jsonl.tmp"),
                    call("2026-01-21T00:00:00Z", "GetCallerIdentity", OTHER_KEY, "null", "null"));
            Files.move(input.resolve(".b.jsonl.tmp"), input.resolve("b.jsonl"));
            Record alert =
                    await(
                            catalog,
                            KeylineTables.ALERTS,
                            r -> AlertRules.UNUSED_PRIVILEGED.equals(r.getField("rule")));
            assertThat(alert.getField("credential_id"))
                    .isEqualTo("aws:access-key:AKIAQX7EXAMPLECONT01");
            assertThat(((OffsetDateTime) alert.getField("event_time")).toInstant())
                    .hasToString("2026-01-08T00:00:00Z");
            assertThat(alert.getField("owner")).isEqualTo("ana.silva@example.com");
            await(
                    catalog,
                    KeylineTables.CREDENTIALS,
                    r -> "aws:access-key:AKIAQX7EXAMPLECONT02".equals(r.getField("credential_id")));
        } finally {
            job.cancel().get();
        }
    }

    private static List<Record> rows(CatalogLoader catalog, KeylineTables.Spec spec)
            throws Exception {
        try (TableReader tables = new TableReader(catalog)) {
            return tables.rows(spec);
        }
    }

    /** Polls a table until a row matches, for at most {@link #PATIENCE}. */
    private static Record await(
            CatalogLoader catalog, KeylineTables.Spec spec, Predicate<Record> wanted)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (Record r : rows(catalog, spec)) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("No matching row in " + spec.name() + " after " + PATIENCE);
    }
}
