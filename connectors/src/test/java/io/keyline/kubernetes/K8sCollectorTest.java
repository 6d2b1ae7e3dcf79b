package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.Json;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.source.EventsText;
import io.keyline.source.Formats;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes collector against a local server that answers as the API server does: typed lists
 * paged by {@code continue} tokens, Secrets by field selector and as metadata only, a rate limit, a
 * refusal, an expired {@code continue} token; and a restart in the middle of the listing.
 */
class K8sCollectorTest {

    private static final String TOKEN = FakeK8s.TOKEN;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);
    private static final String SECRETS = "/api/v1/secrets";

    @TempDir Path dir;
    private FakeK8s fake;
    private FakeApi server;

    @BeforeEach
    void startServer() throws Exception {
        fake = new FakeK8s();
        server = fake.api();
    }

    @AfterEach
    void stopServer() {
        fake.close();
    }

    private K8sCollector collector(String... extra) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        Map<String, String> settings = new HashMap<>();
        settings.put("cluster", "shop-eks");
        settings.put("url", server.url().toString());
        settings.put("token-file", token.toString());
        settings.put("page-size", "2");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return K8sCollector.of(new CollectorSettings("k8s", settings), CLOCK);
    }

    private static List<RawRecord> collect(K8sCollector c) throws Exception {
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            return h.pollToEnd(PATIENCE);
        }
    }

    /** What the records parse into, by the format's parser at each record's own origin. */
    private static ListParseOutput parse(List<RawRecord> records) {
        ListParseOutput out = new ListParseOutput();
        for (RawRecord r : records) {
            Formats.require(r.getFormat()).newParser(Fingerprinter.fromEnvironment()).parse(r, out);
        }
        return out;
    }

    /** The tokens of the server's token Secrets, which must never be collected. */
    private List<String> tokenSecretValues() {
        List<String> values = new ArrayList<>();
        for (JsonNode secret : fake.objects("Secret")) {
            if (K8sListing.TOKEN_TYPE.equals(secret.path("type").asText())) {
                values.add(secret.path("data").path("token").asText());
            }
        }
        assertThat(values).isNotEmpty();
        return values;
    }

    @Test
    void everyListIsFollowedByItsContinueTokensAndTokenSecretsAreReadAsMetadataOnly()
            throws Exception {
        fake.rateLimitOnce("/apis/rbac.authorization.k8s.io/v1/rolebindings");
        List<RawRecord> records = collect(collector());

        assertThat(records)
                .extracting(RawRecord::getOrigin)
                .containsExactly(
                        "collector:/k8s-serviceaccounts/shop-eks/api/v1/secrets",
                        "collector:/k8s-serviceaccounts/shop-eks/serviceaccounts-and-rbac");
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.getError()).isNull();
                            assertThat(r.getObservedAt()).isEqualTo(CLOCK.millis());
                            String text = new String(r.getPayload(), StandardCharsets.UTF_8);
                            assertThat(text)
                                    .doesNotContain("managedFields")
                                    .doesNotContain("last-applied-configuration");
                            tokenSecretValues().forEach(v -> assertThat(text).doesNotContain(v));
                        });
        // Only token Secrets, and only their metadata, were asked for.
        assertThat(server.requests(SECRETS))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.header("Accept")).isEqualTo(FakeK8s.METADATA_ONLY);
                            assertThat(FakeK8s.params(r.query()))
                                    .containsEntry(
                                            "fieldSelector",
                                            "type=kubernetes.io/service-account-token")
                                    .containsEntry("limit", "2");
                        });
        // Seven accounts in four pages, each page after the first by the previous one's token.
        List<FakeApi.Request> accounts = server.requests("/api/v1/serviceaccounts");
        assertThat(accounts).hasSize(4);
        assertThat(accounts.get(0).query()).isEqualTo("limit=2");
        assertThat(accounts.subList(1, 4))
                .allSatisfy(r -> assertThat(FakeK8s.params(r.query())).containsKey("continue"));
        // The rate-limited page was asked again after Retry-After.
        assertThat(server.requests("/apis/rbac.authorization.k8s.io/v1/rolebindings")).hasSize(3);
        assertThat(server.requests())
                .allSatisfy(
                        r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    void withSecretValuesTheListingParsesAsTheKubectlExportOfTheSameObjects() throws Exception {
        List<RawRecord> records = collect(collector("secret-values", "true"));

        // The Secrets that are not tokens, whole, by a field selector that leaves tokens out.
        assertThat(server.requests(SECRETS))
                .extracting(r -> FakeK8s.params(r.query()).get("fieldSelector"))
                .containsExactly(
                        "type=kubernetes.io/service-account-token",
                        "type!=kubernetes.io/service-account-token");
        assertThat(records)
                .allSatisfy(
                        r -> {
                            String text = new String(r.getPayload(), StandardCharsets.UTF_8);
                            tokenSecretValues().forEach(v -> assertThat(text).doesNotContain(v));
                        });

        ListParseOutput collected = parse(records);
        ListParseOutput exported =
                ParserHarness.parseFile(
                        "k8s-serviceaccounts",
                        "shop-eks/kubectl-get-all.json",
                        ParserHarness.resource("/fixtures/k8s/kubectl-get-all.json"),
                        CLOCK.millis());
        assertThat(new TreeSet<>(EventsText.of(collected)))
                .hasSizeGreaterThan(20)
                .isEqualTo(new TreeSet<>(EventsText.of(exported)));
        assertThat(EventsText.of(collected))
                .anyMatch(e -> e.startsWith("STORED_AT"))
                .anyMatch(e -> e.contains("snapshot=full"));
        assertThat(EventsText.reasons(collected))
                .containsExactlyInAnyOrderElementsOf(EventsText.reasons(exported));
    }

    @Test
    void aRestartInTheMiddleOfTheListingResumesAtTheCheckpointedPage() throws Exception {
        K8sCollector c = collector("page-size", "1");
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            before = h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(before).hasSize(1);
        assertThat(state.get(0).cursor()).contains("/api/v1/secrets?").contains("&continue=");

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(state).noMoreSplits();
            after = h.pollToEnd(PATIENCE);
        }
        // Each token Secret once: the first before the restart, the second after it.
        assertThat(secretNames(before)).containsExactly("deployer-token-8xk2p");
        assertThat(secretNames(after)).containsExactly("old-ci-token");
        assertThat(server.requests(SECRETS))
                .filteredOn(r -> !FakeK8s.params(r.query()).containsKey("continue"))
                .hasSize(1);
    }

    @Test
    void aContinueTokenThatExpiredBeforeTheRestartStartsThatListAgain() throws Exception {
        K8sCollector c = collector("page-size", "1");
        List<PollSplit> state;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(c.splits()).noMoreSplits();
            h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        fake.expireContinueTokens();

        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(state).noMoreSplits();
            after = h.pollToEnd(PATIENCE);
        }
        assertThat(after).allSatisfy(r -> assertThat(r.getError()).isNull());
        assertThat(secretNames(after)).containsExactly("deployer-token-8xk2p", "old-ci-token");
        // The refused page, then the list from its first page.
        List<FakeApi.Request> secrets = server.requests(SECRETS);
        assertThat(secrets.subList(secrets.size() - 3, secrets.size()))
                .extracting(r -> FakeK8s.params(r.query()).containsKey("continue"))
                .containsExactly(true, false, true);
    }

    /** The names of the Secrets the records hold, in order. */
    private static List<String> secretNames(List<RawRecord> records) throws Exception {
        List<String> names = new ArrayList<>();
        for (RawRecord r : records) {
            for (JsonNode item : Json.read(r.getPayload()).get("items")) {
                if ("Secret".equals(item.path("kind").asText())) {
                    names.add(item.path("metadata").path("name").asText());
                }
            }
        }
        return names;
    }

    @Test
    void aRefusalIsOneDeadLetterThatNamesTheClusterAndTheMissingVerbAndResource() throws Exception {
        server.route(
                SECRETS,
                r ->
                        FakeApi.Answer.status(
                                403,
                                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                                        + "\"status\":\"Failure\",\"message\":\"secrets is forbidden:"
                                        + " User \\\"system:serviceaccount:keyline:collector\\\""
                                        + " cannot list resource \\\"secrets\\\" in API group"
                                        + " \\\"\\\" at the cluster scope\","
                                        + "\"reason\":\"Forbidden\",\"details\":{\"kind\":\"secrets\"},\"code\":403}"));
        List<RawRecord> records = collect(collector());

        assertThat(records).singleElement();
        assertThat(records.get(0).getError())
                .isEqualTo(
                        "The Kubernetes cluster shop-eks refused GET /api/v1/secrets (HTTP 403"
                                + " (\"secrets is forbidden: User"
                                + " \"system:serviceaccount:keyline:collector\" cannot list"
                                + " resource \"secrets\" in API group \"\" at the cluster"
                                + " scope\")): give the"
                                + " collector's service account the verb list on secrets (core API"
                                + " group) across the cluster, by a ClusterRole bound to it with a"
                                + " ClusterRoleBinding.")
                .doesNotContain(TOKEN);
    }

    @Test
    void aMissingTokenIsASentenceThatSaysWhereItWasLookedFor() throws Exception {
        K8sCollector c =
                K8sCollector.of(
                        new CollectorSettings(
                                "k8s",
                                Map.of(
                                        "cluster",
                                        "shop-eks",
                                        "url",
                                        server.url().toString(),
                                        "token-file",
                                        dir.resolve("missing").toString())),
                        CLOCK);
        assertThatThrownBy(() -> c.open(c.splits().get(0)))
                .hasMessage(
                        "Cannot read The Kubernetes service account token from "
                                + dir.resolve("missing")
                                + " (collect.k8s.token-file): NoSuchFileException.");
    }

    @Test
    void inAPodTheServerIsTheOneKubernetesNamesInTheEnvironment() {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        K8sCollector c =
                K8sCollector.of(
                        new CollectorSettings("k8s", Map.of("cluster", "prod-eu")),
                        CLOCK,
                        env::get);
        assertThat(c.splits())
                .extracting(PollSplit::splitId)
                .containsExactly("k8s-serviceaccounts/prod-eu");
        assertThatThrownBy(
                        () ->
                                K8sCollector.of(
                                        new CollectorSettings("k8s", Map.of("cluster", "prod-eu")),
                                        CLOCK,
                                        name -> null))
                .hasMessage(
                        "collect.k8s.url is not set, and this is not a pod of a cluster"
                                + " (KUBERNETES_SERVICE_HOST is not in the environment): set it to"
                                + " the cluster's API server, such as https://203.0.113.10:6443.");
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(() -> of(Map.of()))
                .hasMessage("The k8s collector needs collect.k8s.cluster, such as prod-eu.");
        assertThatThrownBy(() -> of(Map.of("cluster", "prod eu")))
                .hasMessage(
                        "collect.k8s.cluster is the name of a cluster, such as prod-eu, without"
                                + " slashes or spaces, not 'prod eu'.");
        assertThatThrownBy(
                        () ->
                                of(
                                        Map.of(
                                                "cluster",
                                                "prod",
                                                "url",
                                                "https://k",
                                                "secret-values",
                                                "yes")))
                .hasMessage("collect.k8s.secret-values is true or false, not 'yes'.");
        assertThatThrownBy(() -> of(Map.of("cluster", "prod", "ca", "/tmp/ca.crt")))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.k8s.ca'; the k8s collector's settings are ");
    }

    private static K8sCollector of(Map<String, String> settings) {
        return K8sCollector.of(new CollectorSettings("k8s", settings), CLOCK, name -> null);
    }
}
