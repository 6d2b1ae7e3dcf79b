package io.keyline.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vault audit input that is broken on purpose, or that carries secrets an audit device logging raw
 * values would write: every broken entry is a rejection with a reason, and no secret reaches any
 * output.
 */
class VaultAuditHostileInputTest {

    private static ListParseOutput parse(String content) {
        return ParserHarness.parseFile(
                "vault-audit", "audit.log", content.getBytes(StandardCharsets.UTF_8), 0);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"time\":|the JSON ends too early at line 2, column 1",
                "\"request\"|a Vault audit entry is not a JSON object",
                "[42]|a Vault audit entry is not a JSON object",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"request\":{\"id\":\"a\",\"path\":\"p\"}}|a Vault audit entry has no type",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"audit\",\"request\":{}}|a Vault audit entry has a type other than request or response",
                "{\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"p\"}}|a Vault audit entry has no time",
                "{\"time\":1727740800,\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the time of a Vault audit entry is not a string",
                "{\"time\":\"soon\",\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the time of a Vault audit entry is not a time stamp",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":null}|a Vault audit entry has no request",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":\"sys/health\"}|the request of a Vault audit entry is not an object",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"path\":\"p\"}}|a Vault audit entry has no request id",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"id\":{\"a\":1},\"path\":\"p\"}}|the id of the request of a Vault audit entry is not an id",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"id\":\"a\"}}|a Vault audit entry has no request path",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"p\"},\"response\":[]}|the response of a Vault audit entry is not an object",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"p\"},\"error\":{}}|the error of a Vault audit entry is not a string",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":\"root\",\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the auth of a Vault audit entry is not an object",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"accessor\":\"has spaces\"},\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the accessor of the auth of a Vault audit entry is not an id",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"policies\":\"root\"},\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the policies of the auth of a Vault audit entry is not an array",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"policies\":[null]},\"request\":{\"id\":\"a\",\"path\":\"p\"}}|a policy in the policies of the auth of a Vault audit entry is not a policy name",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"metadata\":[]},\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the metadata of the auth of a Vault audit entry is not an object",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"token_ttl\":\"1h\"},\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the token_ttl of the auth of a Vault audit entry is not a number of seconds",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"token_ttl\":99999999999999},\"request\":{\"id\":\"a\",\"path\":\"p\"}}|the token_ttl of the auth of a Vault audit entry is not a number of seconds",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"auth/token/create\"},\"response\":{\"auth\":{\"token_issue_time\":\"noon\"}}}|the token_issue_time of the response auth of a Vault audit entry is not a time stamp",
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"request\":{\"id\":\"a\",\"path\":\"auth/token/revoke-accessor\",\"data\":{\"accessor\":7}}}|the accessor of the request data of a Vault audit entry is not an id",
            })
    void brokenEntriesAreRejectedWithAReason(String entry, String reason) {
        ListParseOutput out = parse(entry);

        assertThat(out.events()).isEmpty();
        assertThat(EventsText.reasons(out)).containsExactly(reason);
    }

    @Test
    void aDeeplyNestedOrOversizeEntryIsRejected() {
        String deep = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
        assertThat(EventsText.reasons(parse(deep)))
                .singleElement()
                .asString()
                .startsWith("the JSON is nested too deeply");

        String longPath = "x".repeat(5000);
        ListParseOutput out =
                parse(
                        "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"accessor\":\"a\"},"
                                + "\"request\":{\"id\":\"r\",\"path\":\""
                                + longPath
                                + "\"}}");
        assertThat(out.events().get(0).getResource()).hasSize(1024);
    }

    @Test
    void aBadEntryInAnArrayCostsOnlyItselfAndLosesItsTokensAndData() {
        String good =
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\",\"auth\":{\"accessor\":\"a\"},"
                        + "\"request\":{\"id\":\"r\",\"path\":\"sys/health\"}}";
        String bad =
                "{\"time\":\"later\",\"type\":\"response\",\"auth\":{\"client_token\":\"hvs.PLANTEDtoken00000000000\"},"
                        + "\"request\":{\"id\":\"r\",\"path\":\"p\",\"data\":{\"password\":\"Pl4nted-Pa55word\"}}}";

        ListParseOutput out = parse("[" + good + "," + bad + "]");

        assertThat(out.events()).hasSize(1);
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the time of a Vault audit entry is not a time stamp");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo(
                                            "{\"time\":\"later\",\"type\":\"response\",\"auth\":{},\"request\":{\"id\":\"r\",\"path\":\"p\"}}");
                        });
    }

    @Test
    void secretsOfAnAuditDeviceThatLogsRawValuesReachNoOutput() {
        String token = "hvs.CAESIPl4ntedT0kenValue0123456789abcdefXYZ";
        String password = "Pl4nted-DB-Passw0rd!";
        String raw =
                "{\"time\":\"2026-10-01T00:00:00Z\",\"type\":\"response\","
                        + "\"auth\":{\"client_token\":\""
                        + token
                        + "\",\"accessor\":\"acc1\",\"display_name\":\"approle\"},"
                        + "\"request\":{\"id\":\"r\",\"path\":\"secret/data/db\",\"client_token\":\""
                        + token
                        + "\",\"data\":{\"password\":\""
                        + password
                        + "\"},\"headers\":{\"x-vault-token\":[\""
                        + token
                        + "\"]}},"
                        + "\"response\":{\"data\":{\"data\":{\"password\":\""
                        + password
                        + "\"}},\"wrap_info\":{\"token\":\""
                        + token
                        + "\"}},\"error\":\"error converting input {\\\"password\\\":\\\""
                        + password
                        + "\\\"}\"}";
        String broken = raw.replace("\"2026-10-01T00:00:00Z\"", "\"not a time\"");
        String truncated = raw.substring(0, raw.length() - 20);

        for (String record : List.of(raw, broken, truncated)) {
            ListParseOutput out = parse(record);
            for (IdentityEvent e : out.events()) {
                assertThat(EventJson.toJson(e)).doesNotContain(token, password, "hvs.");
            }
            for (ListParseOutput.Rejection r : out.rejections()) {
                assertThat(r.reason()).doesNotContain(token, password);
                assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                        .doesNotContain(token, password);
            }
        }
        assertThat(EventsText.of(parse(raw)))
                .containsExactly(
                        "USED credential=vault:token:acc1 type=VAULT_TOKEN identity=vault:auth:approle resource=secret/data/db {errorCode=error converting input}");
        assertThat(EventsText.reasons(parse(broken)))
                .containsExactly("the time of a Vault audit entry is not a time stamp");
        assertThat(parse(truncated).rejections()).hasSize(1);
    }
}
