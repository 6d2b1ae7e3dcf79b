package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Microsoft Graph collector against Graph's listings on loopback ({@link FakeGraph}) and Entra
 * ID's token endpoint on loopback over HTTPS ({@link FakeEntra}), with azure-identity's real
 * client-secret credential asking for the tokens: pages by {@code @odata.nextLink}, throttling,
 * refusals, a restart in the middle of a listing, and documents that parse as the tenant's own
 * listings.
 */
class GraphCollectorTest {

    private static final String TENANT = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";
    private static final String CLIENT_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String SECRET = "Zq8~Pl4nt3dClientSecretOfTheCollector.0123";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    private FakeEntra entra;
    private FakeGraph graph;

    @BeforeEach
    void start() throws Exception {
        entra = new FakeEntra(dir, TENANT, CLIENT_ID, SECRET);
        graph = new FakeGraph(FakeEntra.TOKEN);
    }

    @AfterEach
    void stop() {
        graph.close();
        entra.close();
    }

    private GraphCollector collector(String secret, String... extra) throws Exception {
        Path file = Files.writeString(dir.resolve("graph-secret"), secret + "\n");
        Map<String, String> settings = new HashMap<>();
        settings.put("tenant", TENANT);
        settings.put("client-id", CLIENT_ID);
        settings.put("client-secret-file", file.toString());
        settings.put("url", graph.api().url().toString());
        settings.put("authority", entra.authority());
        settings.put("page-size", "1");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return GraphCollector.of(
                new CollectorSettings("azure-graph", settings), CLOCK, entra::httpClient);
    }

    /** The events of the fixtures, as listings of the tenant exported into its folder. */
    private static List<IdentityEvent> exported() {
        List<IdentityEvent> events = new ArrayList<>();
        for (String f :
                new String[] {
                    "graph-applications-list.json", "graph-servicePrincipals-list.json"
                }) {
            ListParseOutput out =
                    ParserHarness.parseFile(
                            "azure-graph",
                            TENANT + "/" + f,
                            ParserHarness.resource("/fixtures/azure/" + f),
                            CLOCK.millis());
            assertThat(out.rejections()).isEmpty();
            events.addAll(out.events());
        }
        return events;
    }

    private static List<IdentityEvent> parse(List<RawRecord> records) {
        List<IdentityEvent> events = new ArrayList<>();
        for (RawRecord r : records) {
            assertThat(r.getError()).isNull();
            assertThat(r.getFormat()).isEqualTo("azure-graph");
            ListParseOutput out = new ListParseOutput();
            new GraphObjectsParser().parse(r, out);
            assertThat(out.rejections()).isEmpty();
            events.addAll(out.events());
        }
        return events;
    }

    @Test
    void bothListingsAreFollowedByNextLinkThroughThrottlingWithOneTokenOfTheApp() throws Exception {
        graph.throttleOnceAt(FakeGraph.SERVICE_PRINCIPALS, 1);
        GraphCollector c = collector(SECRET);
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(c.splits()).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records)
                .extracting(RawRecord::getOrigin)
                .containsExactly(
                        "collector:/azure-graph/" + TENANT + "/v1.0/applications",
                        "collector:/azure-graph/" + TENANT + "/v1.0/servicePrincipals",
                        "collector:/azure-graph/" + TENANT + "/v1.0/servicePrincipals");
        assertThat(records)
                .allSatisfy(r -> assertThat(r.getObservedAt()).isEqualTo(CLOCK.millis()));
        assertThat(parse(records)).isNotEmpty().containsExactlyInAnyOrderElementsOf(exported());

        // Graph: the first pages as the collector wrote them, the rest by nextLink; the throttled
        // page asked again after the Retry-After; the token on every request.
        assertThat(graph.api().requests(FakeGraph.APPLICATIONS))
                .extracting(FakeApi.Request::query)
                .containsExactly("$top=1&$expand=owners");
        assertThat(graph.api().requests(FakeGraph.SERVICE_PRINCIPALS))
                .extracting(FakeApi.Request::query)
                .containsExactly(
                        "$top=1&$expand=owners",
                        "$top=1&$expand=owners&$skiptoken=1",
                        "$top=1&$expand=owners&$skiptoken=1");
        assertThat(graph.api().requests())
                .allSatisfy(
                        r ->
                                assertThat(r.header("Authorization"))
                                        .isEqualTo("Bearer " + FakeEntra.TOKEN));

