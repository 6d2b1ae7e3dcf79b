package io.keyline.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gitleaks reports broken on purpose: each is rejected with a reason and no secret. */
class GitleaksHostileInputTest {

    private static final String SECRET = PlantedSecrets.PASSWORD;

    private static final String GOOD =
            "{\"RuleID\":\"generic-api-key\",\"Secret\":\""
                    + SECRET
                    + "\",\"Match\":\"password="
                    + SECRET
                    + "\",\"File\":\"app.cfg\",\"Commit\":\"c1\",\"StartLine\":1}";

    private static ListParseOutput parse(String name, String text) {
        return GitleaksParserTest.parse(name, text);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{\"RuleID\":\"r\",\"Secret\":\"Pl4nted-db-passw0rd!\"|the JSON ends too early at line 1, column 47",
                "[{\"RuleID\": r}]|the JSON has an unexpected token at line 1, column 15",
                "{\"findings\":[]}|the gitleaks report is neither an array of findings nor one finding",
                "Pl4nted-db-passw0rd!|the gitleaks CSV report has neither the gitleaks 8 columns Secret and File nor the gitleaks 7 columns offender and file in its first row",
                "[\"Pl4nted-db-passw0rd!\"]|a gitleaks finding is not a JSON object",
                "[null]|a gitleaks finding is not a JSON object",
                "[{\"Description\":\"x\"}]|a gitleaks finding has neither a Secret (gitleaks 8) nor an offender (gitleaks 7)",
                "[{\"RuleID\":\"r\",\"File\":\"f\"}]|a gitleaks finding has no Secret",
                "[{\"RuleID\":\"r\",\"Secret\":\"\",\"File\":\"f\"}]|a gitleaks finding has no Secret",
                "[{\"RuleID\":\"r\",\"Secret\":42,\"File\":\"f\"}]|the Secret of a gitleaks finding is not a string",
                "[{\"RuleID\":\"r\",\"Secret\":{\"v\":\"Pl4nted-db-passw0rd!\"},\"File\":\"f\"}]|the Secret of a gitleaks finding is not a string",
                "[{\"RuleID\":\"r\",\"Secret\":\"Pl4nted-db-passw0rd!\"}]|a gitleaks finding has no File",
                "[{\"RuleID\":\"r\",\"Secret\":\"Pl4nted-db-passw0rd!\",\"File\":null}]|a gitleaks finding has no File",
                "[{\"RuleID\":\"r\",\"Secret\":\"Pl4nted-db-passw0rd!\",\"File\":{\"path\":\"f\"}}]|the File of a gitleaks finding is not a string",
                "[{\"RuleID\":\"r\",\"Secret\":\"Pl4nted-db-passw0rd!\",\"File\":\"f\",\"StartLine\":\"three\"}]|the StartLine of a gitleaks finding is not a whole number",
                "[{\"RuleID\":\"r\",\"Secret\":\"Pl4nted-db-passw0rd!\",\"File\":\"f\",\"StartLine\":1.5}]|the StartLine of a gitleaks finding is not a whole number",
                "[{\"RuleID\":[\"r\"],\"Secret\":\"Pl4nted-db-passw0rd!\",\"File\":\"f\"}]|the RuleID of a gitleaks finding is not a string",
                "[{\"rule\":\"r\",\"offender\":\"Pl4nted-db-passw0rd!\",\"file\":\"f\",\"lineNumber\":true}]|the lineNumber of a gitleaks finding is not a whole number",
            })
    void brokenReportsAreRejectedWithAReason(String report, String reason) {
        ListParseOutput out = parse("report.json", report);

        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
        PlantedSecrets.assertNowhere(out, SECRET);
    }

