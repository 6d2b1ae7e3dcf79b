package io.keyline.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** TruffleHog output broken on purpose: each line is rejected with a reason and no secret. */
class TrufflehogHostileInputTest {

    private static final String SECRET = PlantedSecrets.GITHUB_TOKEN;

    private static final String FS = "{\"file\":\"a.txt\"}";

    private static ListParseOutput parse(String text) {
        return TrufflehogParserTest.parse(text);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Found unverified result: ghp_PlantedGitHubToken0123456789abcdefgh|the JSON has an unexpected token at line 1, column 7",
                "{\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"|the JSON ends too early at line 2, column 1",
                "\"ghp_PlantedGitHubToken0123456789abcdefgh\"|a TruffleHog finding is not a JSON object",
                "42|a TruffleHog finding is not a JSON object",
                "{\"DetectorName\":\"Github\",\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|a TruffleHog finding has no SourceMetadata",
                "{\"SourceMetadata\":null,\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|a TruffleHog finding has no SourceMetadata",
                "{\"SourceMetadata\":\"git\",\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the SourceMetadata of a TruffleHog finding is not an object",
                "{\"SourceMetadata\":{},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the SourceMetadata of a TruffleHog finding has no Data object",
                "{\"SourceMetadata\":{\"Data\":{}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the SourceMetadata.Data of a TruffleHog finding names no source",
                "{\"SourceMetadata\":{\"Data\":{\"Git\":null}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the SourceMetadata.Data of a TruffleHog finding names no source",
                "{\"SourceMetadata\":{\"Data\":{\"Filesystem\":{\"file\":\"a.txt\"}}},\"Raw\":42}|the Raw of a TruffleHog finding is not a string",
                "{\"SourceMetadata\":{\"Data\":{\"Filesystem\":{\"file\":\"a.txt\"}}},\"Raw\":\"\",\"RawV2\":\"\"}|a TruffleHog finding has no Raw",
                "{\"SourceMetadata\":{\"Data\":{\"Filesystem\":{}}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the Filesystem source of a TruffleHog finding does not name the place of the secret",
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"line\":4}}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the source metadata of a TruffleHog finding names no repository or file",
                "{\"SourceMetadata\":{\"Data\":{\"Stdin\":{}}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the source metadata of a TruffleHog finding names no file, link or channel where the secret is",
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"file\":\"a\",\"line\":\"four\"}}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the line of a TruffleHog finding is not a whole number",
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"file\":[\"a\"]}}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the file of the source metadata of a TruffleHog finding is not a string",
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"file\":\"a\",\"email\":7}}},\"Raw\":\"ghp_PlantedGitHubToken0123456789abcdefgh\"}|the email of a TruffleHog finding is not a string",
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"file\":\"a\"}}},\"Raw\":\"REDACTED\"}|the finding's secret is redacted; run the scanner without redaction so Keyline can fingerprint it",
            })
    void brokenLinesAreRejectedWithAReason(String line, String reason) {
        ListParseOutput out = parse(line);

        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
        PlantedSecrets.assertNowhere(out, SECRET);
    }

    @Test
    void aRejectedFindingKeepsOnlyFieldsThatHoldNoSecret() {
        String line =
                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"line\":4}}},\"SourceID\":3,"
                        + "\"SourceType\":16,\"SourceName\":\"trufflehog - git\",\"DetectorType\":8,"
                        + "\"DetectorName\":\"Github\",\"DetectorDescription\":\"GitHub tokens\","
                        + "\"DecoderName\":\"BASE64\",\"Verified\":true,\"VerificationFromCache\":false,"
                        + "\"VerificationError\":\"401 for "
                        + SECRET
                        + "\",\"Raw\":\""
                        + SECRET
                        + "\",\"RawV2\":\""
                        + SECRET
                        + "\",\"Redacted\":\"ghp_Plan****\",\"ExtraData\":{\"token\":\""
                        + SECRET
                        + "\"},\"StructuredData\":{\"tlsPrivateKey\":[{\"certificateFingerprint\":\"x\"}]},"
                        + "\"NewField\":\""
                        + SECRET
                        + "\"}";

        ListParseOutput out = parse(line);

        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                        .isEqualTo(
                                                "{\"SourceMetadata\":{\"Data\":{\"Git\":{\"line\":4}}},"
                                                        + "\"SourceID\":3,\"SourceType\":16,"
                                                        + "\"SourceName\":\"trufflehog - git\","
                                                        + "\"DetectorType\":8,\"DetectorName\":\"Github\","
                                                        + "\"DetectorDescription\":\"GitHub tokens\","
                                                        + "\"DecoderName\":\"BASE64\",\"Verified\":true,"
                                                        + "\"VerificationFromCache\":false}"));
        PlantedSecrets.assertNowhere(out, SECRET, "ghp_Plan****");
    }

    @Test
    void aBadLineCostsOnlyItselfAndLogLinesAreNeitherFindingsNorRejections() {
        String good = TrufflehogParserTest.finding("Filesystem", FS, "Github", SECRET);
        String text =
                String.join(
                        "\n",
                        "{\"level\":\"info-0\",\"ts\":\"2025-01-01T00:00:00Z\",\"logger\":\"trufflehog\",\"msg\":\"running source\"}",
                        good,
                        "{\"level\":\"error\",\"msg\":\"could not scan chunk\",\"error\":\"timeout\"}",
                        "not json " + SECRET,
                        good.replace("a.txt", "b.txt"),
                        "[" + good.replace("a.txt", "c.txt") + ",7]");

        ListParseOutput out = parse(text);

        assertThat(out.events())
                .extracting(e -> e.getLocation().getPath())
                .containsExactly("a.txt", "b.txt", "c.txt");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the JSON has an unexpected token at line 1, column 5",
                        "a TruffleHog finding is not a JSON object");
        assertThat(out.rejections()).allSatisfy(r -> assertThat(r.payload()).isEmpty());
        PlantedSecrets.assertNowhere(out, SECRET);
    }

    @Test
    void anOversizeOrDeeplyNestedLineIsRejected() {
        String longFile = "d/".repeat(2100);
        ListParseOutput oversize =
                parse(
                        TrufflehogParserTest.finding(
                                "Filesystem", "{\"file\":\"" + longFile + "\"}", "Github", SECRET));
        assertThat(EventsText.reasons(oversize))
                .containsExactly(
                        "the file of the source metadata of a TruffleHog finding is longer than 4096"
                                + " characters");

        ListParseOutput deep = parse("{\"a\":".repeat(250) + "1" + "}".repeat(250));
        assertThat(EventsText.reasons(deep).get(0)).startsWith("the JSON is nested too deeply");
        PlantedSecrets.assertNowhere(oversize, SECRET);
    }
}
