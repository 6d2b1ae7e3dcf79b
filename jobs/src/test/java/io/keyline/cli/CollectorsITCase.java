package io.keyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.Json;
import io.keyline.gcp.FakeGcp;
import io.keyline.gcp.FakePubSub;
import io.keyline.okta.FakeOkta;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SecretSearch;
import io.keyline.testing.Tables;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with collectors: an Okta org's API, and Google Cloud's Pub/Sub (over gRPC), token
 * endpoint, IAM API and Resource Manager, on loopback, configured in the settings file, read by a
 * bounded run into the tables, which hold what a run over the same records exported as files holds;
 * no secret reaches a byte the run wrote or printed.
 */
class CollectorsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir Path dir;

    @Test
    void aBoundedRunCollectsAnOktaOrgAsItsExportedFilesWouldBeRead() throws Exception {
        Path collected = dir.resolve("collected");
        Path exported = dir.resolve("exported");
        String printed;
        try (FakeOkta okta = new FakeOkta(4).rateLimitOnceAt(4)) {
            Path token = Files.writeString(dir.resolve("okta-token"), FakeOkta.TOKEN + "\n");
            Path settings =
                    Files.writeString(
                            dir.resolve("keyline.properties"),
                            "collect.okta.url="
                                    + okta.api().url()
                                    + "\ncollect.okta.token-file="
                                    + token
                                    + "\ncollect.okta.since=2026-10-26\n"
                                    + "collect.okta.page-size=4\n");
            printed =
                    run(
                            "run",
                            "--config",
                            settings.toString(),
                            "--bounded",
                            "--warehouse",
                            collected.toString(),
                            "--parallelism",
                            "2");
            // The org was read through its API: every page of the log, and both listings.
            assertThat(okta.api().requests("/api/v1/logs")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(okta.api().requests("/api/v1/api-tokens")).hasSize(1);
            assertThat(okta.api().requests("/api/v1/users")).hasSize(3);
        }

        // The same records, as an export in the input-folder layout, for the org of the host.
        Path input = dir.resolve("input");
        copy(
                "/fixtures/okta/system-log-admin-api.json",
                input.resolve("okta-system-log/127.0.0.1/logs.json"));
        copy(
                "/fixtures/okta/api-tokens.json",
                input.resolve("okta-api-tokens/127.0.0.1/tokens.json"));
        copy("/fixtures/okta/users.json", input.resolve("okta-users/127.0.0.1/users.json"));
        run(
                "run",
                "--input",
                input.toString(),
                "--bounded",
                "--warehouse",
                exported.toString(),
                "--parallelism",
                "2");

        CatalogLoader fromApi = Catalogs.embedded(collected);
        CatalogLoader fromFiles = Catalogs.embedded(exported);
        assertThat(column(fromApi, KeylineTables.DEAD_LETTERS, r -> r.getField("reason")))
                .isEmpty();
        Function<Record, Object> credential =
                r ->
                        r.getField("credential_id")
                                + " "
                                + r.getField("credential_type")
                                + " "
                                + r.getField("status")
                                + " "
                                + r.getField("identity_id")
                                + " "
                                + r.getField("created_by");
        Set<String> credentials = column(fromApi, KeylineTables.CREDENTIALS, credential);
        assertThat(credentials)
                .isNotEmpty()
                .anyMatch(c -> c.startsWith("okta:127.0.0.1:api-token:"))
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIALS, credential));
        Function<Record, Object> identity =
                r ->
                        r.getField("identity_id")
                                + " "
                                + r.getField("privilege_tier")
                                + " "
                                + r.getField("owner");
        assertThat(column(fromApi, KeylineTables.IDENTITIES, identity))
                .isEqualTo(column(fromFiles, KeylineTables.IDENTITIES, identity));
        Function<Record, Object> logEvent =
                r -> "okta-system-log".equals(r.getField("source")) ? r.getField("event_id") : "";
        assertThat(column(fromApi, KeylineTables.EVENTS, logEvent))
                .hasSizeGreaterThan(5)
                .isEqualTo(column(fromFiles, KeylineTables.EVENTS, logEvent));

        // The token is in no file of the warehouse and in nothing the run printed.
        assertThat(SecretSearch.filesContaining(collected, List.of(FakeOkta.TOKEN))).isEmpty();
        assertThat(printed).doesNotContain(FakeOkta.TOKEN).contains("Inventory written to");
    }

    @Test
    void aBoundedRunCollectsGoogleCloudAsItsExportedFilesWouldBeRead() throws Exception {
        String subscription = "projects/acme-prod/subscriptions/keyline-audit";
        List<byte[]> entries = FakePubSub.auditEntries();
        Path collected = dir.resolve("collected");
        Path exported = dir.resolve("exported");
        String printed;
        try (FakePubSub pubsub = new FakePubSub();
                FakeGcp gcp = new FakeGcp()) {
            pubsub.subscription(subscription, Duration.ofSeconds(60));
            entries.forEach(e -> pubsub.publish(subscription, e));
            pubsub.startOnLoopback();
            Path credentials = gcp.credentialsFile(dir);
            Path settings =
                    Files.writeString(
                            dir.resolve("keyline.properties"),
                            String.join(
                                    "\n",
                                    "collect.gcp-pubsub.subscriptions=" + subscription,
                                    "collect.gcp-pubsub.endpoint=" + pubsub.endpoint(),
                                    "collect.gcp-pubsub.max-messages=5",
                                    "collect.gcp.projects=" + FakeGcp.PROJECT,
                                    "collect.gcp.credentials-file=" + credentials,
                                    "collect.gcp.iam-url=" + gcp.api().url(),
                                    "collect.gcp.resource-manager-url=" + gcp.api().url(),
                                    "collect.gcp.page-size=2",
                                    ""));
            printed =
                    run(
                            "run",
                            "--config",
                            settings.toString(),
                            "--bounded",
                            "--warehouse",
                            collected.toString(),
                            "--parallelism",
                            "2");
            // Every message was pulled once over gRPC, and acknowledged once the run's last
            // checkpoint had completed.
            assertThat(pubsub.deliveries(subscription)).hasSize(entries.size()).containsOnly(1);
            assertThat(pubsub.acknowledged(subscription)).hasSize(entries.size());
            // The listings went through the IAM API and Resource Manager with a refreshed token.
            assertThat(gcp.api().requests("/v1/projects/acme-prod/serviceAccounts"))
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(gcp.api().requests("/v1/projects/acme-prod:getIamPolicy")).hasSize(1);
            assertThat(gcp.api().requests("/token")).isNotEmpty();
        }

        // The same records, as exports in the input-folder layout, in the project's folder.
        Path input = dir.resolve("input");
        StringBuilder lines = new StringBuilder();
        for (byte[] e : entries) {
            lines.append(Json.MAPPER.readTree(e)).append('\n');
        }
        Files.createDirectories(input.resolve("gcp-audit/acme-prod"));
        Files.writeString(input.resolve("gcp-audit/acme-prod/entries.jsonl"), lines);
        copy(
                "/fixtures/gcp/listings/gcloud-service-accounts-list.json",
                input.resolve("gcp-service-accounts/acme-prod/accounts.json"));
        copy(
                "/fixtures/gcp/listings/gcloud-sa-keys-list.json",
                input.resolve("gcp-sa-keys/acme-prod/keys.json"));
        copy(
                "/fixtures/gcp/listings/get-iam-policy.json",
                input.resolve("gcp-iam-policy/acme-prod/policy.json"));
        run(
                "run",
                "--input",
                input.toString(),
                "--bounded",
                "--warehouse",
                exported.toString(),
                "--parallelism",
                "2");

        CatalogLoader fromApi = Catalogs.embedded(collected);
        CatalogLoader fromFiles = Catalogs.embedded(exported);
        assertThat(column(fromApi, KeylineTables.DEAD_LETTERS, r -> r.getField("reason")))
                .isEmpty();
        Function<Record, Object> credential =
                r ->
                        r.getField("credential_id")
                                + " "
                                + r.getField("credential_type")
                                + " "
                                + r.getField("status")
                                + " "
                                + r.getField("identity_id");
        assertThat(column(fromApi, KeylineTables.CREDENTIALS, credential))
                .anyMatch(c -> c.startsWith("gcp:sa-key:web-deployer@acme-prod"))
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIALS, credential));
        Function<Record, Object> identity =
                r ->
                        r.getField("identity_id")
                                + " "
                                + r.getField("privilege_tier")
                                + " "
                                + r.getField("owner");
        assertThat(column(fromApi, KeylineTables.IDENTITIES, identity))
                .anyMatch(i -> i.startsWith("gcp:sa:legacy-sync@acme-prod"))
                .isEqualTo(column(fromFiles, KeylineTables.IDENTITIES, identity));
        Function<Record, Object> auditEvent =
                r -> "gcp-audit".equals(r.getField("source")) ? r.getField("event_id") : "";
        assertThat(column(fromApi, KeylineTables.EVENTS, auditEvent))
                .hasSizeGreaterThan(20)
                .isEqualTo(column(fromFiles, KeylineTables.EVENTS, auditEvent));

        // No secret of the credentials, nor the token they gave, is in any file or in the output.
        List<String> secrets =
                List.of(FakeGcp.REFRESH_TOKEN, FakeGcp.CLIENT_SECRET, FakeGcp.ACCESS_TOKEN);
        assertThat(SecretSearch.filesContaining(collected, secrets)).isEmpty();
        assertThat(printed).doesNotContain(secrets).contains("Inventory written to");
    }

    static Set<String> column(
            CatalogLoader catalog, KeylineTables.Spec table, Function<Record, Object> value)
            throws Exception {
        Set<String> out = new TreeSet<>();
        for (Record r : Tables.rows(catalog, table)) {
            Object v = value.apply(r);
            if (v != null && !"".equals(v)) {
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    static void copy(String resource, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        try (InputStream in = FakeOkta.class.getResourceAsStream(resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

    /** Runs a command of the command line; what it printed. */
    static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Keyline.execute(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        return printed;
    }
}