    @Test
    void aBadFindingCostsOnlyItselfAndKeepsOnlyItsSafeFields() {
        String bad =
                "{\"RuleID\":\"generic-api-key\",\"Secret\":\""
                        + SECRET
                        + "\",\"Match\":\"pw="
                        + SECRET
                        + "\",\"Line\":\"pw="
                        + SECRET
                        + "\",\"Message\":\"oops "
                        + SECRET
                        + "\",\"Fragment\":{\"Raw\":\""
                        + SECRET
                        + "\"},\"File\":\"app.cfg\",\"StartLine\":\"x\",\"Email\":\"a@example.com\"}";

        ListParseOutput out = parse("report.json", "[" + GOOD + "," + bad + "," + GOOD + "]");

        assertThat(out.events()).hasSize(2);
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the StartLine of a gitleaks finding is not a whole"
                                                    + " number");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo(
                                            "{\"RuleID\":\"generic-api-key\",\"File\":\"app.cfg\","
                                                    + "\"StartLine\":\"x\",\"Email\":\"a@example.com\"}");
                        });
        PlantedSecrets.assertNowhere(out, SECRET);
    }

    @Test
    void aFileThatIsNotJsonIsRejectedWithoutItsBytes() {
        ListParseOutput out = parse("report.json", "[" + GOOD + ",");

        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.payload()).isEmpty());
    }

    @Test
    void anOversizeOrDeeplyNestedValueIsRejected() {
        String longFile = "a/".repeat(3000) + "f";
        ListParseOutput oversize =
                parse(
                        "report.json",
                        "[{\"RuleID\":\"r\",\"Secret\":\""
                                + SECRET
                                + "\",\"File\":\""
                                + longFile
                                + "\"}]");
        assertThat(EventsText.reasons(oversize))
                .containsExactly("the File of a gitleaks finding is longer than 4096 characters");

        String nested = "[".repeat(300) + "]".repeat(300);
        ListParseOutput deep = parse("report.json", nested);
        assertThat(EventsText.reasons(deep))
                .singleElement()
                .asString()
                .startsWith("the JSON is nested too deeply");
        assertThat(deep.rejections().get(0).payload()).isEmpty();
    }

    @Test
    void emptyReportsYieldNothingAndRejectNothing() {
        for (String empty : new String[] {"[]", "null", "  \n", "\uFEFF[]\n"}) {
            ListParseOutput out = parse("report.json", empty);
            assertThat(out.events()).isEmpty();
            assertThat(out.rejections()).isEmpty();
        }
        ListParseOutput headerOnly =
                parse("report.csv", "RuleID,Commit,File,SymlinkFile,Secret,Match\n");
        assertThat(headerOnly.events()).isEmpty();
        assertThat(headerOnly.rejections()).isEmpty();
    }

    @Test
    void aCsvRowThatDoesNotSplitIntoTheColumnsIsRejectedWithoutItsText() {
        String header = "RuleID,Commit,File,SymlinkFile,Secret,Match,StartLine\n";
        String good = "generic-api-key,c1,app.cfg,," + SECRET + ",pw=" + SECRET + ",1\n";
        String csv =
                header
                        + good
                        + "generic-api-key,c1,app.cfg,,"
                        + SECRET
                        + ",1\n"
                        + "generic-api-key,c1,app.cfg,,x,y,abc\n"
                        + good
                        + "generic-api-key,c1,\"app.cfg,,"
                        + SECRET
                        + ",1\n";

        ListParseOutput out = parse("report.csv", csv);

        assertThat(out.events()).extracting(e -> e.attribute("line")).containsExactly("1", "1");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the row has 6 fields where the header has 7 (row 3 of the CSV report)",
                        "the StartLine of a gitleaks finding is not a whole number (row 4 of the CSV report)",
                        "a quoted field is never closed (row 6 of the CSV report)");
        assertThat(out.rejections().get(0).payload()).isEmpty();
        assertThat(new String(out.rejections().get(1).payload(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"RuleID\":\"generic-api-key\",\"Commit\":\"c1\",\"File\":\"app.cfg\","
                                + "\"SymlinkFile\":\"\",\"StartLine\":\"abc\"}");
        PlantedSecrets.assertNowhere(out, SECRET);
    }
}