        // Entra ID: one client credentials grant of the app, for Graph's scope, then the cache.
        assertThat(entra.requests())
                .singleElement()
                .satisfies(
                        form -> {
                            assertThat(form.get("path"))
                                    .isEqualTo("/" + TENANT + "/oauth2/v2.0/token");
                            assertThat(form.get("grant_type")).isEqualTo("client_credentials");
                            assertThat(form.get("client_id")).isEqualTo(CLIENT_ID);
                            assertThat(form.get("scope")).contains(graph.api().url() + "/.default");
                        });
        for (RawRecord r : records) {
            assertThat(new String(r.getPayload(), StandardCharsets.UTF_8))
                    .doesNotContain(SECRET)
                    .doesNotContain(FakeEntra.TOKEN);
        }
    }

    @Test
    void aRestartInTheMiddleOfAListingResumesAtItsNextPage() throws Exception {
        GraphCollector c = collector(SECRET);
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            before = h.add(c.splits()).noMoreSplits().pollUntil(2, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(state)
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.cursor())
                                        .startsWith("page " + CLOCK.millis() + " 1 ")
                                        .endsWith(
                                                FakeGraph.SERVICE_PRINCIPALS
                                                        + "?$top=1&$expand=owners&$skiptoken=1"));

        // The first run may have fetched the next page already; it was not emitted, so the
        // checkpoint still points at it.
        int asked = graph.api().requests().size();
        List<RawRecord> after;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            after = h.add(state).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(after).hasSize(1);
        // The second run asked for that page only.
        assertThat(graph.api().requests().subList(asked, graph.api().requests().size()))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.target())
                                        .isEqualTo(
                                                FakeGraph.SERVICE_PRINCIPALS
                                                        + "?$top=1&$expand=owners&$skiptoken=1"));
        List<RawRecord> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(parse(all)).containsExactlyInAnyOrderElementsOf(exported());
        assertThat(graph.api().requests(FakeGraph.APPLICATIONS)).hasSize(1);
    }

    @Test
    void aRefusalIsOneDeadLetterNamingTheTenantAndThePermission() throws Exception {
        graph.refuse(FakeGraph.APPLICATIONS);
        GraphCollector c = collector(SECRET);
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(c.splits()).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.getFormat()).isEqualTo("azure-graph");
                            assertThat(r.getOrigin()).isEqualTo("collector:/azure-graph/" + TENANT);
                            assertThat(r.getError())
                                    .isEqualTo(
                                            "Microsoft Graph for the tenant "
                                                    + TENANT
                                                    + " refused GET /v1.0/applications (HTTP 403"
                                                    + " (\"Insufficient privileges to complete the"
                                                    + " operation.\")): grant the collector's app"
                                                    + " the Microsoft Graph application permission"
                                                    + " Application.Read.All, with admin consent.");
                        });
        assertThat(graph.api().requests(FakeGraph.APPLICATIONS)).hasSize(1);
    }

    @Test
    void aSecretEntraIdRefusesIsOneDeadLetterThatNamesTheAppAndNotTheSecret() throws Exception {
        String wrong = "Zq8~Pl4nt3dWrongSecret.0123";
        GraphCollector c = collector(wrong);
        List<RawRecord> records;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            records = h.add(c.splits()).noMoreSplits().pollToEnd(PATIENCE);
        }
        assertThat(records)
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getError())
                                        .startsWith(
                                                "Entra ID gave no token for Microsoft Graph to the"
                                                        + " app "
                                                        + CLIENT_ID
                                                        + " of the tenant "
                                                        + TENANT
                                                        + " (")
                                        .contains("AADSTS7000215")
                                        .endsWith(
                                                "check the client secret that"
                                                        + " collect.azure-graph.client-secret-file"
                                                        + " (or its variable) holds, and that it"
                                                        + " has not expired.")
                                        .doesNotContain(wrong));
        assertThat(entra.requests()).isNotEmpty();
        assertThat(graph.api().requests()).isEmpty();
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(
                        () ->
                                GraphCollector.of(
                                        new CollectorSettings(
                                                "azure-graph", Map.of("tenant", "acme.com")),
                                        CLOCK))
                .hasMessage(
                        "collect.azure-graph.tenant is the tenant's id, a GUID such as"
                                + " 3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37, not 'acme.com': the ids"
                                + " of its service principals join sign-ins and audit logs by"
                                + " it.");
        assertThatThrownBy(
                        () ->
                                GraphCollector.of(
                                        new CollectorSettings(
                                                "azure-graph",
                                                Map.of(
                                                        "tenant",
                                                        TENANT,
                                                        "client-secret-env",
                                                        "GRAPH_SECRET")),
                                        CLOCK))
                .hasMessage(
                        "A client secret is named, but not the app it belongs to: set"
                                + " collect.azure-graph.client-id to the app's application"
                                + " (client) id.");
        assertThatThrownBy(
                        () ->
                                GraphCollector.of(
                                        new CollectorSettings(
                                                "azure-graph",
                                                Map.of(
                                                        "tenant",
                                                        TENANT,
                                                        "url",
                                                        "https://graph.microsoft.com/v1.0/")),
                                        CLOCK))
                .hasMessage(
                        "collect.azure-graph.url is Graph's address without a path, such as"
                                + " https://graph.microsoft.com, not"
                                + " 'https://graph.microsoft.com/v1.0'; the collector adds"
                                + " /v1.0/... itself.");
        assertThatThrownBy(
                        () ->
                                GraphCollector.of(
                                        new CollectorSettings(
                                                "azure-graph",
                                                Map.of("tenant", TENANT, "page-size", "1000")),
                                        CLOCK))
                .hasMessage(
                        "collect.azure-graph.page-size is a whole number from 1 to 999, not"
                                + " '1000'.");
    }
}
