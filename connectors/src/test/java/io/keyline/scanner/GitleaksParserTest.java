package io.keyline.scanner;

import static io.keyline.scanner.PlantedSecrets.fp;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GitleaksParserTest {

    private static final String FORMAT = "gitleaks";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static final String TEST_RULE_EVENTS_SECRET = "a secret";

    static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/scanner/" + name);
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void aFindingOfTheJsonReportIsStoredInItsFileAndHintsAtItsAuthor() {
        ListParseOutput out =
                parse("report.json", fixture("gitleaks-testdata-json_extra_simple.json"));

        String credential = fp(TEST_RULE_EVENTS_SECRET);
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + credential
                                + " type=GENERIC_SECRET location=repo-file:auth.py {commit=0000000000000000, detector=test-rule, line=1}",
                        "OWNER_HINT credential="
                                + credential
                                + " type=GENERIC_SECRET actor=johndoe@gmail.com {ownerSource=commit-author}");
        // The month-first Date of this report is the time of both facts.
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsOnly(at("2003-10-19T00:00:00Z"));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(EventIds.hashed(FORMAT, credential, "auth.py", "0000000000000000", "1"));
        PlantedSecrets.assertNowhere(
                out, TEST_RULE_EVENTS_SECRET, "line containing secret", "opps");
    }

    @Test
    void theCsvReportOfTheSameScanYieldsTheSameEventsAndIds() {
        ListParseOutput json =
                parse("report.json", fixture("gitleaks-testdata-json_extra_simple.json"));
        ListParseOutput csv = parse("report.csv", fixture("gitleaks-testdata-csv_simple.csv"));

        assertThat(csv.rejections()).isEmpty();
        assertThat(EventsText.of(csv)).isEqualTo(EventsText.of(json));
        assertThat(csv.events())
                .extracting(IdentityEvent::getEventId)
                .isEqualTo(json.events().stream().map(IdentityEvent::getEventId).toList());
        PlantedSecrets.assertNowhere(csv, TEST_RULE_EVENTS_SECRET, "line containing secret");
    }

    @Test
    void anAwsKeyIdIsItsOwnIdAndGoTimeTextIsTheCommitTime() {
        // A bare finding object, as the v8.0 README shows it; Date repeats its offset.
        ListParseOutput out = parse("report.json", fixture("gitleaks-readme-v8-finding.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=aws:access-key:AKIAIMNOJVGFDXXXE4OA type=AWS_ACCESS_KEY location=repo-file:checks_test.go {commit=ec2fc9d6cb0954fb3b57201cf6133c48d8ca0d29, detector=aws-access-token, line=37}",
                        "OWNER_HINT credential=aws:access-key:AKIAIMNOJVGFDXXXE4OA type=AWS_ACCESS_KEY actor=thisispublicanyways@gmail.com {ownerSource=commit-author}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsOnly(at("2018-01-28T22:39:00Z"));
    }

    @Test
    void theFolderBelowTheFormatFolderNamesTheRepository() {
        ListParseOutput out =
                parse(
                        "payments-api/2026-11-01-report.json",
                        fixture("gitleaks-testdata-json_extra_simple.json"));

        assertThat(EventsText.of(out).get(0))
                .isEqualTo(
                        "STORED_AT credential="
                                + fp(TEST_RULE_EVENTS_SECRET)
                                + " type=GENERIC_SECRET location=repo-file:payments-api:auth.py {commit=0000000000000000, detector=test-rule, line=1, repository=payments-api}");
    }

    @Test
    void theRemoteOfALinkNamesTheRepositoryBeforeTheFolder() {
        String report =
                "[{\"RuleID\":\"generic-api-key\",\"Secret\":\"Pl4nted-db-passw0rd!\","
                        + "\"File\":\"deploy/.env\",\"Commit\":\"9e1d2c3b\",\"StartLine\":3,"
                        + "\"Link\":\"https://github.com/example-org/payments-api/blob/9e1d2c3b/deploy/.env#L3\","
                        + "\"Email\":\"Sam.Rivera@Example.com\",\"Date\":\"2025-02-03T04:05:06Z\"}]";

        ListParseOutput out = parse("some-folder/report.json", report);

        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + fp(PlantedSecrets.PASSWORD)
                                + " type=GENERIC_SECRET location=env-file:https://github.com/example-org/payments-api:deploy/.env {commit=9e1d2c3b, detector=generic-api-key, line=3, repository=https://github.com/example-org/payments-api}",
                        "OWNER_HINT credential="
                                + fp(PlantedSecrets.PASSWORD)
                                + " type=GENERIC_SECRET actor=sam.rivera@example.com {ownerSource=commit-author}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsOnly(at("2025-02-03T04:05:06Z"));
    }

    @Test
    void theLinkShapesOfTheCodeHostsGiveTheirRemote() {
        assertThat(GitleaksFinding.remoteOf("https://gitlab.com/g/r/-/blob/abc/f.txt#L1", "abc"))
                .isEqualTo("https://gitlab.com/g/r");
        assertThat(GitleaksFinding.remoteOf("https://gitea.example/o/r/src/commit/abc/f", "abc"))
                .isEqualTo("https://gitea.example/o/r");
        assertThat(GitleaksFinding.remoteOf("https://bitbucket.org/o/r/src/abc/f#lines-2", "abc"))
                .isEqualTo("https://bitbucket.org/o/r");
        assertThat(
                        GitleaksFinding.remoteOf(
                                "https://dev.azure.com/o/p/_git/r/commit/abc?path=/f", "abc"))
                .isEqualTo("https://dev.azure.com/o/p/_git/r");
        assertThat(GitleaksFinding.remoteOf("https://example.com/abc", "abc")).isNull();
        assertThat(GitleaksFinding.remoteOf(null, "abc")).isNull();
    }

    @Test
    void theEarlyVersion8FormWithContextAndNoFingerprintIsRead() {
        String report =
                "[{\"Description\":\"GitHub Personal Access Token\",\"StartLine\":2,\"EndLine\":2,"
                        + "\"StartColumn\":9,\"EndColumn\":48,"
                        + "\"Context\":\"token: ghp_PlantedGitHubToken0123456789abcdefgh\","
                        + "\"Secret\":\"ghp_PlantedGitHubToken0123456789abcdefgh\","
                        + "\"File\":\".github/workflows/release.yml\",\"Commit\":\"c0ffee01\","
                        + "\"Entropy\":4.9,\"Author\":\"Sam\",\"Email\":\"sam@example.com\","
                        + "\"Date\":\"2021-11-17 13:25:48 +0000 UTC\",\"Message\":\"ci: add release\","
                        + "\"Tags\":[],\"RuleID\":\"github-pat\"}]";

        ListParseOutput out = parse("report.json", report);

        String credential = PlantedSecrets.github(PlantedSecrets.GITHUB_TOKEN);
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + credential
                                + " type=GITHUB_PAT location=repo-file:.github/workflows/release.yml {commit=c0ffee01, detector=github-pat, line=2}",
                        "OWNER_HINT credential="
                                + credential
                                + " type=GITHUB_PAT actor=sam@example.com {ownerSource=commit-author}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsOnly(at("2021-11-17T13:25:48Z"));
        PlantedSecrets.assertNowhere(out, PlantedSecrets.GITHUB_TOKEN);
    }

    @Test
    void version7ReportsAreReadByTheirLowerCaseKeys() {
        // gitleaks 7: "line" is the whole line, "offender" the secret, "date" RFC 3339 (Go's zero
        // time for files outside git), "tags" one string, and a repoURL that may hold credentials.
        String report =
                "[\n {\n  \"line\": \"aws_access_key_id = AKIAPLANTEDKEY7TEST1\",\n"
                        + "  \"lineNumber\": 4,\n  \"offender\": \"AKIAPLANTEDKEY7TEST1\",\n"
                        + "  \"offenderEntropy\": -1,\n"
                        + "  \"commit\": \"e64f915755c8b2e6d50bc0c01efd34ad0920cb61\",\n"
                        + "  \"repo\": \"payments-api\",\n"
                        + "  \"repoURL\": \"https://ci-bot:Pl4nted-db-passw0rd!@git.example.com/pay/payments-api.git\",\n"
                        + "  \"leakURL\": \"\",\n  \"rule\": \"AWS Access Key\",\n"
                        + "  \"commitMessage\": \"add key Pl4nted-db-passw0rd!\\n\",\n"
                        + "  \"author\": \"Dana\",\n  \"email\": \"dana@example.com\",\n"
                        + "  \"file\": \"config/aws.ini\",\n  \"date\": \"2021-11-17T13:25:48Z\",\n"
                        + "  \"tags\": \"key, AWS\"\n },\n"
                        + " {\n  \"line\": \"password = Pl4nted-db-passw0rd!\",\n"
                        + "  \"lineNumber\": 9,\n  \"offender\": \"Pl4nted-db-passw0rd!\",\n"
                        + "  \"commit\": \"\",\n  \"repo\": \".\",\n  \"repoURL\": \"\",\n"
                        + "  \"rule\": \"Generic Credential\",\n  \"commitMessage\": \"\",\n"
                        + "  \"author\": \"\",\n  \"email\": \"\",\n  \"file\": \"db/settings.py\",\n"
                        + "  \"date\": \"0001-01-01T00:00:00Z\",\n  \"tags\": \"\"\n }\n]\n";

        ListParseOutput out = parse("report.json", report);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=aws:access-key:AKIAPLANTEDKEY7TEST1 type=AWS_ACCESS_KEY location=repo-file:https://git.example.com/pay/payments-api:config/aws.ini {commit=e64f915755c8b2e6d50bc0c01efd34ad0920cb61, detector=AWS Access Key, line=4, repository=https://git.example.com/pay/payments-api}",
                        "OWNER_HINT credential=aws:access-key:AKIAPLANTEDKEY7TEST1 type=AWS_ACCESS_KEY actor=dana@example.com {ownerSource=commit-author}",
                        "STORED_AT credential="
                                + fp(PlantedSecrets.PASSWORD)
                                + " type=GENERIC_SECRET location=repo-file:db/settings.py {detector=Generic Credential, line=9}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsExactly(
                        at("2021-11-17T13:25:48Z"), at("2021-11-17T13:25:48Z"), OBSERVED_AT);
        PlantedSecrets.assertNowhere(out, PlantedSecrets.PASSWORD);
    }

    @Test
    void theCurrentCsvHeaderWithTagsAndQuotedFieldsIsRead() {
        String csv =
                "RuleID,Commit,File,SymlinkFile,Secret,Match,StartLine,EndLine,StartColumn,EndColumn,Author,Message,Date,Email,Fingerprint,Tags\r\n"
                        + "anthropic-api-key,ab12cd34,\"apps/agent, tools/.env.local\",,"
                        + PlantedSecrets.ANTHROPIC_KEY
                        + ",\"ANTHROPIC_API_KEY=\"\""
                        + PlantedSecrets.ANTHROPIC_KEY
                        + "\"\"\",5,5,19,68,Dana,\"wip\nmore "
                        + PlantedSecrets.ANTHROPIC_KEY
                        + "\",2025-01-02T03:04:05Z,Dana@Example.com,\"ab12cd34:apps/agent, tools/.env.local:anthropic-api-key:5\",llm key\r\n";

        ListParseOutput out = parse("report.csv", csv);

        String credential = fp(PlantedSecrets.ANTHROPIC_KEY);
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + credential
                                + " type=LLM_API_KEY location=env-file:apps/agent, tools/.env.local {commit=ab12cd34, detector=anthropic-api-key, line=5}",
                        "OWNER_HINT credential="
                                + credential
                                + " type=LLM_API_KEY actor=dana@example.com {ownerSource=commit-author}");
        PlantedSecrets.assertNowhere(out, PlantedSecrets.ANTHROPIC_KEY);
    }

    @Test
    void theVersion7CsvIsReadByItsColumns() {
        String csv =
                "repo,line,commit,offender,leakURL,rule,tags,commitMsg,author,email,file,date\n"
                        + "payments-api,token = "
                        + PlantedSecrets.OPENAI_KEY
                        + ",aa11bb22,"
                        + PlantedSecrets.OPENAI_KEY
                        + ",,OpenAI,\"key, openai\",add key,Sam,sam@example.com,src/ai.py,2022-03-04T05:06:07Z\n";

        ListParseOutput out = parse("report.csv", csv);

        String credential = fp(PlantedSecrets.OPENAI_KEY);
        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + credential
                                + " type=LLM_API_KEY location=repo-file:payments-api:src/ai.py {commit=aa11bb22, detector=OpenAI, repository=payments-api}",
                        "OWNER_HINT credential="
                                + credential
                                + " type=LLM_API_KEY actor=sam@example.com {ownerSource=commit-author}");
        PlantedSecrets.assertNowhere(out, PlantedSecrets.OPENAI_KEY);
    }

    @Test
    void aDirectoryScanNamesTheKindOfPlaceOfEachFile() {
        String report =
                "["
                        + dirFinding(
                                "/Users/dana/Library/Application Support/Claude/claude_desktop_config.json")
                        + ","
                        + dirFinding("~/.cursor/mcp.json")
                        + ","
                        + dirFinding("deploy/.env")
                        + ","
                        + dirFinding("/var/lib/jenkins/jobs/payments-api/builds/42/log")
                        + ","
                        + dirFinding("/home/dana/notes.txt")
                        + "]";

        ListParseOutput out = parse("report.json", report);

        assertThat(out.events())
                .extracting(e -> e.getLocation().getStore())
                .containsExactly("mcp-config", "mcp-config", "env-file", "ci-log", "laptop");
        // Without a commit there is no commit time: the facts take the time of the file.
        assertThat(out.events()).extracting(IdentityEvent::getEventTime).containsOnly(OBSERVED_AT);
    }

    private static String dirFinding(String file) {
        return "{\"RuleID\":\"anthropic-api-key\",\"Secret\":\""
                + PlantedSecrets.ANTHROPIC_KEY
                + "\",\"File\":\""
                + file
                + "\",\"Commit\":\"\",\"StartLine\":1,\"Email\":\"\",\"Date\":\"\"}";
    }

    @Test
    void aRedactedSecretIsRejectedAndCountedAndTheRestStillCounts() {
        String report =
                "["
                        + "{\"RuleID\":\"github-pat\",\"Secret\":\"REDACTED\",\"Match\":\"token: REDACTED\","
                        + "\"File\":\"a.yml\",\"Commit\":\"c1\",\"StartLine\":1,\"Fingerprint\":\"c1:a.yml:github-pat:1\"},"
                        + "{\"RuleID\":\"github-pat\",\"Secret\":\"REDACT\",\"Context\":\"token: REDACTED\","
                        + "\"File\":\"b.yml\",\"Commit\":\"c1\",\"StartLine\":2},"
                        + "{\"RuleID\":\"github-pat\",\"Secret\":\"ghp_PlantedGitHu...\",\"File\":\"c.yml\","
                        + "\"Commit\":\"c1\",\"StartLine\":3},"
                        + "{\"rule\":\"Github\",\"offender\":\"REDACTED\",\"line\":\"REDACTED\",\"file\":\"d.yml\"},"
                        + "{\"RuleID\":\"github-pat\",\"Secret\":\""
                        + PlantedSecrets.GITHUB_TOKEN
                        + "\",\"File\":\"e.yml\",\"Commit\":\"c1\",\"StartLine\":4}"
                        + "]";

        ListParseOutput out = parse("report.json", report);

        assertThat(EventsText.reasons(out))
                .hasSize(4)
                .containsOnly(
                        "the finding's secret is redacted; run the scanner without redaction so"
                                + " Keyline can fingerprint it");
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"RuleID\":\"github-pat\",\"File\":\"a.yml\",\"Commit\":\"c1\",\"StartLine\":1,"
                                + "\"Fingerprint\":\"c1:a.yml:github-pat:1\"}");
        assertThat(out.events())
                .singleElement()
                .satisfies(e -> assertThat(e.getLocation().getPath()).isEqualTo("e.yml"));
        PlantedSecrets.assertNowhere(out, "ghp_PlantedGitHu");
    }
}
