package io.keyline.kubernetes;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class K8sServiceAccountsParserTest {

    private static final String FORMAT = "k8s-serviceaccounts";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /** The values planted in the fixture's Secrets; none may reach any output. */
    private static final List<String> PLANTED =
            List.of(
                    "kl-planted-api-key-6f1d2a9c04be",
                    "Planted-Passw0rd-5512",
                    "ghp_PlantedGithubToken0123456789abcdefXY",
                    "sk-proj-planted-llm-key-000000000000000000000000",
                    "planted-string-data-token-77",
                    "MIIEplantedPrivateKeyMaterial0000",
                    "eyJhbGciOiJSUzI1NiIsImtpZCI6InBsYW50ZWQifQ.eyJzdWIiOiJwbGFudGVkIn0.plantedsignature");

    private static ListParseOutput parse(String fileName, String fixture) {
        return K8sFiles.parse(FORMAT, fileName, K8sFiles.fixture(fixture), OBSERVED_AT);
    }

    private static ListParseOutput parseText(String fileName, String content) {
        return K8sFiles.parse(FORMAT, fileName, content, OBSERVED_AT);
    }

    @Test
    void aClusterWideListingStatesEveryAccountTokenCredentialAndGrant() {
        ListParseOutput out = parse("shop-eks/2026-11-01-get-all.json", "kubectl-get-all.json");

        String sa = "k8s:sa:shop-eks/";
        String full = ", snapshot=full}";
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity="
                                + sa
                                + "shop/default {account=shop-eks, createdAt=2026-03-01T10:00:00Z, identityType=service-account, name=default"
                                + full,
                        "OBSERVED identity="
                                + sa
                                + "shop/deployer {account=shop-eks, createdAt=2026-02-14T08:30:00Z, identityType=service-account, name=deployer"
                                + full,
                        "TRUSTS identity=arn:aws:iam::111122223333:role/shop-deployer resource="
                                + sa
                                + "shop/deployer {trustSource=policy}",
                        // A label value cannot hold an address: team=shop is no hint.
                        "OWNER_HINT identity="
                                + sa
                                + "shop/deployer actor=erin@example.com {ownerSource=tag}",
                        "OWNER_HINT identity="
                                + sa
                                + "shop/deployer actor=shop-team@example.com {ownerSource=team}",
                        "OBSERVED identity="
                                + sa
                                + "shop/catalog-sync {account=shop-eks, createdAt=2026-10-31T09:00:00Z, identityType=service-account, name=catalog-sync"
                                + full,
                        "TRUSTS identity=gcp:sa:catalog-sync@shop-prod.iam.gserviceaccount.com resource="
                                + sa
                                + "shop/catalog-sync {trustSource=policy}",
                        "OWNER_HINT identity="
                                + sa
                                + "shop/catalog-sync actor=frank@example.com {ownerSource=tag}",
                        "OBSERVED identity="
                                + sa
                                + "shop/broken-irsa {account=shop-eks, createdAt=2026-03-01T10:00:00Z, identityType=service-account, name=broken-irsa"
                                + full,
                        "OBSERVED identity="
                                + sa
                                + "payments/ledger-writer {account=shop-eks, createdAt=2026-03-01T10:00:00Z, identityType=service-account, name=ledger-writer"
                                + full,
                        "TRUSTS identity=azure:sp:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b resource="
                                + sa
                                + "payments/ledger-writer {trustSource=policy}",
                        // Without a tenant the Azure principal has no id.
                        "OBSERVED identity="
                                + sa
                                + "payments/reporter {account=shop-eks, createdAt=2026-03-01T10:00:00Z, identityType=service-account, name=reporter"
                                + full,
                        "OBSERVED identity="
                                + sa
                                + "kube-system/default {account=shop-eks, createdAt=2025-12-01T00:00:00Z, identityType=service-account, name=default"
                                + full,
                        "OBSERVED credential=k8s:sa-token:shop-eks/shop/deployer-token-8xk2p type=K8S_SA_TOKEN identity="
                                + sa
                                + "shop/deployer {account=shop-eks, createdAt=2026-02-14T08:30:05Z, expiresAt=never, lastUsedAt=2026-10-12T00:00:00Z, name=deployer-token-8xk2p, status=Active}",
                        "OBSERVED credential=k8s:sa-token:shop-eks/shop/old-ci-token type=K8S_SA_TOKEN identity="
                                + sa
                                + "shop/default {account=shop-eks, createdAt=2024-05-20T12:00:00Z, expiresAt=never, lastUsedAt=2025-08-30T00:00:00Z, name=old-ci-token, status=Inactive}",
                        // Credential-like keys and credential-shaped values; username,
                        // config-path and the rest are not credentials.
                        stored(
                                K8sFiles.fingerprintId(PLANTED.get(0)),
                                "GENERIC_SECRET",
                                "shop-api#API_KEY"),
                        stored(
                                K8sFiles.fingerprintId(PLANTED.get(1)),
                                "GENERIC_SECRET",
                                "shop-api#password"),
                        stored(
                                "github:token:" + Fingerprinter.githubHashedToken(PLANTED.get(2)),
                                "GITHUB_PAT",
                                "shop-api#value"),
                        stored(
                                K8sFiles.fingerprintId(PLANTED.get(3)),
                                "LLM_API_KEY",
                                "shop-api#model"),
                        stored(
                                K8sFiles.fingerprintId(PLANTED.get(4)),
                                "GENERIC_SECRET",
                                "shop-api#DB_TOKEN"),
                        stored(
                                K8sFiles.fingerprintId(
                                        "-----BEGIN PRIVATE KEY-----\n"
                                                + PLANTED.get(5)
                                                + "\n-----END PRIVATE KEY-----"),
                                "GENERIC_SECRET",
                                "shop-tls#tls.key"),
                        "GRANTED identity="
                                + sa
                                + "shop/deployer resource=clusterrole:cluster-admin {account=shop-eks, privilege=admin, privilegeReason=cluster-admin, resources=*"
                                + full,
                        "GRANTED identity="
                                + sa
                                + "payments/ledger-writer resource=clusterrole:secret-reader {account=shop-eks, privilege=high, privilegeReason=reads secrets, resources=*"
                                + full,
                        "GRANTED identity="
                                + sa
                                + "payments/reporter resource=clusterrole:secret-reader {account=shop-eks, privilege=high, privilegeReason=reads secrets, resources=*"
                                + full,
                        "GRANTED identity="
                                + sa
                                + "shop/deployer resource=role:shop/deploy-manager {account=shop-eks, privilege=high, privilegeReason=can create deployments, resources=shop"
                                + full,
                        "GRANTED identity="
                                + sa
                                + "shop/catalog-sync resource=role:shop/config-editor {account=shop-eks, privilege=write, privilegeReason=can change configmaps, resources=shop"
                                + full,
                        "GRANTED identity="
                                + sa
                                + "kube-system/bootstrap-signer resource=role:kube-system/system:controller:bootstrap-signer {account=shop-eks, privilege=write, privilegeReason=custom role system:controller:bootstrap-signer, resources=kube-system"
                                + full,
                        "GRANTED identity="
                                + sa
                                + "payments/reporter resource=clusterrole:view {account=shop-eks, privilege=read, privilegeReason=built-in role view, resources=payments"
                                + full);
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the eks.amazonaws.com/role-arn annotation of a ServiceAccount is not a role ARN",
                        "an entry of the data of a Secret is not valid base64",
                        "a ServiceAccount subject of a ClusterRoleBinding has no name or namespace that is a name");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "k8s:sa:shop-eks/shop/default",
                                "2026-11-01T00:00:00Z"));
        assertThat(out.events()).extracting(IdentityEvent::getEventId).doesNotHaveDuplicates();
    }

    private static String stored(String credential, String type, String where) {
        return "STORED_AT credential="
                + credential
                + " type="
                + type
                + " location=k8s-secret:shop-eks/shop/"
                + where
                + " {account=shop-eks, secretKey="
                + where.substring(where.indexOf('#') + 1)
                + "}";
    }

    @Test
    void noSecretValueNorAnnotationOfASecretReachesAnyOutput() {
        ListParseOutput out = parse("shop-eks/get-all.json", "kubectl-get-all.json");

        List<String> encoded =
                PLANTED.stream()
                        .map(v -> Base64.getEncoder().encodeToString(v.getBytes(UTF_8)))
                        .toList();
        for (IdentityEvent e : out.events()) {
            String json = EventJson.toJson(e);
            PLANTED.forEach(secret -> assertThat(json).doesNotContain(secret));
            encoded.forEach(secret -> assertThat(json).doesNotContain(secret));
            assertThat(json).doesNotContain("last-applied");
        }
        for (ListParseOutput.Rejection r : out.rejections()) {
            String payload = new String(r.payload(), StandardCharsets.UTF_8);
            PLANTED.forEach(secret -> assertThat(payload).doesNotContain(secret));
            encoded.forEach(secret -> assertThat(payload).doesNotContain(secret));
            PLANTED.forEach(secret -> assertThat(r.reason()).doesNotContain(secret));
            assertThat(payload).doesNotContain("last-applied").doesNotContain("not-base64");
        }
    }

    @Test
    void aTypedListNamesItsItemsKindAndOneNamespaceIsNoFullListing() {
        ListParseOutput out = parse("ci-cluster/sas.json", "serviceaccountlist.json");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=k8s:sa:ci-cluster/ci/builder {account=ci-cluster, createdAt=2026-01-05T09:00:00Z, identityType=service-account, name=builder}",
                        "OBSERVED identity=k8s:sa:ci-cluster/ci/pipeline {account=ci-cluster, createdAt=2026-01-05T09:00:01Z, identityType=service-account, name=pipeline}",
                        "OWNER_HINT identity=k8s:sa:ci-cluster/ci/pipeline actor=grace@example.com {ownerSource=tag}");
    }

    @Test
    void objectsOnePerLineAreTieredByRoleNameAndNeverFull() {
        ListParseOutput out = parse("ci-cluster/objects.jsonl", "objects.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=k8s:sa:ci-cluster/ci/pipeline {account=ci-cluster, createdAt=2026-01-05T09:00:01Z, identityType=service-account, name=pipeline}",
                        "GRANTED identity=k8s:sa:ci-cluster/ci/pipeline resource=clusterrole:admin {account=ci-cluster, privilege=high, privilegeReason=built-in role admin, resources=ci}",
                        "GRANTED identity=k8s:sa:ci-cluster/ci/pipeline resource=clusterrole:cluster-deployer {account=ci-cluster, privilege=write, privilegeReason=custom role cluster-deployer, resources=*}");
        // The same account seen in two files of the same time is one fact.
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        parse("ci-cluster/sas.json", "serviceaccountlist.json")
                                .events()
                                .get(1)
                                .getEventId());
    }

    @Test
    void aPageOfAListingOrAListingWithoutRoleBindingsIsNotFull() {
        String items =
                "[{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n1\"}},"
                        + "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"b\",\"namespace\":\"n2\"}},"
                        + "{\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"x\"},"
                        + "\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"view\"},"
                        + "\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"a\",\"namespace\":\"n1\"}]}%s]";
        String rb =
                ",{\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"y\",\"namespace\":\"n2\"},"
                        + "\"roleRef\":{\"kind\":\"Role\",\"name\":\"r\"},\"subjects\":[]}";

        String complete = "{\"kind\":\"List\",\"items\":" + String.format(items, rb) + "}";
        assertThat(parseText("c/all.json", complete).events())
                .allSatisfy(e -> assertThat(e.attribute("snapshot")).isEqualTo("full"));

        String paged =
                "{\"kind\":\"List\",\"metadata\":{\"continue\":\"token\"},\"items\":"
                        + String.format(items, rb)
                        + "}";
        String noRoleBindings = "{\"kind\":\"List\",\"items\":" + String.format(items, "") + "}";
        for (String listing : List.of(paged, noRoleBindings)) {
            assertThat(parseText("c/all.json", listing).events())
                    .hasSize(3)
                    .allSatisfy(e -> assertThat(e.attribute("snapshot")).isNull());
        }
    }

    @Test
    void theClusterIsTheFolderThenAFieldOfTheListingThenDefault() {
        String list =
                "{\"kind\":\"List\",%s\"items\":[{\"kind\":\"ServiceAccount\","
                        + "\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"}}]}";
        String withField = String.format(list, "\"cluster\":\"field\",");
        assertThat(parseText("folder/x.json", withField).events().get(0).getIdentityId())
                .isEqualTo("k8s:sa:folder/n/a");
        assertThat(parseText("x.json", withField).events().get(0).getIdentityId())
                .isEqualTo("k8s:sa:field/n/a");
        assertThat(parseText("x.json", String.format(list, "")).events().get(0).getIdentityId())
                .isEqualTo("k8s:sa:default/n/a");
    }
}
