package io.keyline.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsManagerParserTest {

    private static final String FORMAT = "aws-secrets-manager";
    private static final long OBSERVED_AT = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    private static final String ARN = "arn:aws:secretsmanager:us-west-2:123456789012:secret:";
    private static final String EU = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:";

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    private static ListParseOutput parse(String content) {
        return parse("secrets.json", content.getBytes(StandardCharsets.UTF_8));
    }

    private static ListParseOutput fixture(String name) {
        return parse(name, ParserHarness.resource("/fixtures/aws/secretsmanager/" + name));
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void eachListedSecretIsItsOwnCredentialObservedAndStoredAtItsArn() {
        ListParseOutput out = fixture("awscli-list-secrets.json");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=aws:secret:"
                                + ARN
                                + "MyTestSecret-a1b2c3 type=AWS_SECRET {account=123456789012, name=MyTestSecret, region=us-west-2, status=Active}",
                        "STORED_AT credential=aws:secret:"
                                + ARN
                                + "MyTestSecret-a1b2c3 type=AWS_SECRET location=aws-secrets-manager:"
                                + ARN
                                + "MyTestSecret-a1b2c3 {account=123456789012}",
                        "OBSERVED credential=aws:secret:"
                                + ARN
                                + "AnotherSecret-d4e5f6 type=AWS_SECRET {account=123456789012, name=AnotherSecret, region=us-west-2, status=Active}",
                        "STORED_AT credential=aws:secret:"
                                + ARN
                                + "AnotherSecret-d4e5f6 type=AWS_SECRET location=aws-secrets-manager:"
                                + ARN
                                + "AnotherSecret-d4e5f6 {account=123456789012}");
        assertThat(out.events()).extracting(IdentityEvent::getEventTime).containsOnly(OBSERVED_AT);
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "aws:secret:" + ARN + "MyTestSecret-a1b2c3",
                                "2026-11-01T00:00:00Z"));
    }

    @Test
    void epochSecondsOfTheApiAreReadAsTimesAndRotationIsKept() {
        assertThat(EventsText.of(fixture("awscli-list-secrets-owning-service.json")))
                .containsExactly(
                        "OBSERVED credential=aws:secret:"
                                + ARN
                                + "rds!cluster-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111-a1b2c3 type=AWS_SECRET {account=123456789012, createdAt=2023-01-11T20:01:40.700Z, lastRotatedAt=2023-01-11T22:56:21.260Z, lastUsedAt=2023-01-11T00:00:00Z, name=rds!cluster-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111, region=us-west-2, rotationEnabled=true, status=Active}",
                        "STORED_AT credential=aws:secret:"
                                + ARN
                                + "rds!cluster-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111-a1b2c3 type=AWS_SECRET location=aws-secrets-manager:"
                                + ARN
                                + "rds!cluster-a1b2c3d4-5678-90ab-cdef-EXAMPLE11111-a1b2c3 {account=123456789012, lastRotatedAt=2023-01-11T22:56:21.260Z, rotationEnabled=true}");
        assertThat(EventsText.of(fixture("awscli-describe-secret.json")))
                .containsExactly(
                        "OBSERVED credential=aws:secret:"
                                + ARN
                                + "MyTestSecret-Ca8JGt type=AWS_SECRET {account=123456789012, createdAt=2018-03-20T08:24:12.660Z, lastRotatedAt=2018-05-08T02:40:53.720Z, lastUsedAt=2018-04-24T12:15:33.250Z, name=MyTestSecret, region=us-west-2, rotationEnabled=true, status=Active}",
                        "STORED_AT credential=aws:secret:"
                                + ARN
                                + "MyTestSecret-Ca8JGt type=AWS_SECRET location=aws-secrets-manager:"
                                + ARN
                                + "MyTestSecret-Ca8JGt {account=123456789012, lastRotatedAt=2018-05-08T02:40:53.720Z, rotationEnabled=true}");
    }

    @Test
    void taggedCopiesAreStoredAtTheirCredentialAndDeletedSecretsAreDeleted() {
        ListParseOutput out = fixture("list-secrets-cli-v2.json");

        assertThat(out.rejections()).isEmpty();
        String orders = "aws:secret:" + EU + "prod/orders-db-Qr5Ts1";
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY location=aws-secrets-manager:"
                                + EU
                                + "ci/deployer-access-key-Xy7Qp2 {}",
                        "OWNER_HINT credential=aws:access-key:AKIAIOSFODNN7EXAMPLE type=AWS_ACCESS_KEY actor=alice.jones@example.com {ownerSource=tag}",
                        "STORED_AT credential=fp:9f2c4a6e8b0d1f3a5c7e9b1d3f5a7c9e location=aws-secrets-manager:"
                                + EU
                                + "payments/stripe-webhook-Lm3Np8 {rotationEnabled=false}",
                        "OBSERVED credential="
                                + orders
                                + " type=AWS_SECRET {account=111122223333, createdAt=2025-03-03T09:41:27.650Z, lastRotatedAt=2026-10-15T01:00:04.118Z, lastUsedAt=2026-10-31T00:00:00Z, name=prod/orders-db, region=eu-central-1, rotationEnabled=true, status=Active}",
                        "STORED_AT credential="
                                + orders
                                + " type=AWS_SECRET location=aws-secrets-manager:"
                                + EU
                                + "prod/orders-db-Qr5Ts1 {account=111122223333, lastRotatedAt=2026-10-15T01:00:04.118Z, rotationEnabled=true}",
                        "OWNER_HINT credential="
                                + orders
                                + " type=AWS_SECRET actor=orders-team@example.com {ownerSource=tag}",
                        "DELETED credential=aws:secret:"
                                + EU
                                + "old/legacy-api-token-Hh2Kk9 type=AWS_SECRET {account=111122223333, name=old/legacy-api-token, region=eu-central-1}");
        IdentityEvent deleted = out.events().get(6);
        assertThat(deleted.getEventTime()).isEqualTo(at("2026-10-28T15:45:00.001Z"));
        assertThat(deleted.getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "DELETED",
                                "aws:secret:" + EU + "old/legacy-api-token-Hh2Kk9",
                                "2026-10-28T15:45:00.001Z"));
    }

    @Test
    void oneSecretPerLineWithExponentEpochSeconds() {
        String reporting =
                "aws:secret:arn:aws:secretsmanager:us-east-1:444455556666:secret:batch/reporting-token-Ab12Cd";
        ListParseOutput out = fixture("sdk-secrets.jsonl");

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential="
                                + reporting
                                + " type=AWS_SECRET {account=444455556666, createdAt=2023-06-20T11:50:45.123Z, lastUsedAt=2024-10-29T08:00:00Z, name=batch/reporting-token, region=us-east-1, rotationEnabled=false, status=Active}",
                        "STORED_AT credential="
                                + reporting
                                + " type=AWS_SECRET location=aws-secrets-manager:arn:aws:secretsmanager:us-east-1:444455556666:secret:batch/reporting-token-Ab12Cd {account=444455556666, rotationEnabled=false}",
                        "OWNER_HINT credential="
                                + reporting
                                + " type=AWS_SECRET actor=carol.lee@example.com {ownerSource=tag}",
                        "DELETED credential=aws:secret:arn:aws:secretsmanager:us-east-1:444455556666:secret:batch/old-export-Ef34Gh type=AWS_SECRET {account=444455556666, name=batch/old-export, region=us-east-1}");
        assertThat(out.events().get(3).getEventTime()).isEqualTo(at("2024-10-25T00:00:00Z"));
    }

    @Test
    void aCopyScheduledForDeletionIsNoLongerAPlaceOfItsCredential() {
        String record =
                "{\"ARN\":\""
                        + EU
                        + "copy-Zz9\",\"DeletedDate\":\"2026-10-01T00:00:00Z\","
                        + "\"Tags\":[{\"Key\":\"keyline_credential_id\",\"Value\":\"vault:token:Abc\"}]}";

        ListParseOutput out = parse(record);

        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
        assertThat(
                        EventsText.of(
                                parse(
                                        record.replace(
                                                ",\"DeletedDate\":\"2026-10-01T00:00:00Z\"", ""))))
                .containsExactly(
                        "STORED_AT credential=vault:token:Abc type=VAULT_TOKEN location=aws-secrets-manager:"
                                + EU
                                + "copy-Zz9 {}");
    }

    @Test
    void getSecretValueOutputIsRejectedWithoutItsValue() {
        ListParseOutput out = fixture("awscli-get-secret-value.json");

        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the record is get-secret-value output, which holds the secret's value; Keyline accepts no secret values: export list-secrets instead");
                            String payload = new String(r.payload(), StandardCharsets.UTF_8);
                            assertThat(payload)
                                    .doesNotContain("SecretString", "EXAMPLE-PASSWORD", "diegor")
                                    .contains("MyTestSecret-a1b2c3");
                        });
    }

    @Test
    void plantedValuesReachNoEventReasonOrRejectedPayload() {
        String planted = "Pl4nted-SM-Secret-Value-7e6d5c4b";
        String secret =
                "{\"ARN\":\""
                        + ARN
                        + "planted-Aa1\",\"Name\":\"planted\",\"SecretString\":\""
                        + planted
                        + "\",\"SecretBinary\":\"UGw0bnRlZA==\",\"CreatedDate\":1.523477145713E9}";
        List<String> records =
                List.of(
                        secret,
                        "{\"SecretList\":[" + secret + "]}",
                        "[" + secret + "]",
                        "{\"SecretValues\":[" + secret + "],\"Errors\":[]}",
                        secret.substring(0, secret.length() - 30),
                        "{\"SecretList\":[\"" + planted + "\"]}",
                        "\"" + planted + "\"");
        for (String record : records) {
            ListParseOutput out = parse(record);
            assertThat(out.rejections()).as(record).isNotEmpty();
            for (IdentityEvent e : out.events()) {
                assertThat(EventJson.toJson(e)).doesNotContain(planted);
            }
            for (ListParseOutput.Rejection r : out.rejections()) {
                assertThat(r.reason()).doesNotContain(planted);
                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                        .as(record)
                        .doesNotContain(planted, "UGw0bnRlZA==");
            }
        }
        assertThat(EventsText.reasons(parse("{\"SecretList\":[" + secret + "]}")))
                .containsExactly(
                        "a secret in SecretList holds a SecretString or SecretBinary value; Keyline accepts no secret values");
        assertThat(EventsText.reasons(parse("{\"SecretValues\":[" + secret + "]}")))
                .containsExactly(
                        "the record is batch-get-secret-value output, which holds secret values; Keyline accepts no secret values: export list-secrets instead");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"SecretList\":[|the JSON ends too early at line 2, column 1",
                "42|the record is not list-secrets output",
                "{\"Secrets\":[]}|the record is not list-secrets output",
                "{\"SecretList\":{}}|the SecretList of the record is not an array",
                "[null]|a secret in SecretList is not an object",
                "[{\"Name\":\"x\"}]|a secret in SecretList has no ARN",
                "[{\"ARN\":\"arn:aws:s3:::bucket\"}]|the ARN of a secret in SecretList is not a Secrets Manager secret ARN",
                "[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"CreatedDate\":\"yesterday\"}]|the CreatedDate of a secret in SecretList is not a time",
                "[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"LastAccessedDate\":true}]|the LastAccessedDate of a secret in SecretList is not a time",
                "[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"DeletedDate\":1e300}]|the DeletedDate of a secret in SecretList is not a time",
                "[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"RotationEnabled\":\"yes\"}]|the RotationEnabled of a secret in SecretList is not a boolean",
                "[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"Tags\":{\"owner\":\"a\"}}]|the Tags of a secret in SecretList is not an array",
                "[{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"Tags\":[{\"Key\":\"Keyline-Credential-Id\",\"Value\":\"not an id\"}]}]|the keyline-credential-id tag of a secret in SecretList is not a credential id",
                "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:1:secret:a\",\"Tags\":[{\"Key\":\"keyline:fingerprint\",\"Value\":\"abc\"}]}|the keyline-fingerprint tag of a secret is not 32 hex digits",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aBadSecretIsRejectedAloneAndItsSiblingsStillCount() {
        ListParseOutput out =
                parse(
                        "{\"SecretList\":[{\"ARN\":\""
                                + ARN
                                + "bad\",\"CreatedDate\":\"soon\"},{\"ARN\":\""
                                + ARN
                                + "good-Bb2\"}],\"NextToken\":\"abc\"}");

        assertThat(EventsText.reasons(out))
                .containsExactly("the CreatedDate of a secret in SecretList is not a time");
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"ARN\":\"" + ARN + "bad\",\"CreatedDate\":\"soon\"}");
        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId)
                .containsOnly("aws:secret:" + ARN + "good-Bb2");
    }

    @Test
    void anEmptyPageYieldsNothing() {
        ListParseOutput out = parse("{\"SecretList\":[],\"NextToken\":\"abc\"}");

        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }
}
