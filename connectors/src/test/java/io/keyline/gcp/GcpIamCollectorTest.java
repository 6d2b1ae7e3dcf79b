package io.keyline.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyline.fingerprint.Fingerprinter;
import io.keyline.format.ListParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.model.IdentityEvent;
import io.keyline.source.Formats;
import io.keyline.source.ParserHarness;
import io.keyline.source.poll.CollectorSettings;
import io.keyline.source.poll.FakeApi;
import io.keyline.source.poll.PollSplit;
import io.keyline.source.poll.ReaderHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM listings collector against Google's token endpoint, IAM API and Resource Manager on
 * loopback, with the real auth library refreshing an authorized user's token: pages, keys, the
 * policy's POST, a 429, a 403 refusal, a revoked grant, and a restart in the middle of a listing.
 */
class GcpIamCollectorTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-02T00:00:00Z"), ZoneOffset.UTC);
    private static final String ACCOUNTS = "/v1/projects/acme-prod/serviceAccounts";
    private static final List<String> SECRETS =
            List.of(FakeGcp.REFRESH_TOKEN, FakeGcp.CLIENT_SECRET, FakeGcp.ACCESS_TOKEN);

    @TempDir Path dir;
    private FakeGcp gcp;
    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        gcp = new FakeGcp();
    }

    @AfterEach
    void stop() {
        gcp.close();
    }

    private GcpIamCollector collector(String... extra) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("projects", FakeGcp.PROJECT);
        settings.put("credentials-file", gcp.credentialsFile(dir).toString());
        settings.put("iam-url", gcp.api().url().toString());
        settings.put("resource-manager-url", gcp.api().url().toString());
        settings.put("page-size", "2");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return GcpIamCollector.of(new CollectorSettings("gcp", settings), CLOCK)
                .withSleeper(slept::add);
    }

    private static List<PollSplit> splits(GcpIamCollector c, String format) {
        return c.splits().stream().filter(s -> s.format().equals(format)).toList();
    }

    private static List<RawRecord> read(GcpIamCollector c, List<PollSplit> splits)
            throws Exception {
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(splits).noMoreSplits();
            return h.pollToEnd(PATIENCE);
        }
    }

    private static List<IdentityEvent> parse(List<RawRecord> records) {
        List<IdentityEvent> events = new ArrayList<>();
        for (RawRecord r : records) {
            assertThat(r.getError()).isNull();
            ListParseOutput out = new ListParseOutput();
            Formats.require(r.getFormat()).newParser(Fingerprinter.fromEnvironment()).parse(r, out);
            assertThat(out.rejections()).isEmpty();
            events.addAll(out.events());
        }
        return events;
    }

    /** The events of a fixture exported as a file in the project's folder. */
    private static List<IdentityEvent> exported(String format, String fixture) {
        return ParserHarness.parseFile(
                        format,
                        FakeGcp.PROJECT + "/listing.json",
                        ParserHarness.resource("/fixtures/gcp/listings/" + fixture),
                        CLOCK.millis())
                .events();
    }

    private static void assertNoSecretIn(List<RawRecord> records) {
        for (RawRecord r : records) {
            String text =
                    (r.getPayload() == null
                                    ? ""
                                    : new String(r.getPayload(), StandardCharsets.UTF_8))
                            + r.getError()
                            + r.getOrigin();
            assertThat(text).doesNotContain(SECRETS);
        }
    }

    @Test
    void serviceAccountsAreListedPageByPageWithATokenTheAuthLibraryRefreshed() throws Exception {
        GcpIamCollector c = collector();

        List<RawRecord> records = read(c, splits(c, "gcp-service-accounts"));

        assertThat(records).hasSize(2);
        assertThat(records)
                .allSatisfy(
                        r -> {
                            assertThat(r.getOrigin())
                                    .isEqualTo(
                                            "collector:/gcp-service-accounts/acme-prod/v1/projects/acme-prod/serviceAccounts");
                            assertThat(r.getObservedAt()).isEqualTo(CLOCK.millis());
                        });
        assertThat(parse(records))
                .containsExactlyInAnyOrderElementsOf(
                        exported("gcp-service-accounts", "gcloud-service-accounts-list.json"));
        assertThat(gcp.api().requests(ACCOUNTS))
                .extracting(FakeApi.Request::query)
                .containsExactly("pageSize=2", "pageSize=2&pageToken=2");
        assertThat(gcp.api().requests(ACCOUNTS))
                .allSatisfy(
                        r ->
                                assertThat(r.header("Authorization"))
                                        .isEqualTo("Bearer " + FakeGcp.ACCESS_TOKEN));
        // One refresh, by the auth library, with the refresh token; the token then serves on.
        assertThat(gcp.api().requests("/token"))
                .singleElement()
                .satisfies(t -> assertThat(t.text()).contains("grant_type=refresh_token"));
        assertNoSecretIn(records);
    }

    @Test
    void theKeysOfEveryServiceAccountAreListedAndAnAccountDeletedMeanwhileIsSkipped()
            throws Exception {
        gcp.deleted("legacy-sync@acme-prod.iam.gserviceaccount.com");
        GcpIamCollector c = collector();

        List<RawRecord> records = read(c, splits(c, "gcp-sa-keys"));

        assertThat(records)
                .extracting(RawRecord::getOrigin)
                .containsExactly(
                        "collector:/gcp-sa-keys/acme-prod/v1/projects/acme-prod/serviceAccounts/web-deployer@acme-prod.iam.gserviceaccount.com/keys",
                        "collector:/gcp-sa-keys/acme-prod/v1/projects/acme-prod/serviceAccounts/611204388015-compute@developer.gserviceaccount.com/keys");
        assertThat(parse(records))
                .hasSize(3)
                .containsExactlyInAnyOrderElementsOf(
                        exported("gcp-sa-keys", "gcloud-sa-keys-list.json"));
        assertThat(gcp.api().requests()).noneMatch(r -> r.path().contains(":getIamPolicy"));
    }

    @Test
    void theProjectsPolicyIsAskedForByPostWithConditionalBindings() throws Exception {
        GcpIamCollector c = collector();

        List<RawRecord> records = read(c, splits(c, "gcp-iam-policy"));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getOrigin())
                .isEqualTo(
                        "collector:/gcp-iam-policy/acme-prod/v1/projects/acme-prod:getIamPolicy");
        assertThat(parse(records))
                .isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(
                        exported("gcp-iam-policy", "get-iam-policy.json"));
        FakeApi.Request post = gcp.api().requests("/v1/projects/acme-prod:getIamPolicy").get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.text()).isEqualTo("{\"options\":{\"requestedPolicyVersion\":3}}");
    }

    @Test
    void aServiceAccountKeyFileSignsItsOwnTokenRequest() throws Exception {
        String key = gcp.serviceAccountKeyFile(dir).toString();
        GcpIamCollector c = collector("credentials-file", key);

        List<RawRecord> records = read(c, splits(c, "gcp-iam-policy"));

        assertThat(parse(records)).isNotEmpty();
        assertThat(gcp.api().requests("/token"))
                .singleElement()
                .satisfies(
                        t ->
                                assertThat(t.text())
                                        .contains(
                                                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"));
        assertThat(gcp.api().requests("/v1/projects/acme-prod:getIamPolicy"))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.header("Authorization"))
                                        .isEqualTo("Bearer " + FakeGcp.ACCESS_TOKEN));
        assertNoSecretIn(records);
        assertThat(records)
                .allSatisfy(
                        r ->
                                assertThat(new String(r.getPayload(), StandardCharsets.UTF_8))
                                        .doesNotContain(gcp.privateKeyBody()));
    }

    @Test
    void aQuotaAnswerIsWaitedOutAndTheListingGoesOn() throws Exception {
        gcp.rateLimitOnce(ACCOUNTS);
        GcpIamCollector c = collector();

        List<RawRecord> records = read(c, splits(c, "gcp-service-accounts"));

        assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r.getError()).isNull());
        // Google sends no Retry-After with its 429: a minute, as for any rate limit without one.
        assertThat(slept).containsExactly(Duration.ofSeconds(60));
        assertThat(gcp.api().requests(ACCOUNTS)).hasSize(3);
    }

    @Test
    void aPermissionRefusalIsOneDeadLetterPerStreamNamingTheProjectAndThePermission()
            throws Exception {
        gcp.refuse("acme-dev");
        GcpIamCollector c = collector("projects", "acme-dev");

        List<RawRecord> records = read(c, c.splits());

        assertThat(records).hasSize(3);
        assertThat(records)
                .filteredOn(r -> r.getFormat().equals("gcp-service-accounts"))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getError())
                                        .isEqualTo(
                                                "The Google Cloud project acme-dev refused GET"
                                                        + " /v1/projects/acme-dev/serviceAccounts"
                                                        + " (HTTP 403 (\"Permission"
                                                        + " 'iam.serviceAccounts.list' denied on"
                                                        + " resource (or it may not exist).\")):"
                                                        + " grant the collector's principal"
                                                        + " roles/iam.serviceAccountViewer on the"
                                                        + " project acme-dev (the permission"
                                                        + " iam.serviceAccounts.list)."));
        assertThat(records)
                .filteredOn(r -> r.getFormat().equals("gcp-iam-policy"))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.getError())
                                        .startsWith(
                                                "The Google Cloud project acme-dev refused POST"
                                                        + " /v1/projects/acme-dev:getIamPolicy (HTTP"
                                                        + " 403")
                                        .endsWith(
                                                "grant the collector's principal"
                                                        + " roles/iam.securityReviewer on the"
                                                        + " project acme-dev (the permission"
                                                        + " resourcemanager.projects.getIamPolicy)."));
        assertNoSecretIn(records);
    }

    @Test
    void aRevokedGrantIsADeadLetterThatNamesTheCredentialsFileAndNoSecret() throws Exception {
        gcp.revoke();
        GcpIamCollector c = collector();

        List<RawRecord> records = read(c, splits(c, "gcp-iam-policy"));

        assertThat(records).hasSize(1);
        assertThat(records.get(0).getError())
                .isEqualTo(
                        "Google's token endpoint refused the credentials of "
                                + dir.resolve("gcp-credentials.json")
                                + " (collect.gcp.credentials-file): check that the key or grant is"
                                + " valid, not disabled or revoked.");
        assertNoSecretIn(records);
    }

    @Test
    void aRestartInTheMiddleOfAListingResumesAtTheCheckpointedPage() throws Exception {
        GcpIamCollector c = collector("page-size", "1");
        List<PollSplit> state;
        List<RawRecord> before;
        try (ReaderHarness h = new ReaderHarness(c, Duration.ofMinutes(1), true)) {
            h.add(splits(c, "gcp-service-accounts")).noMoreSplits();
            before = h.pollUntil(1, PATIENCE);
            state = h.checkpoint(1);
        }
        assertThat(state)
                .singleElement()
                .satisfies(s -> assertThat(s.cursor()).contains("pageToken=1"));

        List<RawRecord> after = read(c, state);

        List<IdentityEvent> all = new ArrayList<>(parse(before));
        all.addAll(parse(after));
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(
                        exported("gcp-service-accounts", "gcloud-service-accounts-list.json"));
        assertThat(gcp.api().requests(ACCOUNTS))
                .filteredOn(r -> !r.query().contains("pageToken"))
                .hasSize(1);
    }

    @Test
    void wrongSettingsAreNamed() {
        assertThatThrownBy(() -> collector("projects", "Acme Prod"))
                .hasMessage(
                        "collect.gcp.projects lists project ids such as acme-prod (not names or"
                                + " numbers), not 'Acme Prod'.");
        assertThatThrownBy(() -> collector("iam-url", "http://iam.example.com"))
                .hasMessage(
                        "collect.gcp.iam-url may be http only on a loopback address, as the access"
                                + " token travels with every request; use https, not"
                                + " 'http://iam.example.com'.");
        assertThatThrownBy(() -> collector("project", "acme-prod"))
                .hasMessageStartingWith(
                        "Unknown setting 'collect.gcp.project'; the gcp collector's settings are ");
        assertThatThrownBy(() -> GcpIamCollector.of(new CollectorSettings("gcp", Map.of()), CLOCK))
                .hasMessage(
                        "The gcp collector needs collect.gcp.projects, such as acme-prod,acme-data.");
    }
}
