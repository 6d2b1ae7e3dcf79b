package io.keyline.scanner;

import static io.keyline.scanner.PlantedSecrets.ANTHROPIC_KEY;
import static io.keyline.scanner.PlantedSecrets.AWS_KEY_ID;
import static io.keyline.scanner.PlantedSecrets.AWS_SECRET_KEY;
import static io.keyline.scanner.PlantedSecrets.GITHUB_TOKEN;
import static io.keyline.scanner.PlantedSecrets.OPENAI_KEY;
import static io.keyline.scanner.PlantedSecrets.PASSWORD;
import static io.keyline.scanner.PlantedSecrets.SECRETS;
import static io.keyline.scanner.PlantedSecrets.fp;
import static io.keyline.scanner.PlantedSecrets.github;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known secrets planted in every scanner format, in every field that carries them, and in a finding
 * that is rejected: each is reduced to its expected id and appears in no output.
 */
class ScannerZeroKnowledgeTest {

    /** Each planted value with the rule that found it. */
    private static final String[][] PLANTED = {
        {AWS_KEY_ID, "aws-access-token", "AWS"},
        {AWS_SECRET_KEY, "aws-secret-access-key", "AWS"},
        {GITHUB_TOKEN, "github-pat", "Github"},
        {ANTHROPIC_KEY, "anthropic-api-key", "Anthropic"},
        {OPENAI_KEY, "openai-api-key", "OpenAI"},
        {PASSWORD, "generic-api-key", "Generic"},
    };

    private static final List<String> EXPECTED_IDS =
            List.of(
                    "aws:access-key:" + AWS_KEY_ID,
                    fp(AWS_SECRET_KEY),
                    github(GITHUB_TOKEN),
                    fp(ANTHROPIC_KEY),
                    fp(OPENAI_KEY),
                    fp(PASSWORD));

    private static final List<String> EXPECTED_TYPES =
            List.of(
                    "AWS_ACCESS_KEY",
                    "GENERIC_SECRET",
                    "GITHUB_PAT",
                    "LLM_API_KEY",
                    "LLM_API_KEY",
                    "GENERIC_SECRET");

    /** Every secret at once, for the fields that hold a whole line or a message. */
    private static final String ALL = String.join(" ", SECRETS);

    @Test
    void gitleaks8Json() {
        List<String> findings = new ArrayList<>();
        for (String[] p : PLANTED) {
            findings.add(
                    "{\"RuleID\":\""
                            + p[1]
                            + "\",\"Match\":\"key = "
                            + p[0]
                            + "\",\"Secret\":\""
                            + p[0]
                            + "\",\"Line\":\"  key = "
                            + p[0]
                            + "\",\"File\":\"src/app.py\",\"Commit\":\"c1\",\"StartLine\":3,"
                            + "\"Message\":\"fix "
                            + ALL
                            + "\",\"Email\":\"dev@example.com\",\"Fingerprint\":\"c1:src/app.py:"
                            + p[1]
                            + ":3\"}");
        }
        // A finding rejected for its line number, with every secret in every secret field.
        findings.add(
                "{\"RuleID\":\"generic-api-key\",\"Match\":\""
                        + ALL
                        + "\",\"Secret\":\""
                        + PASSWORD
                        + "\",\"Context\":\""
                        + ALL
                        + "\",\"File\":\"src/app.py\",\"StartLine\":\"three\",\"Message\":\""
                        + ALL
                        + "\"}");

        check(GitleaksParserTest.parse("report.json", "[" + String.join(",", findings) + "]"));
    }

    @Test
    void gitleaks7Json() {
        List<String> findings = new ArrayList<>();
        for (String[] p : PLANTED) {
            findings.add(
                    "{\"line\":\"key = "
                            + p[0]
                            + "\",\"lineNumber\":3,\"offender\":\""
                            + p[0]
                            + "\",\"commit\":\"c1\",\"repo\":\"app\",\"rule\":\""
                            + p[2]
                            + "\",\"commitMessage\":\""
                            + ALL
                            + "\",\"author\":\"Dev\",\"email\":\"dev@example.com\","
                            + "\"file\":\"src/app.py\",\"date\":\"2021-01-02T03:04:05Z\",\"tags\":\"key\"}");
        }
        findings.add(
                "{\"line\":\""
                        + ALL
                        + "\",\"lineNumber\":\"x\",\"offender\":\""
                        + PASSWORD
                        + "\",\"rule\":\"Generic\",\"commitMessage\":\""
                        + ALL
                        + "\",\"file\":\"src/app.py\"}");

        check(GitleaksParserTest.parse("report.json", "[" + String.join(",", findings) + "]"));
    }

