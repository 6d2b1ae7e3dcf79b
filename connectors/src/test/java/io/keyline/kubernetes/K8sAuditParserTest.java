package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class K8sAuditParserTest {

    private static final String FORMAT = "k8s-audit";

    private static ListParseOutput parse(String fileName, String fixture) {
        return K8sFiles.parse(FORMAT, fileName, K8sFiles.fixture(fixture), 0);
    }

    private static ListParseOutput parseText(String fileName, String content) {
        return K8sFiles.parse(FORMAT, fileName, content, 0);
    }

    private static long at(String time) {
        return Instant.parse(time).toEpochMilli();
    }

    @Test
    void eachServiceAccountRequestIsAUseOfTheAccountInTheClusterOfItsFolder() {
        ListParseOutput out = parse("prod-eu/2026-10-30.jsonl", "audit-native.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // The malformed plural user name still names the account.
                        "USED identity=k8s:sa:prod-eu/billing/invoicer resource=billing/configmaps/invoice-settings action=get consumer=|203.0.113.10|invoicer/1.4.2 {account=prod-eu}",
                        "USED identity=k8s:sa:prod-eu/shop/stock-watcher resource=shop/leases/stock-watcher-leader action=get consumer=|10.20.0.7|stock-watcher/v0.9.0 (linux/amd64) kubernetes/$Format {account=prod-eu}",
                        "USED identity=k8s:sa:prod-eu/shop/stock-watcher resource=shop/leases/stock-watcher-leader action=get consumer=|10.20.0.7|stock-watcher/v0.9.0 (linux/amd64) kubernetes/$Format {account=prod-eu}",
                        // A bound token: its pod is the workload, its id only an attribute; the
                        // refusal is an error code, and the first source address counts.
                        "USED identity=k8s:sa:prod-eu/billing/reporter resource=billing/secrets action=list consumer=pod:billing/reporter-5d8f7c9b4-x2x7q|10.20.3.14|reporter/2.0.1 {account=prod-eu, errorCode=403, tokenId=JTI=4b1f0c2e-6d3a-4e59-9f17-8a2c5b7d0e31}",
                        // Only the last stage of the request counts; the audit annotation names
                        // the legacy token Secret it authenticated with.
                        "USED credential=k8s:sa-token:prod-eu/shop/deployer-token-8xk2p type=K8S_SA_TOKEN identity=k8s:sa:prod-eu/shop/deployer resource=shop/deployments/web action=patch consumer=|198.51.100.23|ci-deploy/1.0 {account=prod-eu}",
                        "USED identity=k8s:sa:prod-eu/billing/invoicer resource=/version action=get consumer=|203.0.113.10|invoicer/1.4.2 {account=prod-eu}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsExactly(
                        at("2026-10-30T08:15:02.107Z"),
                        at("2026-10-30T09:00:00.262Z"),
                        at("2026-10-30T09:00:00.262Z"),
                        at("2026-10-30T10:30:00.001Z"),
                        at("2026-10-30T11:00:00.031Z"),
                        at("2026-10-30T12:00:00.500Z"));
    }

    @Test
    void idsAreTheAuditIdWithAHashThatTellsApartRequestsSharingOne() {
        List<String> ids =
                parse("prod-eu/2026-10-30.jsonl", "audit-native.jsonl").events().stream()
                        .map(IdentityEvent::getEventId)
                        .toList();

        // The first two requests share an audit id; the third record repeats the second.
        assertThat(ids.get(0)).matches("k8s-audit:f0a1b2c3d4:[0-9a-f]{12}");
        assertThat(ids.get(1)).startsWith("k8s-audit:f0a1b2c3d4:").isNotEqualTo(ids.get(0));
        assertThat(ids.get(2)).isEqualTo(ids.get(1));
        assertThat(ids.get(4)).startsWith("k8s-audit:9b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d:");
        assertThat(new HashSet<>(ids)).hasSize(5);
        // A replay of the same file gives the same ids.
        assertThat(
                        parse("prod-eu/2026-10-30.jsonl", "audit-native.jsonl").events().stream()
                                .map(IdentityEvent::getEventId))
                .containsExactlyElementsOf(ids);
    }

    @Test
    void changesByPeopleAndServiceAccountsCountAndThoseOfTheControlPlaneDoNot() {
        ListParseOutput out = parse("audit-eventlist.json", "audit-eventlist.json");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED identity=k8s:sa:default/shop/catalog-sync actor=alice@example.com {account=default, identityType=service-account, name=catalog-sync}",
                        // A group of accounts and a person are not read; a User subject named
                        // like a service account is that account.
                        "GRANTED identity=k8s:sa:default/shop/catalog-sync actor=alice@example.com resource=clusterrole:secret-reader {account=default, privilege=write, privilegeReason=custom role secret-reader, resources=*}",
                        "GRANTED identity=k8s:sa:default/billing/reporter actor=alice@example.com resource=clusterrole:secret-reader {account=default, privilege=write, privilegeReason=custom role secret-reader, resources=*}",
                        "DELETED identity=k8s:sa:default/shop/legacy-bot actor=alice@example.com {account=default}",
                        // A deleted binding is known from the response body, its subject's
                        // namespace from the binding's.
                        "GRANTED identity=k8s:sa:default/shop/legacy-bot actor=alice@example.com resource=clusterrole:edit {account=default, revoked=true}",
                        "CREATED credential=k8s:sa-token:default/shop/catalog-sync-token type=K8S_SA_TOKEN identity=k8s:sa:default/shop/catalog-sync actor=alice@example.com {account=default}",
                        "USED identity=k8s:sa:default/ci/pipeline resource=shop/rolebindings/pipeline-deploys action=create consumer=|10.20.9.9|helm/v3.16.2 {account=default}",
                        "GRANTED identity=k8s:sa:default/shop/deployer actor=k8s:sa:default/ci/pipeline resource=role:shop/deploy-manager {account=default, privilege=write, privilegeReason=custom role deploy-manager, resources=shop}");
        assertThat(out.events().get(2).getEventId())
                .isEqualTo(out.events().get(1).getEventId() + "/1");
    }

    @Test
    void gkeEntriesNameTheClusterInTheirResourceAndTheUserInThePrincipalEmail() {
        // The resource's cluster wins over the folder.
        ListParseOutput out = parse("other-folder/gke.jsonl", "audit-gke.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=k8s:sa:shop-gke/payments/ledger-writer resource=payments/secrets/ledger-db action=get consumer=|10.44.0.12|ledger-writer/3.2 (linux/amd64) {account=shop-gke}",
                        "GRANTED identity=k8s:sa:shop-gke/payments/ledger-writer actor=carol@example.com resource=clusterrole:edit {account=shop-gke, privilege=high, privilegeReason=built-in role edit, reads secrets, resources=payments}",
                        // PERMISSION_DENIED (gRPC 7) is the 403 the API server answered.
                        "USED identity=k8s:sa:shop-gke/payments/ledger-writer resource=payments/pods/ledger-0/exec action=create consumer=|10.44.0.12|ledger-writer/3.2 (linux/amd64) {account=shop-gke, errorCode=403}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId, IdentityEvent::getEventTime)
                .containsExactly(
                        tuple("k8s-audit:5b4a3928", at("2026-10-29T06:05:00.250Z")),
                        tuple("k8s-audit:1a2b3c4d", at("2026-10-29T06:10:00Z")),
                        tuple("k8s-audit:77665544", at("2026-10-29T06:15:00Z")));
    }

    @Test
    void aksRecordsCarryTheEventAsAnObjectOrAsTextAndOtherCategoriesArePassedOver() {
        List<String> expected =
                List.of(
                        "USED identity=k8s:sa:shop-aks/kube-system/cluster-autoscaler resource=kube-system/leases/cluster-autoscaler action=update consumer=|10.224.0.4|cluster-autoscaler/v1.30.1 {account=shop-aks}",
                        "USED identity=k8s:sa:shop-aks/shop/stock-watcher resource=shop/configmaps/stock-levels action=get consumer=|10.224.1.9|stock-watcher/v0.9.0 {account=shop-aks}");

        ListParseOutput lines = parse("aks.jsonl", "audit-aks.jsonl");
        assertThat(lines.rejections()).isEmpty();
        assertThat(EventsText.of(lines)).containsExactlyElementsOf(expected);

        ListParseOutput records = parse("aks.json", "audit-aks-records.json");
        assertThat(records.rejections()).isEmpty();
        assertThat(EventsText.of(records)).containsExactly(expected.get(1), expected.get(0));
        // The same request in either form has the same id.
        assertThat(records.events().get(0).getEventId())
                .isEqualTo(lines.events().get(1).getEventId());
    }

    @Test
    void theClusterIsTheFolderThenAnExporterFieldThenDefault() {
        String event =
                "{\"kind\":\"Event\",\"auditID\":\"c1\",\"stage\":\"ResponseComplete\","
                        + "\"verb\":\"get\",\"user\":{\"username\":\"system:serviceaccount:a:b\"},"
                        + "\"objectRef\":{\"resource\":\"pods\",\"namespace\":\"a\"},"
                        + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"%s}";
        String withField = String.format(event, ",\"cluster\":\"from-field\"");

        assertThat(parseText("from-folder/x.jsonl", withField).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("k8s:sa:from-folder/a/b");
        assertThat(parseText("x.jsonl", withField).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("k8s:sa:from-field/a/b");
        assertThat(parseText("x.jsonl", String.format(event, "")).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("k8s:sa:default/a/b");
        // A value that cannot stand in an id is passed over.
        assertThat(parseText("x.jsonl", String.format(event, ",\"cluster\":\"a/b c\"")).events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("k8s:sa:default/a/b");
    }

    @Test
    void aPersonImpersonatingAServiceAccountUsesItAndIsKeptAsTheActingPrincipal() {
        String event =
                "{\"kind\":\"Event\",\"auditID\":\"i1\",\"stage\":\"ResponseComplete\","
                        + "\"verb\":\"delete\",\"user\":{\"username\":\"dave@example.com\","
                        + "\"extra\":{\"authentication.kubernetes.io/pod-name\":[\"not-this\"]}},"
                        + "\"impersonatedUser\":{\"username\":\"system:serviceaccount:ops:janitor\"},"
                        + "\"sourceIPs\":[\"192.0.2.44\"],"
                        + "\"objectRef\":{\"resource\":\"serviceaccounts\",\"namespace\":\"ops\",\"name\":\"stale\"},"
                        + "\"responseStatus\":{\"code\":200},"
                        + "\"requestReceivedTimestamp\":\"2026-01-01T00:00:00.000001Z\"}";

        assertThat(EventsText.of(parseText("c1/x.jsonl", event)))
                .containsExactly(
                        "USED identity=k8s:sa:c1/ops/janitor resource=ops/serviceaccounts/stale action=delete consumer=|192.0.2.44| {account=c1, actorPrincipal=dave@example.com}",
                        "DELETED identity=k8s:sa:c1/ops/stale actor=k8s:sa:c1/ops/janitor {account=c1, actorPrincipal=dave@example.com}");
    }

    @Test
    void failedChangesAndChangesOfUnloggedBodiesYieldNoFact() {
        String denied =
                "{\"kind\":\"Event\",\"auditID\":\"d1\",\"verb\":\"create\","
                        + "\"user\":{\"username\":\"erin@example.com\"},"
                        + "\"objectRef\":{\"resource\":\"serviceaccounts\",\"namespace\":\"ops\",\"name\":\"x\"},"
                        + "\"responseStatus\":{\"code\":403},"
                        + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"}";
        String metadataOnly =
                "{\"kind\":\"Event\",\"auditID\":\"d2\",\"verb\":\"create\","
                        + "\"user\":{\"username\":\"erin@example.com\"},"
                        + "\"objectRef\":{\"resource\":\"clusterrolebindings\",\"name\":\"x\"},"
                        + "\"responseStatus\":{\"code\":201},"
                        + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"}";
        ListParseOutput out = parseText("x.jsonl", denied + "\n" + metadataOnly + "\n");
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }

    @Test
    void earlierStagesOfARequestYieldNothing() {
        for (String stage : List.of("RequestReceived", "ResponseStarted", "Panic")) {
            String event =
                    "{\"kind\":\"Event\",\"auditID\":\"s1\",\"stage\":\""
                            + stage
                            + "\",\"verb\":\"watch\",\"user\":{\"username\":\"system:serviceaccount:a:b\"}}";
            ListParseOutput out = parseText("x.jsonl", event);
            assertThat(out.events()).isEmpty();
            assertThat(out.rejections()).isEmpty();
        }
    }
}
