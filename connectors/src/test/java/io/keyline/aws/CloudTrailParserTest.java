package io.keyline.aws;

import static io.keyline.source.ParserHarness.parseFile;
import static io.keyline.source.ParserHarness.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CloudTrailParserTest {

    private static final String DIR = "/fixtures/aws/cloudtrail/";
    private static final long OBSERVED = 1_700_000_000_000L;

    private static ListParseOutput parse(String file) {
        return parseFile("cloudtrail", file, resource(DIR + file), OBSERVED);
    }

    private static ListParseOutput parseText(String text) {
        return parseFile("cloudtrail", "inline.json", text.getBytes(StandardCharsets.UTF_8), 0);
    }

    private static List<IdentityEvent> ofKind(ListParseOutput out, EventKind kind) {
        return out.events().stream().filter(e -> e.getKind() == kind).collect(Collectors.toList());
    }

    @Test
    void s3DeliveryFilesYieldTheCallAndWhatItCreated() {
        ListParseOutput out = parse("awsdocs-records-CreateUser.json");
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .extracting(
                        IdentityEvent::getKind,
                        IdentityEvent::getCredentialId,
                        IdentityEvent::getIdentityId,
                        IdentityEvent::getActor)
                .containsExactly(
                        tuple(
                                EventKind.USED,
                                "aws:access-key:EXAMPLE_KEY_ID",
                                "arn:aws:iam::123456789012:user/Alice",
                                null),
                        tuple(
                                EventKind.CREATED,
                                null,
                                "arn:aws:iam::123456789012:user/Bob",
                                "arn:aws:iam::123456789012:user/Alice"));
        IdentityEvent used = out.events().get(0);
        assertThat(used.getAction()).isEqualTo("iam:CreateUser");
        assertThat(used.getResource()).isEqualTo("arn:aws:iam::123456789012:user/Bob");
        assertThat(used.getConsumer().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(used.attribute(Attributes.ACCOUNT)).isEqualTo("123456789012");
    }

    @Test
    void gzipDeliveryFilesParseLikePlainOnes() throws IOException {
        byte[] plain = resource(DIR + "awsdocs-records-UpdateTrail-error.json");
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(plain);
        }
        ListParseOutput fromGzip = parseFile("cloudtrail", "x.json.gz", zipped.toByteArray(), 0);
        assertThat(fromGzip.events())
                .isEqualTo(parse("awsdocs-records-UpdateTrail-error.json").events());
        IdentityEvent failed = fromGzip.events().get(0);
        assertThat(failed.getEventId())
                .isEqualTo("cloudtrail:b7d4398e-b2f0-4faa-9c76-e2d316a8d67f");
        assertThat(failed.attribute(Attributes.ERROR_CODE)).isEqualTo("TrailNotFoundException");
    }

    @Test
    void anEventWithoutEventIdGetsAContentIdThatIgnoresLayout() {
        String compact = parse("awsdocs-records-CreateUser.json").events().get(0).getEventId();
        assertThat(compact).startsWith("cloudtrail:h:");
        String pretty =
                parseText(
                                new String(
                                                resource(DIR + "awsdocs-records-CreateUser.json"),
                                                StandardCharsets.UTF_8)
                                        .replace("\n", "\n   "))
                        .events()
                        .get(0)
                        .getEventId();
        assertThat(pretty).isEqualTo(compact);
    }

    @Test
    void sessionsCountForTheRoleBehindThemWithTheirWorkload() {
        ListParseOutput out = parse("attach-user-policy-from-instance-role.jsonl");
        IdentityEvent used = ofKind(out, EventKind.USED).get(0);
        assertThat(used.getCredentialId()).isNull();
        assertThat(used.getIdentityId()).isEqualTo("arn:aws:iam::444455556666:role/build-runner");
        assertThat(used.getConsumer().getWorkload()).isEqualTo("ec2:i-0a1b2c3d4e5f60718");

        IdentityEvent granted = ofKind(out, EventKind.GRANTED).get(0);
        assertThat(granted.getIdentityId())
                .isEqualTo("arn:aws:iam::444455556666:user/svc-reporting");
        assertThat(granted.getResource()).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(granted.attribute(Attributes.PRIVILEGE)).isEqualTo("admin");
        assertThat(granted.getActor()).isEqualTo("arn:aws:iam::444455556666:role/build-runner");
    }

    @Test
    void aTemporaryKeyOfAUserIsASessionOfThatUser() {
        ListParseOutput out = parse("create-access-key.jsonl");
        IdentityEvent used = ofKind(out, EventKind.USED).get(0);
        assertThat(used.getCredentialId()).isNull();
        assertThat(used.getIdentityId())
                .isEqualTo("arn:aws:iam::444455556666:user/maria.lopez@example.com");
        assertThat(used.attribute(Attributes.SESSION)).isEqualTo("ASIAQX7EXAMPLE000003");

        IdentityEvent created = ofKind(out, EventKind.CREATED).get(0);
        assertThat(created.getCredentialId()).isEqualTo("aws:access-key:AKIAQX7EXAMPLEKEY001");
        assertThat(created.getIdentityId())
                .isEqualTo("arn:aws:iam::444455556666:user/svc-reporting");
        assertThat(created.getActor()).isEqualTo("maria.lopez@example.com");
        assertThat(created.attribute(Attributes.STATUS)).isEqualTo("Active");
    }

    @Test
    void changesByAPersonThroughSsoNameThePersonAsActor() {
        ListParseOutput out = parse("iam-changes-by-sso-person.jsonl");
        assertThat(out.rejections()).isEmpty();
        List<IdentityEvent> changes =
                out.events().stream()
                        .filter(e -> e.getKind() != EventKind.USED)
                        .collect(Collectors.toList());
        assertThat(changes)
                .extracting(IdentityEvent::getKind, IdentityEvent::getResource)
                .containsExactly(
                        tuple(EventKind.CREATED, null),
                        tuple(EventKind.OWNER_HINT, null),
                        tuple(EventKind.CREATED, null),
                        tuple(EventKind.GRANTED, "arn:aws:iam::444455556666:group/Developers"),
                        tuple(
                                EventKind.GRANTED,
                                "arn:aws:iam::444455556666:user/svc-payments/inline-policy/read-payment-secrets"),
                        tuple(EventKind.STATUS_CHANGED, null),
                        tuple(EventKind.DELETED, null),
                        tuple(EventKind.GRANTED, "arn:aws:iam::aws:policy/AmazonS3FullAccess"),
                        tuple(EventKind.CREATED, null),
                        tuple(
                                EventKind.TRUSTS,
                                "arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com"),
                        tuple(EventKind.TRUSTS, "arn:aws:iam::123456789012:root"));
        assertThat(changes)
                .filteredOn(
                        e -> e.getKind() != EventKind.OWNER_HINT && e.getKind() != EventKind.TRUSTS)
                .extracting(IdentityEvent::getActor)
                .containsOnly("maria.lopez@example.com");

        IdentityEvent user = changes.get(0);
        assertThat(user.getIdentityId()).isEqualTo("arn:aws:iam::444455556666:user/svc-payments");
        assertThat(changes.get(1).getActor()).isEqualTo("li.wei@example.com");
        IdentityEvent inline = changes.get(4);
        assertThat(inline.attribute(Attributes.PRIVILEGE)).isEqualTo("high");
        assertThat(inline.attribute(Attributes.RESOURCES))
                .isEqualTo("arn:aws:secretsmanager:us-east-1:444455556666:secret:payments/*");
        assertThat(changes.get(5).attribute(Attributes.STATUS)).isEqualTo("Inactive");
        assertThat(changes.get(7).attribute(Attributes.REVOKED)).isEqualTo("true");
    }

    @Test
    void aFailedCallChangesNothingButStillCountsAsAUse() {
        ListParseOutput out = parse("iam-changes-by-sso-person.jsonl");
        assertThat(out.events())
                .filteredOn(
                        e ->
                                e.getEventId()
                                        .startsWith(
                                                "cloudtrail:8d9e0f1a-5555-4e6f-8a9b-000000000019"))
                .extracting(IdentityEvent::getKind)
                .containsExactly(EventKind.USED);
    }

    @Test
    void assumingARoleIsAUseOfTheKeyAndShowsTheRoleTrustsItsCaller() {
        ListParseOutput out = parse("assume-role-with-session-token.json");
        assertThat(out.events())
                .extracting(
                        IdentityEvent::getKind,
                        IdentityEvent::getCredentialId,
                        IdentityEvent::getIdentityId,
                        IdentityEvent::getResource)
                .containsExactly(
                        tuple(
                                EventKind.USED,
                                "aws:access-key:AKIAQX7EXAMPLEKEY002",
                                "arn:aws:iam::444455556666:user/svc-reporting",
                                "arn:aws:iam::777788889999:role/reporting-reader"),
                        tuple(
                                EventKind.TRUSTS,
                                null,
                                "arn:aws:iam::777788889999:role/reporting-reader",
                                "arn:aws:iam::444455556666:user/svc-reporting"),
                        tuple(
                                EventKind.USED,
                                null,
                                "arn:aws:iam::777788889999:role/reporting-reader",
                                null),
                        tuple(
                                EventKind.TRUSTS,
                                null,
                                "arn:aws:iam::444455556666:role/invoice-renderer-role",
                                "lambda.amazonaws.com"),
                        tuple(
                                EventKind.USED,
                                null,
                                "arn:aws:iam::444455556666:role/invoice-renderer-role",
                                null));
        assertThat(out.events().get(1).attribute(Attributes.ACCOUNT)).isEqualTo("777788889999");
        assertThat(out.events().get(2).getConsumer().getWorkload())
                .isEqualTo("session:nightly-report");
    }

    @Test
    void githubActionsFederationTrustsTheRepositorysWorkflowsAndItsSessionUsesTheRole() {
        ListParseOutput out = parse("github-actions-web-identity.jsonl");
        assertThat(out.events())
                .extracting(IdentityEvent::getKind, IdentityEvent::getResource)
                .containsExactly(
                        tuple(EventKind.TRUSTS, "github:actions:acme/payments"),
                        tuple(EventKind.USED, null),
                        tuple(
                                EventKind.USED,
                                "arn:aws:s3:::acme-payments-artifacts/releases/v1.4.2.zip"));
        assertThat(out.events())
                .extracting(IdentityEvent::getIdentityId)
                .containsOnly("arn:aws:iam::444455556666:role/payments-deploy");
    }

    @Test
    void sessionTokensInResponsesReachNoOutput() {
        for (String file :
                List.of(
                        "assume-role-with-session-token.json",
                        "github-actions-web-identity.jsonl")) {
            ListParseOutput out = parse(file);
            String written =
                    out.events().stream().map(EventJson::toJson).collect(Collectors.joining("\n"));
            assertThat(written)
                    .doesNotContain("IQoJb3JpZ2luX2Vj")
                    .doesNotContain("NeverStored")
                    .doesNotContain("MustNeverBeStored");
        }
    }

    @Test
    void eventBridgeEnvelopesAndRootKeys() {
        ListParseOutput out = parse("eventbridge.jsonl");
        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId, IdentityEvent::getIdentityId)
                .containsExactly(
                        tuple(
                                "aws:access-key:AKIAQX7EXAMPLEKEY002",
                                "arn:aws:iam::444455556666:user/svc-reporting"),
                        tuple(
                                "aws:access-key:AKIAQX7EXAMPLEROOT01",
                                "arn:aws:iam::444455556666:root"));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo("cloudtrail:1a2b3c4d-8888-4b9c-8d0e-000000000042");
    }

    @Test
    void onlySuccessfulConsoleSignInsCount() {
        ListParseOutput out = parse("console-login.jsonl");
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .extracting(IdentityEvent::getIdentityId)
                .containsExactly("arn:aws:iam::444455556666:user/maria.lopez@example.com");
    }

    @Test
    void normalizedTimesAndSecretReadsAreRead() {
        IdentityEvent panther =
                parse("panther-GetCallerIdentity-IAMUser-accesskey-normalized.jsonl")
                        .events()
                        .get(0);
        assertThat(panther.getEventTime()).isEqualTo(1_717_359_382_000L);
        assertThat(panther.getCredentialId()).isEqualTo("aws:access-key:AKIASXP6SDP2F3JQERZ2");

        IdentityEvent read = parse("batch-get-secret-value.jsonl").events().get(0);
        assertThat(read.getResource())
                .isEqualTo(
                        "arn:aws:secretsmanager:us-east-1:444455556666:secret:prod/db-password-AbCdEf");
        assertThat(read.getAction()).isEqualTo("secretsmanager:BatchGetSecretValue");
    }

    @Test
    void everyFixtureParsesWithoutRejectionAndWithUniqueIds() {
        for (String file :
                List.of(
                        "awsdocs-records-CreateKeyPair.json",
                        "awsdocs-records-CreateUser.json",
                        "awsdocs-records-UpdateTrail-error.json",
                        "panther-GetCallerIdentity-IAMUser-accesskey-normalized.jsonl",
                        "console-login.jsonl",
                        "attach-user-policy-from-instance-role.jsonl",
                        "create-access-key.jsonl",
                        "batch-get-secret-value.jsonl",
                        "iam-changes-by-sso-person.jsonl",
                        "assume-role-with-session-token.json",
                        "github-actions-web-identity.jsonl",
                        "eventbridge.jsonl")) {
            ListParseOutput out = parse(file);
            assertThat(out.rejections()).as(file).isEmpty();
            assertThat(out.events()).as(file).isNotEmpty();
            assertThat(out.events().stream().map(IdentityEvent::getEventId).distinct().count())
                    .as(file)
                    .isEqualTo(out.events().size());
        }
    }

    @Test
    void aDigestFileHoldsNoEvents() {
        ListParseOutput out =
                parseText(
                        "{\"awsAccountId\":\"444455556666\",\"digestStartTime\":\"2025-01-01T00:00:00Z\",\"logFiles\":[]}");
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }
}