    @Test
    void gitleaksCsv() {
        StringBuilder csv =
                new StringBuilder(
                        "RuleID,Commit,File,SymlinkFile,Secret,Match,StartLine,EndLine,StartColumn,"
                                + "EndColumn,Author,Message,Date,Email,Fingerprint,Tags\n");
        for (String[] p : PLANTED) {
            csv.append(p[1])
                    .append(",c1,src/app.py,,")
                    .append(p[0])
                    .append(",\"key = \"\"")
                    .append(p[0])
                    .append("\"\"\",3,3,1,9,Dev,\"")
                    .append(ALL)
                    .append("\",2021-01-02T03:04:05Z,dev@example.com,c1:src/app.py:")
                    .append(p[1])
                    .append(":3,\n");
        }
        csv.append("generic-api-key,c1,src/app.py,,")
                .append(PASSWORD)
                .append(",")
                .append(ALL)
                .append(",x,3,1,9,Dev,")
                .append(ALL)
                .append(",,,,\n");
        // A row that does not split into the columns.
        csv.append("generic-api-key,").append(ALL).append("\n");

        ListParseOutput out = GitleaksParserTest.parse("report.csv", csv.toString());

        check(out, 2);
    }

    @Test
    void trufflehogJsonLines() {
        List<String> lines = new ArrayList<>();
        for (String[] p : PLANTED) {
            lines.add(
                    "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"commit\":\"c1\",\"file\":\"src/app.py\","
                            + "\"email\":\"Dev \\u003cdev@example.com\\u003e\","
                            + "\"repository\":\"https://github.com/example-org/app.git\","
                            + "\"timestamp\":\"2021-01-02 03:04:05 +0000 UTC\",\"line\":3}}},"
                            + "\"SourceID\":1,\"SourceType\":16,\"SourceName\":\"trufflehog - git\","
                            + "\"DetectorType\":1,\"DetectorName\":\""
                            + p[2]
                            + "\",\"DecoderName\":\"PLAIN\",\"Verified\":false,\"Raw\":\""
                            + p[0]
                            + "\",\"RawV2\":\""
                            + p[0]
                            + AWS_SECRET_KEY
                            + "\",\"Redacted\":\""
                            + p[0]
                            + "\",\"ExtraData\":{\"note\":\""
                            + ALL
                            + "\"},\"StructuredData\":{\"x\":\""
                            + ALL
                            + "\"}}");
        }
        lines.add(
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"line\":3}}},\"DetectorName\":\"Generic\","
                        + "\"Raw\":\""
                        + PASSWORD
                        + "\",\"RawV2\":\""
                        + ALL
                        + "\",\"Redacted\":\""
                        + ALL
                        + "\",\"ExtraData\":{\"k\":\""
                        + ALL
                        + "\"}}");
        lines.add("not json: " + ALL);

        check(TrufflehogParserTest.parse(String.join("\n", lines)), 2);
    }

    private static void check(ListParseOutput out) {
        check(out, 1);
    }

    private static void check(ListParseOutput out, int rejections) {
        assertThat(out.rejections()).hasSize(rejections);
        List<IdentityEvent> stored =
                out.events().stream().filter(e -> e.getKind().name().equals("STORED_AT")).toList();
        assertThat(stored).extracting(IdentityEvent::getCredentialId).isEqualTo(EXPECTED_IDS);
        assertThat(stored).extracting(IdentityEvent::getCredentialType).isEqualTo(EXPECTED_TYPES);
        assertThat(out.events())
                .filteredOn(e -> e.getKind().name().equals("OWNER_HINT"))
                .extracting(IdentityEvent::getActor)
                .containsOnly("dev@example.com")
                .hasSize(PLANTED.length);
        PlantedSecrets.assertNowhere(out, SECRETS);
    }
}
