package io.keyline.cli;

import static io.keyline.cli.CollectorsITCase.column;
import static io.keyline.cli.CollectorsITCase.copy;
import static io.keyline.cli.CollectorsITCase.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.github.FakeGitHub;
import io.keyline.kubernetes.FakeK8s;
import io.keyline.sink.Catalogs;
import io.keyline.sink.KeylineTables;
import io.keyline.testing.MiniClusters;
import io.keyline.testing.SecretSearch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with the GitHub and Kubernetes collectors: an organization's REST API and a cluster's
 * API server on loopback, configured in the settings file, read by one bounded run into the tables,
 * which hold what a run over the same records exported as files holds; neither API token, nor any
 * service account token of the cluster's Secrets, reaches a byte the run wrote or printed.
 */
class GitHubK8sCollectorsITCase {

    @RegisterExtension static final MiniClusterExtension MINI_CLUSTER = MiniClusters.withSlots(2);

    @TempDir Path dir;

    @Test
    void aBoundedRunCollectsAGitHubOrganizationAndAClusterAsTheirExportedFilesWouldBeRead()
            throws Exception {
        Path collected = dir.resolve("collected");
        Path exported = dir.resolve("exported");
        // One pepper for both, so that a secret stored in the cluster has one fingerprint; the
        // collected tables uncompressed, so that the search below reads every byte.
        MiniClusters.pepper(collected);
        MiniClusters.pepper(exported);
        MiniClusters.createUncompressedTables(Catalogs.embedded(collected));
        List<String> secrets = new ArrayList<>(List.of(FakeGitHub.TOKEN, FakeK8s.TOKEN));
        String printed;
        try (FakeGitHub gitHub = new FakeGitHub("").rateLimitOnceAt(4);
                FakeK8s k8s = new FakeK8s()) {
            for (JsonNode secret : k8s.objects("Secret")) {
                String token = secret.path("data").path("token").asText("");
                if (!token.isEmpty()) {
                    secrets.add(token);
                    secrets.add(
                            new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
                }
            }
            Path gitHubToken = Files.writeString(dir.resolve("github-token"), FakeGitHub.TOKEN);
            Path k8sToken = Files.writeString(dir.resolve("k8s-token"), FakeK8s.TOKEN + "\n");
            Path settings =
                    Files.writeString(
                            dir.resolve("keyline.properties"),
                            String.join(
                                    "\n",
                                    "collect.github.org=" + FakeGitHub.ORG,
                                    "collect.github.api-url=" + gitHub.apiUrl(),
                                    "collect.github.token-file=" + gitHubToken,
                                    "collect.github.since=2026-01-01",
                                    "collect.github.page-size=4",
                                    "collect.k8s.cluster=shop-eks",
                                    "collect.k8s.url=" + k8s.api().url(),
                                    "collect.k8s.token-file=" + k8sToken,
                                    "collect.k8s.secret-values=true",
                                    "collect.k8s.page-size=2",
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
            // Both were read through their APIs: every page of the log and every listing.
            assertThat(gitHub.api().requests("/orgs/" + FakeGitHub.ORG + "/audit-log"))
                    .hasSizeGreaterThanOrEqualTo(5);
            assertThat(gitHub.api().requests("/repos/" + FakeGitHub.ORG + "/payments/keys"))
                    .hasSize(1);
            assertThat(k8s.api().requests("/api/v1/serviceaccounts")).hasSize(4);
        }

        // The same records, as exports in the input-folder layout.
        Path input = dir.resolve("input");
        String org = FakeGitHub.ORG;
        copy(
                "/fixtures/github/audit-rest-page.json",
                input.resolve("github-audit/" + org + "/page.json"));
        copy(
                "/fixtures/github/audit-streamed-token-events.jsonl",
                input.resolve("github-audit/" + org + "/stream.jsonl"));
        copy(
                "/fixtures/github/go-github-org-fine-grained-pats-list.json",
                input.resolve("github-pats/" + org + "/tokens.json"));
        copy(
                "/fixtures/github/list-pat-requests.json",
                input.resolve("github-pat-requests/" + org + "/requests.json"));
        copy(
                "/fixtures/github/list-deploy-keys.json",
                input.resolve("github-deploy-keys/" + org + "/payments/keys.json"));
        copy(
                "/fixtures/github/list-app-installations.json",
                input.resolve("github-app-installations/" + org + "/installations.json"));
        copy(
                "/fixtures/k8s/kubectl-get-all.json",
                input.resolve("k8s-serviceaccounts/shop-eks/all.json"));
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
        Function<Record, Object> reason = r -> r.getField("source") + ": " + r.getField("reason");
        assertThat(column(fromApi, KeylineTables.DEAD_LETTERS, reason))
                .isEqualTo(column(fromFiles, KeylineTables.DEAD_LETTERS, reason));
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
        assertThat(column(fromApi, KeylineTables.CREDENTIALS, credential))
                .anyMatch(c -> c.startsWith("github:deploy-key:acme-platform/payments/"))
                .anyMatch(c -> c.startsWith("github:pat:acme-platform/"))
                .anyMatch(c -> c.startsWith("k8s:sa-token:shop-eks/"))
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIALS, credential));
        Function<Record, Object> identity =
                r ->
                        r.getField("identity_id")
                                + " "
                                + r.getField("privilege_tier")
                                + " "
                                + r.getField("owner");
        assertThat(column(fromApi, KeylineTables.IDENTITIES, identity))
                .anyMatch(i -> i.startsWith("github:app:deploy-helper "))
                .anyMatch(i -> i.startsWith("k8s:sa:shop-eks/"))
                .isEqualTo(column(fromFiles, KeylineTables.IDENTITIES, identity));
        Function<Record, Object> location =
                r -> r.getField("credential_id") + " " + r.getField("path");
        assertThat(column(fromApi, KeylineTables.CREDENTIAL_LOCATIONS, location))
                .isNotEmpty()
                .isEqualTo(column(fromFiles, KeylineTables.CREDENTIAL_LOCATIONS, location));
        Function<Record, Object> auditEvent =
                r -> "github-audit".equals(r.getField("source")) ? r.getField("event_id") : "";
        assertThat(column(fromApi, KeylineTables.EVENTS, auditEvent))
                .hasSizeGreaterThan(5)
                .isEqualTo(column(fromFiles, KeylineTables.EVENTS, auditEvent));

        // The tokens are in no file of the warehouse and in nothing the run printed.
        assertThat(SecretSearch.filesContaining(collected, secrets)).isEmpty();
        assertThat(secrets).allSatisfy(s -> assertThat(printed).doesNotContain(s));
        assertThat(printed).contains("Inventory written to");
    }
}
