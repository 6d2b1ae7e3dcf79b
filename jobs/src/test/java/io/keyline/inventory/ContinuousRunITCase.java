package io.keyline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.Tables;
import io.keyline.testing.TrailEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
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

    @TempDir Path dir;

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
                    TrailEvents.newAdminKey(
                            "2026-01-01T00:00:00Z",
                            "2026-01-01T00:01:00Z",
                            "AKIAQX7EXAMPLECONT01",
                            "svc-x"));
            // Renamed into place whole, as a delivery would be.
            Files.move(input.resolve(".a.jsonl.tmp"), input.resolve("a.jsonl"));
            Record key =
                    Tables.await(
                            catalog,
                            KeylineTables.CREDENTIALS,
                            r ->
                                    "aws:access-key:AKIAQX7EXAMPLECONT01"
                                                    .equals(r.getField("credential_id"))
                                            && "admin".equals(r.getField("privilege_tier")));
            assertThat(key.getField("status")).isEqualTo("Active");
            assertThat(key.getField("created_by")).isEqualTo("ana.silva@example.com");
            assertThat(key.getField("owner")).isEqualTo("ana.silva@example.com");
            assertThat(Tables.rows(catalog, KeylineTables.ALERTS)).isEmpty();

            // Twenty days later another key is used: the watermark passes the new key's
            // never-used deadline (7 days after its creation) and the rule fires.
            Files.writeString(
                    input.resolve(".b.jsonl.tmp"),
                    TrailEvents.call(
                            "2026-01-21T00:00:00Z",
                            "GetCallerIdentity",
                            TrailEvents.OTHER_KEY,
                            "null",
                            "null"));
            Files.move(input.resolve(".b.jsonl.tmp"), input.resolve("b.jsonl"));
            Record alert =
                    Tables.await(
                            catalog,
                            KeylineTables.ALERTS,
                            r -> AlertRules.UNUSED_PRIVILEGED.equals(r.getField("rule")));
            assertThat(alert.getField("credential_id"))
                    .isEqualTo("aws:access-key:AKIAQX7EXAMPLECONT01");
            assertThat(((OffsetDateTime) alert.getField("event_time")).toInstant())
                    .hasToString("2026-01-08T00:00:00Z");
            assertThat(alert.getField("owner")).isEqualTo("ana.silva@example.com");
            Tables.await(
                    catalog,
                    KeylineTables.CREDENTIALS,
                    r -> "aws:access-key:AKIAQX7EXAMPLECONT02".equals(r.getField("credential_id")));
        } finally {
            job.cancel().get();
        }
    }
}
