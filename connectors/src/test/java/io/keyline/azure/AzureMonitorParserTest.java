package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code azure-monitor} format over what one Event Hub receives: every record of a known
 * category yields exactly the events its own format yields from it, and nothing is lost unseen.
 */
class AzureMonitorParserTest {

    private static final String TENANT = "3f1c2a9e-5b7d-4c1e-9a0b-6d2e8f4a1c37";

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/azure/" + name);
    }

    private static ListParseOutput parse(String format, String file, byte[] content) {
        return ParserHarness.parseFile(format, file, content, 1_790_000_000_000L);
    }

    private static ListParseOutput monitor(String content) {
        return parse("azure-monitor", "hub.jsonl", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMixedStreamYieldsTheEventsOfEachRecordsOwnFormat() {
        ListParseOutput mixed =
                parse("azure-monitor", "hub.jsonl", fixture("eventhub-mixed-envelopes.jsonl"));

        // The same records, each file read by the format of its kind.
        List<IdentityEvent> expected = new ArrayList<>();
        String[][] sources = {
            {"azure-signin", "signin-workload-identities.jsonl"},
            {"azure-audit", "auditlogs-workload-identities.json"},
            {"azure-audit", "auditlogs-app-initiated.jsonl"},
            {"azure-activity", "activitylogs-raw.jsonl"},
            {"azure-activity", "activitylogs-role-assignments.json"}
        };
        for (String[] s : sources) {
            ListParseOutput own = parse(s[0], s[1], fixture(s[1]));
            assertThat(own.rejections()).as(s[1]).isEmpty();
            expected.addAll(own.events());
        }

        assertThat(mixed.rejections()).isEmpty();
        assertThat(expected).hasSize(23);
        assertThat(mixed.events()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mixed.events())
                .extracting(IdentityEvent::getSource)
                .containsOnly("azure-signin", "azure-audit", "azure-activity");
    }

    @Test
    void theTenantFolderServesRecordsThatNameNoTenant() {
        String signIn = new String(fixture("signin-records-envelope.json"), StandardCharsets.UTF_8);

        ListParseOutput withoutFolder =
                parse("azure-monitor", "envelope.json", signIn.getBytes(StandardCharsets.UTF_8));
        assertThat(withoutFolder.events()).isEmpty();
        assertThat(EventsText.reasons(withoutFolder))
                .containsExactly(AzureTenant.unknown("a service principal sign-in record"));

        ListParseOutput inFolder =
                parse(
                        "azure-monitor",
                        TENANT + "/envelope.json",
                        signIn.getBytes(StandardCharsets.UTF_8));
        ListParseOutput ownFormat =
                parse(
                        "azure-signin",
                        TENANT + "/envelope.json",
                        signIn.getBytes(StandardCharsets.UTF_8));
        assertThat(inFolder.rejections()).isEmpty();
        assertThat(inFolder.events()).isNotEmpty().isEqualTo(ownFormat.events());
        assertThat(inFolder.events())
                .allSatisfy(e -> assertThat(e.getIdentityId()).startsWith("azure:sp:" + TENANT));
    }

    @Test
    void documentedCategoriesWithoutCredentialFactsAreLeftOutAndUnknownOnesAreRejected() {
        ListParseOutput out =
                monitor(
                        "{\"records\":["
                                + "{\"category\":\"ProvisioningLogs\",\"properties\":{}},"
                                + "{\"category\":\"MicrosoftGraphActivityLogs\",\"properties\":{}},"
                                + "{\"category\":\"NonInteractiveUserSignInLogs\",\"properties\":{}},"
                                + "{\"category\":\"StorageRead\",\"properties\":{}},"
                                + "{\"properties\":{}}]}");
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an Azure Monitor record has a category Keyline does not know; it reads"
                                + " sign-ins, AuditLogs and the activity log, so leave this"
                                + " category out of the diagnostic setting that sends to this"
                                + " stream",
                        "an Azure Monitor record has no category, which says whether it is a"
                                + " sign-in, an audit log entry or an activity log record");
    }

    @Test
    void theCategoryOfTheCliShapeIsItsValue() {
        ListParseOutput cli =
                parse("azure-monitor", "list.json", fixture("activity-log-list-cli.json"));
        ListParseOutput own =
                parse("azure-activity", "list.json", fixture("activity-log-list-cli.json"));
        assertThat(cli.rejections()).isEmpty();
        assertThat(cli.events()).hasSize(1).isEqualTo(own.events());
    }

    @Test
    void oneBadRecordOfAnEnvelopeCostsOnlyItself() {
        String good =
                "{\"category\":\"ServicePrincipalSignInLogs\",\"tenantId\":\"t\",\"time\":\"2026-01-01T00:00:00Z\","
                        + "\"properties\":{\"id\":\"good-1\",\"appId\":\"a\"}}";
        ListParseOutput out =
                monitor(
                        "{\"records\":["
                                + good
                                + ",\"x\",{\"category\":\"AuditLogs\",\"time\":\"2026-01-01T00:00:00Z\",\"properties\":{}},"
                                + good.replace("good-1", "good-2")
                                + "]}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("azure-signin:good-1", "azure-signin:good-2");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an Azure Monitor record is not a JSON object",
                        "an audit log entry has no activityDisplayName");
    }

    /**
     * What each format of one kind does with a record of another kind: it is rejected with the
     * format that reads it, so that a mixed stream read under one kind's format loses nothing
     * unseen.
     */
    @ParameterizedTest(name = "{0} given {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "azure-signin|AuditLogs|an audit log record is not a sign-in record; the azure-audit format reads it, and azure-monitor reads streams that mix categories",
                "azure-signin|Administrative|an activity log record is not a sign-in record; the azure-activity format reads it, and azure-monitor reads streams that mix categories",
                "azure-audit|ServicePrincipalSignInLogs|a sign-in log record is not an audit log entry; the azure-signin format reads it, and azure-monitor reads streams that mix categories",
                "azure-audit|Administrative|an activity log record is not an audit log entry; the azure-activity format reads it, and azure-monitor reads streams that mix categories",
                "azure-activity|AuditLogs|an audit log record is not an activity log record; the azure-audit format reads it, and azure-monitor reads streams that mix categories",
                "azure-activity|ManagedIdentitySignInLogs|a sign-in log record is not an activity log record; the azure-signin format reads it, and azure-monitor reads streams that mix categories",
            })
    void aFormatOfOneKindRejectsRecordsOfAnotherNamingTheirFormat(
            String format, String category, String reason) {
        String record =
                "{\"category\":\""
                        + category
                        + "\",\"tenantId\":\"t\",\"time\":\"2026-01-01T00:00:00Z\","
                        + "\"operationName\":\"Sign-in activity\",\"properties\":{\"appId\":\"a\"}}";
        ListParseOutput out = parse(format, "mixed.json", record.getBytes(StandardCharsets.UTF_8));
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void originsKeepTheTenantFolderBelowTheFolderOfEachKind() {
        assertThat(
                        AzureMonitorParser.originAs(
                                "/input/azure-monitor/t1/2026/hub.json",
                                "t1",
                                MonitorCategories.Kind.AUDIT))
                .isEqualTo("/azure-audit/t1/hub.json");
        assertThat(
                        AzureMonitorParser.originAs(
                                "kafka:hub/0@7", null, MonitorCategories.Kind.SIGN_IN))
                .isEqualTo("kafka:hub/0@7");
    }
}
