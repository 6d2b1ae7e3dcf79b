package io.keyline.aws;

import static io.keyline.aws.AwsCollectorHarness.A;
import static io.keyline.aws.AwsCollectorHarness.B;
import static io.keyline.aws.AwsCollectorHarness.collector;
import static io.keyline.aws.AwsCollectorHarness.deadLetters;
import static io.keyline.aws.AwsCollectorHarness.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the AWS collector must never do: ask Secrets Manager for a value, or let a credential it
 * holds (the base secret key, an assumed role's secret key and session token) or a secret's value
 * reach a document, a dead letter or the log.
 */
class AwsZeroKnowledgeTest {

    private static final String SECRET_VALUE = "sm-value-never-collected-5d1c9e";

    @Test
    void noRequestAsksForASecretsValueAndNoSecretReachesADocumentADeadLetterOrTheLog()
            throws Exception {
        List<RawRecord> records;
        String log;
        List<FakeAws.Call> calls;
        try (FakeAws fake = new FakeAws().account(A).account(B);
                LogCapture capture = new LogCapture()) {
            // A refusal and a throttled call among the listings, for dead letters and retries.
            fake.deny("iam:ListUsers", B).throttle("secretsmanager:ListSecrets", 1);
            fake.trail().deliverAll("");
            AwsCollector c = collector(fake, "cloudtrail-bucket", FakeTrail.BUCKET);
            records = read(c, c.splits());
            log = capture.text();
            calls = fake.calls();
        }

        assertThat(calls)
                .extracting(FakeAws.Call::action)
                .contains("secretsmanager:ListSecrets")
                .doesNotContain(
                        "secretsmanager:GetSecretValue",
                        "secretsmanager:BatchGetSecretValue",
                        "secretsmanager:DescribeSecret");
        assertThat(deadLetters(records)).hasSize(1);
        List<String> secrets =
                List.of(
                        FakeAws.BASE_SECRET,
                        FakeAws.sessionSecret(A),
                        FakeAws.sessionSecret(B),
                        FakeAws.sessionToken(A),
                        FakeAws.sessionToken(B),
                        SECRET_VALUE);
        for (RawRecord r : records) {
            String payload =
                    r.getPayload() == null
                            ? ""
                            : new String(r.getPayload(), StandardCharsets.UTF_8);
            for (String secret : secrets) {
                assertThat(payload).as(r.getOrigin()).doesNotContain(secret);
                assertThat(String.valueOf(r.getError())).doesNotContain(secret);
                assertThat(r.getOrigin()).doesNotContain(secret);
            }
        }
        // The log says what happened (the refusal is logged), without any secret.
        assertThat(log).contains("refused iam:ListUsers");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }
}
