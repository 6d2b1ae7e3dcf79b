package io.keyline.gcp;

import static io.keyline.source.ParserHarness.parseFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.Excerpts;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cloud Audit Logs input that is broken on purpose: every case is a rejection with a reason. */
class AuditLogHostileInputTest {

    private static final String GOOD =
            "{\"insertId\":\"good-1\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                    + "\"resource\":{\"labels\":{\"project_id\":\"p1\"}},"
                    + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\","
                    + "\"serviceName\":\"storage.googleapis.com\",\"methodName\":\"storage.buckets.list\","
                    + "\"authenticationInfo\":{\"principalEmail\":\"app@p1.iam.gserviceaccount.com\"},"
                    + "\"resourceName\":\"projects/_/buckets\"}}";

    /** A private key as {@code keys.create} returns it, planted where no parser must look. */
    private static final String PRIVATE_KEY =
            "ZXdvZ0lDSjBlWEJsSWpvZ0luTmxjblpwWTJWZllXTmpiM1Z1ZENJ";

    private static ListParseOutput parse(String text) {
        return parseFile("gcp-audit", "bad.json", text.getBytes(StandardCharsets.UTF_8), 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"entries\":[{\"timestamp\":|the JSON ends too early at line 2, column 1",
                "{\"timestamp\": 2025-01-01}|the JSON has an unexpected token at line 1, column 20",
                "[\"x\"]|a log entry is not a JSON object",
                "{\"entries\":{\"insertId\":\"x\"}}|the entries field of a Logging API response is not an array",
                "{\"insertId\":\"x\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"textPayload\":\"hi\"}|a log entry has no protoPayload, so it is no Cloud Audit Logs entry",
                "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":\"x\"}|the protoPayload of a log entry is not an object",
                "{\"protoPayload\":{\"methodName\":\"m\"}}|a log entry has no timestamp",
                "{\"timestamp\":null,\"protoPayload\":{\"methodName\":\"m\"}}|a log entry has no timestamp",
                "{\"timestamp\":\"yesterday\",\"protoPayload\":{\"methodName\":\"m\"}}|the timestamp of a log entry is not a time stamp",
                "{\"timestamp\":true,\"protoPayload\":{\"methodName\":\"m\"}}|the timestamp of a log entry is not a time stamp",
                "{\"timestamp\":{\"seconds\":1e30},\"protoPayload\":{\"methodName\":\"m\"}}|the timestamp of a log entry is not a time stamp",
                "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{}}|an audit log entry has no methodName",
                "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{\"methodName\":{\"a\":1}}}|an audit log entry has no methodName",
                "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{\"methodName\":\"m\",\"authenticationInfo\":[]}}|the authenticationInfo of an audit log entry is not an object",
                "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{\"methodName\":\"m\",\"status\":7}}|the status of an audit log entry is not an object",
                "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"resource\":\"project\",\"protoPayload\":{\"methodName\":\"m\"}}|the resource of a log entry is not an object",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);
        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void emptyResponsesAndOtherServicesLogsYieldNothing() {
        for (String record :
                new String[] {
                    "{}",
                    "{\"nextPageToken\":\"abc\"}",
                    "{\"entries\":[]}",
                    "[]",
                    "{\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{\"@type\":"
                            + "\"type.googleapis.com/google.appengine.logging.v1.RequestLog\"}}"
                }) {
            ListParseOutput out = parse(record);
            assertThat(out.events()).isEmpty();
            assertThat(out.rejections()).isEmpty();
        }
    }

    @Test
    void aBadEntryInAnArrayCostsOnlyItself() {
        ListParseOutput out =
                parse("[" + GOOD + ",{\"timestamp\":42}," + GOOD.replace("good-1", "good-2") + "]");

        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("gcp-audit:good-1", "gcp-audit:good-2");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "a log entry has no protoPayload, so it is no Cloud Audit Logs entry");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("{\"timestamp\":42}");
                        });
    }

    @Test
    void nullsAndWrongTypesInsideAnEntryAreTolerated() {
        String entry =
                GOOD.replace(
                        "\"resourceName\":\"projects/_/buckets\"",
                        "\"resourceName\":null,\"request\":null,\"requestMetadata\":null,"
                                + "\"status\":{\"code\":null},\"metadata\":{\"identityDelegationChain\":5}");
        ListParseOutput out = parse(entry);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=gcp:sa:app@p1.iam.gserviceaccount.com action=storage.googleapis.com:storage.buckets.list {account=p1}");
    }

    @Test
    void aKeyChangeWithoutAKeyIsRejectedButTheCallStillCounts() {
        ListParseOutput out =
                parse(
                        GOOD.replace("storage.googleapis.com", "iam.googleapis.com")
                                .replace(
                                        "storage.buckets.list",
                                        "google.iam.admin.v1.DeleteServiceAccountKey"));

        assertThat(out.events()).hasSize(1);
        assertThat(EventsText.reasons(out))
                .containsExactly("a DeleteServiceAccountKey entry names no service account key");

        ListParseOutput byUniqueId =
                parse(
                        GOOD.replace(
                                        "storage.buckets.list",
                                        "google.iam.admin.v1.DisableServiceAccountKey")
                                .replace(
                                        "projects/_/buckets",
                                        "projects/-/serviceAccounts/1234/keys/abcd"));
        assertThat(EventsText.reasons(byUniqueId))
                .containsExactly(
                        "a DisableServiceAccountKey entry names the service account of its key by unique id only");
    }

    @Test
    void aBadBindingDeltaCostsOnlyItself() {
        String entry =
                "{\"insertId\":\"d1\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{"
                        + "\"methodName\":\"SetIamPolicy\",\"resourceName\":\"projects/p1\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"a@acme.example\"},"
                        + "\"serviceData\":{\"policyDelta\":{\"bindingDeltas\":["
                        + "\"x\",{\"action\":\"ADD\",\"role\":\"roles/viewer\"},"
                        + "{\"action\":\"CHANGE\",\"role\":\"roles/viewer\",\"member\":\"serviceAccount:s@p1.iam.gserviceaccount.com\"},"
                        + "{\"action\":\"ADD\",\"role\":\"roles/viewer\",\"member\":\"serviceAccount:s@p1.iam.gserviceaccount.com\"}]}}}}";
        ListParseOutput out = parse(entry);

        assertThat(EventsText.of(out))
                .containsExactly(
                        "GRANTED identity=gcp:sa:s@p1.iam.gserviceaccount.com actor=a@acme.example resource=projects/p1#roles/viewer {privilege=read, privilegeReason=roles/viewer, resources=projects/p1}");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "a binding delta of a SetIamPolicy entry is not an object",
                        "a binding delta of a SetIamPolicy entry has no role or no member",
                        "a binding delta of a SetIamPolicy entry has an action that is neither ADD nor REMOVE");
        assertThat(new String(out.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .isEqualTo("\"x\"");
    }

    @Test
    void aPrivateKeyReachesNoEventNoReasonAndNoRejectedPayload() {
        String created =
                "{\"insertId\":\"k1\",\"timestamp\":\"2025-01-01T00:00:00Z\",\"protoPayload\":{"
                        + "\"methodName\":\"google.iam.admin.v1.CreateServiceAccountKey\","
                        + "\"authenticationInfo\":{\"principalEmail\":\"ops@acme.example\"},"
                        + "\"response\":{\"name\":\"projects/p1/serviceAccounts/app@p1.iam.gserviceaccount.com/keys/k1\","
                        + "\"private_key_data\":\""
                        + PRIVATE_KEY
                        + "\",\"valid_after_time\":\"soon\"}}}";
        String broken =
                "{\"insertId\":\"k2\",\"timestamp\":\"never\",\"protoPayload\":{\"methodName\":\"m\","
                        + "\"response\":{\"privateKeyData\":\""
                        + PRIVATE_KEY
                        + "\"}}}";
        ListParseOutput out = parse("[" + created + "," + broken + "]");

        assertThat(out.events()).hasSize(1);
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the valid_after_time of a CreateServiceAccountKey response is not a time",
                        "the timestamp of a log entry is not a time stamp");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(PRIVATE_KEY));
        assertThat(out.rejections())
                .allSatisfy(
                        r -> {
                            assertThat(r.reason()).doesNotContain(PRIVATE_KEY);
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .doesNotContain(PRIVATE_KEY)
                                    .contains("\"insertId\"");
                        });
    }

    @Test
    void aTenMegabyteUserAgentIsClipped() {
        String huge = "x".repeat(10 * 1024 * 1024);
        ListParseOutput out =
                parse(
                        GOOD.replace(
                                "\"resourceName\"",
                                "\"requestMetadata\":{\"callerSuppliedUserAgent\":\""
                                        + huge
                                        + "\"},\"resourceName\""));
        assertThat(out.rejections()).isEmpty();
        assertThat(out.events())
                .singleElement()
                .satisfies(e -> assertThat(e.getConsumer().getUserAgent()).hasSize(512));
    }

    @Test
    void deeplyNestedInputIsRejectedWithABoundedMaskedExcerpt() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ListParseOutput out = parse(deep);
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason()).startsWith("the JSON is nested too deeply");
                            assertThat(Excerpts.mask(r.payload()))
                                    .hasSizeLessThanOrEqualTo(Excerpts.MAX_LENGTH);
                        });
    }

    @Test
    void rejectionReasonsQuoteNothingFromThePayload() {
        ListParseOutput out =
                parse(
                        "{\"timestamp\":\"SECRET-VALUE-123\",\"protoPayload\":{\"methodName\":\"m\"}}");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).doesNotContain("SECRET-VALUE-123"));
    }
}
