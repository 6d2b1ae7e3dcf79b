package io.keyline.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GitHub App installation listings that are broken on purpose. */
class GitHubAppInstallationsHostileInputTest {

    private static ListParseOutput parse(String fileName, String text) {
        return ParserHarness.parseFile(
                "github-app-installations", fileName, text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"installations\":[{\"id\":1,|the JSON ends too early at line 2, column 1",
                "\"deploy-helper\"|the record is not a list of GitHub App installations",
                "42|the record is not a list of GitHub App installations",
                "{\"total_count\":0}|the record is not a list of GitHub App installations",
                "{\"installations\":{\"app_slug\":\"x\"}}|the installations of the listing are not an array",
                "[\"deploy-helper\"]|a GitHub App installation is not an object",
                "[null]|a GitHub App installation is not an object",
                "[{\"id\":1}]|a GitHub App installation has no app_slug",
                "[{\"app_slug\":\"!!!\"}]|a GitHub App installation has no app_slug",
                "[{\"app_slug\":{\"name\":\"x\"}}]|a GitHub App installation has no app_slug",
                "[{\"app_slug\":\"x\",\"id\":\"one\"}]|the id of a GitHub App installation is not a whole number",
                "[{\"app_slug\":\"x\",\"created_at\":\"last week\"}]|the created_at of a GitHub App installation is not a time stamp",
                "[{\"app_slug\":\"x\",\"suspended_at\":1700000000}]|the suspended_at of a GitHub App installation is not a time stamp",
                "[{\"app_slug\":\"x\",\"permissions\":[\"contents\"]}]|the permissions of a GitHub App installation is not an object",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse("acme/installations.json", record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void withoutAnOrganizationTheInstallationIsRejectedSayingHowToFixIt() {
        ListParseOutput out = parse("installations.json", "[{\"app_slug\":\"x\"}]");
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the organization of a GitHub App installation is unknown: it names no"
                                + " account, and its file is not in a folder named after the"
                                + " organization below github-app-installations");
    }

    @Test
    void aBadInstallationCostsOnlyItselfAndOddValuesAreIgnored() {
        String listing =
                "{\"installations\":["
                        + "{\"app_slug\":\"one\",\"created_at\":\"soon\"},"
                        + "{\"app_slug\":\"Two Words\",\"account\":{\"login\":[\"x\"]},"
                        + "\"repository_selection\":42,\"suspended_at\":null,"
                        + "\"permissions\":{\"contents\":42,\"Bad Name\":\"write\",\"pages\":\"sometimes maybe\","
                        + "\"issues\":\"none\",\"checks\":\"WRITE\"}}]}";
        ListParseOutput out = parse("acme/installations.json", listing);
        assertThat(EventsText.reasons(out))
                .containsExactly("the created_at of a GitHub App installation is not a time stamp");
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=github:app:two-words {account=acme, identityType=app, name=two-words, status=Active}",
                        "GRANTED identity=github:app:two-words resource=permission:checks:write {account=acme, privilege=write, privilegeReason=write permission}");
    }

    @Test
    void theNumberOfPermissionsKeptIsBounded() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 400; i++) {
            many.append("\"perm_").append(i).append("\":\"read\",");
        }
        many.append("\"contents\":\"write\"}");
        ListParseOutput out =
                parse(
                        "acme/installations.json",
                        "[{\"app_slug\":\"x\",\"permissions\":" + many + "}]");
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events()).hasSize(1 + GitHubPermissions.MAX_PERMISSIONS);
    }
}
