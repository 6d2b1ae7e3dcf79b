package io.keyline.scanner;

import static io.keyline.scanner.PlantedSecrets.fp;
import static io.keyline.scanner.PlantedSecrets.github;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrufflehogParserTest {

    private static final String FORMAT = "trufflehog";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    /** The made-up secrets of the fixture. */
    private static final String FIXTURE_AWS_SECRET = "FixtureSecretAccessKey/ForKeylineTests+0";

    private static final String FIXTURE_GITHUB_TOKEN = "ghp_FixtureTokenForKeylineTests012345678";
    private static final String FIXTURE_OPENAI_KEY =
            "sk-proj-FixtureOpenAIKeyForKeylineTests0123456789";

    static ListParseOutput parse(String content) {
        return ParserHarness.parseFile(
                FORMAT, "scan.jsonl", content.getBytes(StandardCharsets.UTF_8), OBSERVED_AT);
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** One finding line of the given source, with {@code raw} as its secret. */
    static String finding(String sourceType, String data, String detector, String raw) {
        return "{\"SourceMetadata\":{\"Data\":{\""
                + sourceType
                + "\":"
                + data
                + "}},\"SourceID\":7,\"SourceType\":0,\"SourceName\":\"trufflehog - x\","
                + "\"DetectorType\":0,\"DetectorName\":\""
                + detector
                + "\",\"DecoderName\":\"PLAIN\",\"Verified\":false,\"Raw\":\""
                + raw
                + "\",\"RawV2\":\"\",\"Redacted\":\"\",\"ExtraData\":null,\"StructuredData\":null}";
    }

    @Test
    void findingsOfEachSourceAreStoredWhereTheyWereAndLogLinesAreSkipped() {
        ListParseOutput out =
                ParserHarness.parseFile(
                        FORMAT,
                        "scan.jsonl",
                        ParserHarness.resource("/fixtures/scanner/trufflehog-mixed-sources.jsonl"),
                        OBSERVED_AT);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=aws:access-key:AKIAEXAMPLEFIXTURE01 type=AWS_ACCESS_KEY location=env-file:https://github.com/example-org/payments-api:deploy/.env {commit=3f9c2a7b1d0e4c5f8a6b9d2e1f0a3c4b5d6e7f80, detector=AWS, line=12, repository=https://github.com/example-org/payments-api}",
                        "OWNER_HINT credential=aws:access-key:AKIAEXAMPLEFIXTURE01 type=AWS_ACCESS_KEY actor=dana.ops@example.com {ownerSource=commit-author}",
                        "STORED_AT credential="
                                + github(FIXTURE_GITHUB_TOKEN)
                                + " type=GITHUB_PAT location=mcp-config:/Users/dana/.cursor/mcp.json {detector=Github, line=7}",
                        "STORED_AT credential="
                                + fp(FIXTURE_OPENAI_KEY)
                                + " type=LLM_API_KEY location=chat:slack:deploys {detector=OpenAI}",
                        "OWNER_HINT credential="
                                + fp(FIXTURE_OPENAI_KEY)
                                + " type=LLM_API_KEY actor=sam.rivera@example.com {ownerSource=commit-author}");
        // The commit's Go time text, the file's time where the source has none, Slack's ts.
        assertThat(out.events())
                .extracting(IdentityEvent::getEventTime)
                .containsExactly(
                        at("2025-03-04T17:15:00Z"),
                        at("2025-03-04T17:15:00Z"),
                        OBSERVED_AT,
                        at("2025-03-04T17:15:00.000Z"),
                        at("2025-03-04T17:15:00.000Z"));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "aws:access-key:AKIAEXAMPLEFIXTURE01",
                                "https://github.com/example-org/payments-api:deploy/.env",
                                "3f9c2a7b1d0e4c5f8a6b9d2e1f0a3c4b5d6e7f80",
                                "12"));
        PlantedSecrets.assertNowhere(
                out,
                FIXTURE_AWS_SECRET,
                FIXTURE_GITHUB_TOKEN,
                FIXTURE_OPENAI_KEY,
                "sk-proj-Fixt****",
                "ci-deployer");
    }

    @Test
    void aRescanOfTheSameFindingYieldsTheSameIds() {
        String line =
                finding(
                        "Filesystem",
                        "{\"file\":\"deploy/.env\",\"line\":3}",
                        "Anthropic",
                        PlantedSecrets.ANTHROPIC_KEY);
        assertThat(parse(line).events())
                .extracting(IdentityEvent::getEventId)
                .isEqualTo(
                        parse(line + "\n" + line).events().stream()
                                .map(IdentityEvent::getEventId)
                                .distinct()
                                .toList());
    }

    @Test
    void theCodeHostsNameTheRepositoryWithoutCredentialsOrDotGit() {
        String githubLine =
                finding(
                        "Github",
                        "{\"link\":\"https://github.com/example-org/infra/blob/abc123/ci/deploy.sh#L4\","
                                + "\"username\":\"sam\",\"repository\":\"https://x-access-token:"
                                + PlantedSecrets.PASSWORD
                                + "@github.com/example-org/infra.git\",\"commit\":\"abc123\","
                                + "\"email\":\"Sam \\u003csam@example.com\\u003e\",\"file\":\"ci/deploy.sh\","
                                + "\"timestamp\":\"2024-05-06 07:08:09 +0000 UTC\",\"line\":4,\"visibility\":1}",
                        "Github",
                        PlantedSecrets.GITHUB_TOKEN);
        String gitlabLine =
                finding(
                        "Gitlab",
                        "{\"commit\":\"def456\",\"file\":\"values.yaml\",\"repository\":\"https://gitlab.com/example-org/charts.git\",\"line\":2}",
                        "URI",
                        PlantedSecrets.PASSWORD);

        ListParseOutput out = parse(githubLine + "\n" + gitlabLine);

        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + github(PlantedSecrets.GITHUB_TOKEN)
                                + " type=GITHUB_PAT location=repo-file:https://github.com/example-org/infra:ci/deploy.sh {commit=abc123, detector=Github, line=4, repository=https://github.com/example-org/infra}",
                        "OWNER_HINT credential="
                                + github(PlantedSecrets.GITHUB_TOKEN)
                                + " type=GITHUB_PAT actor=sam@example.com {ownerSource=commit-author}",
                        "STORED_AT credential="
                                + fp(PlantedSecrets.PASSWORD)
                                + " type=GENERIC_SECRET location=repo-file:https://gitlab.com/example-org/charts:values.yaml {commit=def456, detector=URI, line=2, repository=https://gitlab.com/example-org/charts}");
        PlantedSecrets.assertNowhere(out, PlantedSecrets.GITHUB_TOKEN, PlantedSecrets.PASSWORD);
    }

    @Test
    void otherSourcesNameTheirBucketImageChannelBuildOrPage() {
        String secret = PlantedSecrets.PASSWORD;
        String lines =
                String.join(
                        "\n",
                        finding(
                                "S3",
                                "{\"bucket\":\"backups\",\"file\":\"prod/.env\"}",
                                "Generic",
                                secret),
                        finding(
                                "Gcs",
                                "{\"bucket\":\"exports\",\"filename\":\"dump.sql\"}",
                                "Generic",
                                secret),
                        finding(
                                "Docker",
                                "{\"file\":\"/app/config.json\",\"image\":\"example/api:1.4\",\"layer\":\"sha256:0a1b\"}",
                                "Generic",
                                secret),
                        finding(
                                "Teams",
                                "{\"channel_name\":\"General\",\"team_name\":\"Platform\"}",
                                "Generic",
                                secret),
                        finding("SlackContinuous", "{\"channel_id\":\"C0123\"}", "Generic", secret),
                        finding(
                                "Jenkins",
                                "{\"project_name\":\"payments-api\",\"build_number\":42,\"link\":\"https://ci.example.com/job/payments-api/42/\"}",
                                "Generic",
                                secret),
                        finding(
                                "Buildkite",
                                "{\"org\":\"example\",\"pipeline\":\"deploy\",\"build_number\":7}",
                                "Generic",
                                secret),
                        finding(
                                "Jira",
                                "{\"issue\":\"OPS-12\",\"link\":\"https://example.atlassian.net/browse/OPS-12\"}",
                                "Generic",
                                secret),
                        finding(
                                "Npm",
                                "{\"file\":\"package/.npmrc\",\"package\":\"left-pad\"}",
                                "Generic",
                                secret));

        ListParseOutput out = parse(lines);

        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .extracting(e -> e.getLocation().toString())
                .containsExactly(
                        "env-file:s3://backups/prod/.env",
                        "repo-file:gs://exports/dump.sql",
                        "repo-file:docker:example/api:1.4:/app/config.json",
                        "chat:teams:Platform/General",
                        "chat:slack:C0123",
                        "ci-log:jenkins:payments-api/42",
                        "ci-log:buildkite:example/deploy/7",
                        "document:https://example.atlassian.net/browse/OPS-12",
                        "repo-file:npm:package/.npmrc");
        PlantedSecrets.assertNowhere(out, secret);
    }

    @Test
    void rawV2IsTheSecretOnlyWhenRawIsEmpty() {
        String line =
                finding("Filesystem", "{\"file\":\"notes.txt\"}", "Anthropic", "")
                        .replace(
                                "\"RawV2\":\"\"",
                                "\"RawV2\":\"" + PlantedSecrets.ANTHROPIC_KEY + "\"");

        assertThat(parse(line).events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly(fp(PlantedSecrets.ANTHROPIC_KEY));
    }

    @Test
    void anAwsFindingIsTheKeyIdOfRawNotTheIdAndSecretOfRawV2() {
        String line =
                finding(
                                "Filesystem",
                                "{\"file\":\"/home/dana/.aws/credentials\",\"line\":2}",
                                "AWS",
                                PlantedSecrets.AWS_KEY_ID)
                        .replace(
                                "\"RawV2\":\"\"",
                                "\"RawV2\":\""
                                        + PlantedSecrets.AWS_KEY_ID
                                        + PlantedSecrets.AWS_SECRET_KEY
                                        + "\"")
                        .replace(
                                "\"Redacted\":\"\"",
                                "\"Redacted\":\"" + PlantedSecrets.AWS_KEY_ID + "\"");

        ListParseOutput out = parse(line);

        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=aws:access-key:AKIAPLANTEDKEY7TEST1 type=AWS_ACCESS_KEY location=laptop:/home/dana/.aws/credentials {detector=AWS, line=2}");
        PlantedSecrets.assertNowhere(out, PlantedSecrets.AWS_SECRET_KEY);
    }

    @Test
    void anAwsSecretKeyFoundAloneIsAFingerprint() {
        ListParseOutput out =
                parse(
                        finding(
                                "Filesystem",
                                "{\"file\":\"ci/keys.txt\"}",
                                "AWS",
                                PlantedSecrets.AWS_SECRET_KEY));

        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly(fp(PlantedSecrets.AWS_SECRET_KEY));
        PlantedSecrets.assertNowhere(out, PlantedSecrets.AWS_SECRET_KEY);
    }
}
