package io.keyline.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Listings that are broken on purpose: each bad part is rejected with a reason, alone. */
class K8sServiceAccountsHostileInputTest {

    private static final String PLANTED = "planted-listing-secret-0000";

    private static final String PLANTED_B64 =
            Base64.getEncoder().encodeToString(PLANTED.getBytes(StandardCharsets.UTF_8));

    private static ListParseOutput parse(String text) {
        return K8sFiles.parse("k8s-serviceaccounts", "c/bad.json", text, 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"kind\":\"List\",\"items\":[|the JSON ends too early at line 2, column 1",
                "42|the record is neither a Kubernetes object nor a list of them",
                "{\"metadata\":{}}|the record is neither a Kubernetes object nor a list of them",
                "{\"kind\":\"List\",\"items\":{\"a\":1}}|the items of a Kubernetes list are not an array",
                "{\"kind\":\"List\",\"items\":[null]}|an item of a Kubernetes list is not an object",
                "{\"kind\":\"List\",\"items\":[{\"metadata\":{\"name\":\"a\"}}]}|an item of a Kubernetes list has no kind",
                "{\"kind\":\"ServiceAccount\",\"metadata\":null}|a ServiceAccount has no metadata.name and metadata.namespace",
                "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"a\"}}|a ServiceAccount has no metadata.name and metadata.namespace",
                "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"a/b\",\"namespace\":\"n\"}}|a ServiceAccount has no metadata.name and metadata.namespace",
                "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\",\"creationTimestamp\":7}}|the metadata.creationTimestamp of a ServiceAccount is not a time stamp",
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":[\"a\"],\"namespace\":\"n\"}}|a Secret has no metadata.name and metadata.namespace",
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"},\"data\":[\"x\"]}|the data of a Secret is not an object",
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"},\"data\":{\"API_KEY\":7}}|an entry of the data of a Secret is not a string",
                "{\"kind\":\"Secret\",\"type\":\"kubernetes.io/service-account-token\",\"metadata\":{\"name\":\"t\",\"namespace\":\"n\",\"labels\":{\"kubernetes.io/legacy-token-last-used\":\"recently\"}}}|the kubernetes.io/legacy-token-last-used label of a Secret is not a date",
                "{\"kind\":\"RoleBinding\",\"metadata\":{\"name\":\"b\"},\"roleRef\":{\"kind\":\"Role\",\"name\":\"r\"}}|a RoleBinding has no namespace that is a name",
                "{\"kind\":\"RoleBinding\",\"metadata\":{\"namespace\":\"n\"}}|a RoleBinding has no metadata.name that is a name",
                "{\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"b\"},\"roleRef\":null}|a ClusterRoleBinding has no roleRef with a name",
                "{\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"b\"},\"roleRef\":{\"kind\":\"Role\",\"name\":\"r\"}}|a ClusterRoleBinding has a roleRef whose kind is neither ClusterRole nor Role",
                "{\"kind\":\"ClusterRoleBinding\",\"metadata\":{\"name\":\"b\"},\"roleRef\":{\"kind\":\"ClusterRole\",\"name\":\"r\"},\"subjects\":{}}|the subjects of a ClusterRoleBinding are not an array",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse(record);
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void oneBadItemCostsOnlyItselfAndOneBadEntryOnlyItsEntry() {
        String list =
                "{\"kind\":\"List\",\"items\":["
                        + "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"a\",\"namespace\":\"n\"}},"
                        + "\"stray\","
                        + "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"n\","
                        + "\"annotations\":{\"note\":\""
                        + PLANTED
                        + "\"}},\"data\":{\"TOKEN\":\"!!!\",\"PASSWORD\":\""
                        + PLANTED_B64
                        + "\",\"empty\":null}},"
                        + "{\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"b\",\"namespace\":\"n\"}}]}";
        ListParseOutput out = parse(list);

        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED identity=k8s:sa:c/n/a {account=c, identityType=service-account, name=a}",
                        "STORED_AT credential="
                                + K8sFiles.fingerprintId(PLANTED)
                                + " type=GENERIC_SECRET location=k8s-secret:c/n/s#PASSWORD {account=c, secretKey=PASSWORD}",
                        "OBSERVED identity=k8s:sa:c/n/b {account=c, identityType=service-account, name=b}");
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "an item of a Kubernetes list is not an object",
                        "an entry of the data of a Secret is not valid base64");
        String payload = new String(out.rejections().get(1).payload(), StandardCharsets.UTF_8);
        assertThat(payload)
                .isEqualTo(
                        "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"n\"}}");
        for (IdentityEvent e : out.events()) {
            assertThat(EventJson.toJson(e)).doesNotContain(PLANTED).doesNotContain(PLANTED_B64);
        }
    }

    @Test
    void binaryValuesAndKeysThatOnlyContainPatAreHandled() {
        byte[] binary = {(byte) 0xfe, (byte) 0xed, 0x00, (byte) 0x80};
        String secret =
                "{\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\",\"namespace\":\"n\"},\"data\":{"
                        + "\"keystore.jks\":\""
                        + Base64.getEncoder().encodeToString(binary)
                        + "\",\"log-path\":\""
                        + PLANTED_B64
                        + "\",\"GITHUB_PAT\":\""
                        + PLANTED_B64
                        + "\"}}";
        ListParseOutput out = parse(secret);

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential="
                                + K8sFiles.fingerprintId(
                                        new String(binary, StandardCharsets.ISO_8859_1))
                                + " type=GENERIC_SECRET location=k8s-secret:c/n/s#keystore.jks {account=c, secretKey=keystore.jks}",
                        "STORED_AT credential="
                                + K8sFiles.fingerprintId(PLANTED)
                                + " type=GENERIC_SECRET location=k8s-secret:c/n/s#GITHUB_PAT {account=c, secretKey=GITHUB_PAT}");
    }

    @Test
    void aDeeplyNestedListingIsRejected() {
        String deep = "{\"kind\":\"List\",\"items\":" + "[".repeat(250) + "]".repeat(250) + "}";
        assertThat(parse(deep).rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("the JSON is nested too deeply"));
    }
}
