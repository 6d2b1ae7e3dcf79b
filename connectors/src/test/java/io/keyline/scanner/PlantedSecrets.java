package io.keyline.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Made-up secrets that scanner tests plant in reports, the ids Keyline must reduce them to
 * (computed here independently of the code under test), and the check that none of them reached any
 * output.
 */
final class PlantedSecrets {

    /** The pepper the build gives the connectors' tests (surefire's KEYLINE_PEPPER). */
    static final String TEST_PEPPER = "keyline-connectors-test-pepper-0123456789";

    static final String AWS_KEY_ID = "AKIAPLANTEDKEY7TEST1";
    static final String AWS_SECRET_KEY = "PlantedAwsSecretKey/0123456789+abcdefGHI";
    static final String GITHUB_TOKEN = "ghp_PlantedGitHubToken0123456789abcdefgh";
    static final String ANTHROPIC_KEY = "sk-ant-api03-PlantedAnthropicKey-0123456789abcdef";
    static final String OPENAI_KEY = "sk-proj-PlantedOpenAIKey0123456789abcdefABCDEF";
    static final String PASSWORD = "Pl4nted-db-passw0rd!";

    /** Every planted value that is secret (the AWS key id is not, and is kept as an id). */
    static final String[] SECRETS = {
        AWS_SECRET_KEY, GITHUB_TOKEN, ANTHROPIC_KEY, OPENAI_KEY, PASSWORD
    };

    private PlantedSecrets() {}

    /** The keyed fingerprint id of a value under the test pepper. */
    static String fp(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(TEST_PEPPER.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return "fp:" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (Exception e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** GitHub's id of a token: base64 SHA-256, as its audit log's hashed_token. */
    static String github(String token) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(token.getBytes(StandardCharsets.UTF_8));
            return "github:token:" + Base64.getEncoder().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Asserts that no secret appears in any event, attribute, reason or rejected payload. */
    static void assertNowhere(ListParseOutput out, String... secrets) {
        for (String secret : secrets) {
            assertThat(EventsText.of(out)).noneMatch(line -> line.contains(secret));
            for (IdentityEvent e : out.events()) {
                assertThat(EventJson.toJson(e)).doesNotContain(secret);
                assertThat(e.getAttributes().values()).noneMatch(v -> v.contains(secret));
            }
            for (ListParseOutput.Rejection r : out.rejections()) {
                assertThat(r.reason()).doesNotContain(secret);
                assertThat(new String(r.payload(), StandardCharsets.UTF_8)).doesNotContain(secret);
            }
        }
    }
}
