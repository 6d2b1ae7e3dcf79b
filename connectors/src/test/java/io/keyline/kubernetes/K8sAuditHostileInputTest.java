package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kubernetes audit input that is broken on purpose: every case is a rejection with a reason. */
class K8sAuditHostileInputTest {

    private static final String GOOD =
            "{\"kind\":\"Event\",\"auditID\":\"good-1\",\"stage\":\"ResponseComplete\","
                    + "\"verb\":\"get\",\"user\":{\"username\":\"system:serviceaccount:a:b\"},"
                    + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"}";

    /** A value planted in a logged Secret body; it must reach no output. */
    private static final String PLANTED = "planted-secret-value-in-an-audit-body";

    private static final String PLANTED_B64 =
            java.util.Base64.getEncoder().encodeToString(PLANTED.getBytes(StandardCharsets.UTF_8));

    private static ListParseOutput parse(String text) {
        return K8sFiles.parse("k8s-audit", "bad.jsonl", text, 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"kind\":\"Event\",|the JSON ends too early at line 2, column 1",
                "\"just text\"|a Kubernetes audit record is not a JSON object",
                "[42]|a Kubernetes audit record is not a JSON object",
                "{\"hello\":\"world\"}|the record is neither a Kubernetes audit event, a GKE audit log entry nor an AKS diagnostic record",
                "{\"kind\":\"Event\",\"verb\":\"get\",\"user\":{\"username\":\"u\"}}|a Kubernetes audit event has no stageTimestamp or requestReceivedTimestamp",
                "{\"kind\":\"Event\",\"stageTimestamp\":\"later\",\"verb\":\"get\"}|the stageTimestamp of a Kubernetes audit event is not a time stamp",
                "{\"kind\":\"Event\",\"stageTimestamp\":1767225600,\"verb\":\"get\"}|the stageTimestamp of a Kubernetes audit event is not a time stamp",
                "{\"kind\":\"Event\",\"stageTimestamp\":null,\"requestReceivedTimestamp\":\"2026-01-01T00:00:00Z\",\"verb\":\"get\"}|a Kubernetes audit event has no user",
                "{\"kind\":\"Event\",\"stageTimestamp\":\"2026-01-01T00:00:00Z\",\"user\":null}|a Kubernetes audit event has no user",
                "{\"kind\":\"Event\",\"stageTimestamp\":\"2026-01-01T00:00:00Z\",\"user\":\"admin\"}|the user of a Kubernetes audit event is not an object",
                "{\"kind\":\"Event\",\"stageTimestamp\":\"2026-01-01T00:00:00Z\",\"user\":{\"username\":[\"u\"]},\"verb\":\"get\"}|a Kubernetes audit event has no user.username",
                "{\"kind\":\"Event\",\"stageTimestamp\":\"2026-01-01T00:00:00Z\",\"user\":{\"username\":\"u\"}}|a Kubernetes audit event has no verb",
                "{\"kind\":\"EventList\",\"items\":{}}|the items of an audit EventList are not an array",
                "{\"records\":\"x\"}|the records field of an AKS diagnostic file is not an array",
                "{\"category\":\"kube-audit\",\"properties\":{}}|an AKS diagnostic record has no properties.log audit event",
                "{\"category\":\"kube-audit\",\"properties\":{\"log\":\"{not json\"}}|the properties.log of an AKS diagnostic record is not JSON: the JSON has an unexpected token at line 1, column 3",
                "{\"category\":\"kube-audit\",\"properties\":{\"log\":\"[1]\"}}|the properties.log of an AKS diagnostic record is not a JSON object",
                "{\"protoPayload\":\"x\"}|the protoPayload of a GKE audit log entry is not an object",
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.logging.type.HttpRequest\"}}|the protoPayload of a LogEntry is not a Cloud Audit Log",
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"serviceName\":\"container.googleapis.com\"}}|a Cloud Audit Log entry of another service than k8s.io; read it as gcp-audit",
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"serviceName\":\"k8s.io\"}}|a GKE audit log entry has no timestamp",
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\"},\"timestamp\":\"soon\"}|the timestamp of a GKE audit log entry is not a time stamp",
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\"},\"timestamp\":\"2026-01-01T00:00:00Z\"}|a GKE audit log entry has no protoPayload.authenticationInfo.principalEmail",
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"authenticationInfo\":{\"principalEmail\":\"u\"}},\"timestamp\":\"2026-01-01T00:00:00Z\"}|a GKE audit log entry has no protoPayload.methodName",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void aBadEventInAnEventListCostsOnlyItself() {
        ListParseOutput out =
                parse(
                        "{\"kind\":\"EventList\",\"items\":["
                                + GOOD
                                + ",\"x\",{\"kind\":\"Event\",\"stageTimestamp\":42},"
                                + GOOD.replace("good-1", "good-2")
                                + "]}");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .allMatch(id -> id.startsWith("k8s-audit:good-"))
                .hasSize(2);
        assertThat(out.rejections())
                .extracting(r -> r.reason())
                .containsExactly(
                        "an item of an audit EventList is not a JSON object",
                        "the stageTimestamp of a Kubernetes audit event is not a time stamp");
        assertThat(new String(out.rejections().get(1).payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"kind\":\"Event\",\"stageTimestamp\":42}");
    }

    @Test
    void wrongTypesInsideAGoodEventAreReadAsAbsent() {
        String odd =
                "{\"kind\":\"Event\",\"auditID\":\"odd\",\"verb\":\"get\","
                        + "\"user\":{\"username\":\"system:serviceaccount:a:b\",\"extra\":[]},"
                        + "\"sourceIPs\":\"10.0.0.1\",\"userAgent\":{},\"objectRef\":\"pods\","
                        + "\"responseStatus\":{\"code\":\"teapot\"},\"annotations\":null,"
                        + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"}";
        ListParseOutput out = parse(odd);
        assertThat(out.rejections()).isEmpty();
        assertThat(io.keyline.source.EventsText.of(out))
                .containsExactly(
                        "USED identity=k8s:sa:default/a/b action=get consumer=|10.0.0.1| {account=default}");
    }

    @Test
    void userNamesThatOnlyLookLikeServiceAccountsAreNobody() {
        for (String user :
                new String[] {
                    "system:serviceaccounts:shop",
                    "system:serviceaccount:shop",
                    "system:serviceaccount:shop:a:b",
                    "system:serviceaccount:shop/x:b",
                    "system:serviceaccount::b"
                }) {
            ListParseOutput out = parse(GOOD.replace("system:serviceaccount:a:b", user));
            assertThat(out.events()).as(user).isEmpty();
            assertThat(out.rejections()).as(user).isEmpty();
        }
    }

    @Test
    void anOversizeOrDeeplyNestedRecordIsRejected() {
        String deep = "[".repeat(300) + "]".repeat(300);
        assertThat(parse(deep).rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("the JSON is nested too deeply"));

        String huge = GOOD.replace("\"verb\":\"get\"", "\"verb\":\"" + "v".repeat(4096) + "\"");
        ListParseOutput out = parse(huge);
        assertThat(out.rejections()).isEmpty();
        // The user agent is clipped; a long verb is kept as the source wrote it.
        String agent =
                GOOD.replace(
                        "\"verb\":\"get\"",
                        "\"verb\":\"get\",\"userAgent\":\"" + "a".repeat(5000) + "\"");
        assertThat(parse(agent).events().get(0).getConsumer().getUserAgent()).hasSize(512);
    }

    @Test
    void secretValuesInLoggedBodiesReachNoEventAndNoRejection() {
        String secretBody =
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"a\","
                        + "\"annotations\":{\"kubectl.kubernetes.io/last-applied-configuration\":"
                        + "\"{\\\"stringData\\\":{\\\"password\\\":\\\""
                        + PLANTED
                        + "\\\"}}\"}},"
                        + "\"type\":\"Opaque\",\"data\":{\"password\":\""
                        + PLANTED_B64
                        + "\"},\"stringData\":{\"password\":\""
                        + PLANTED
                        + "\"}}";
        String good =
                "{\"kind\":\"Event\",\"auditID\":\"p1\",\"level\":\"RequestResponse\","
                        + "\"verb\":\"create\",\"user\":{\"username\":\"system:serviceaccount:a:b\"},"
                        + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"a\",\"name\":\"db\"},"
                        + "\"requestObject\":"
                        + secretBody
                        + ",\"responseObject\":"
                        + secretBody
                        + ",\"responseStatus\":{\"code\":201},"
                        + "\"stageTimestamp\":\"2026-01-01T00:00:00Z\"}";
        String broken = good.replace("\"2026-01-01T00:00:00Z\"", "\"not a time\"");
        String gkeBroken =
                "{\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\","
                        + "\"request\":"
                        + secretBody
                        + ",\"response\":"
                        + secretBody
                        + "},\"timestamp\":\"2026-01-01T00:00:00Z\"}";
        String aksBroken =
                "{\"category\":\"kube-audit\",\"properties\":{\"log\":\"{\\\"password\\\":\\\""
                        + PLANTED
                        + "\\\",\"}}";
        ListParseOutput out =
                parse(String.join("\n", good, broken, gkeBroken, aksBroken, "[" + broken + "]"));

        assertThat(out.events()).hasSize(1);
        assertThat(out.rejections()).hasSize(4);
        for (IdentityEvent e : out.events()) {
            assertThat(EventJson.toJson(e)).doesNotContain(PLANTED).doesNotContain(PLANTED_B64);
        }
        for (ListParseOutput.Rejection r : out.rejections()) {
            String payload = new String(r.payload(), StandardCharsets.UTF_8);
            assertThat(payload).doesNotContain(PLANTED).doesNotContain(PLANTED_B64);
            assertThat(r.reason()).doesNotContain(PLANTED);
        }
    }
}
