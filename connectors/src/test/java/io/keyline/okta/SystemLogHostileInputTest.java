package io.keyline.okta;

import static io.keyline.okta.SystemLogParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventJson;
import io.keyline.format.Excerpts;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Okta System Log input that is broken or hostile on purpose. */
class SystemLogHostileInputTest {

    private static final String T = "\"published\":\"2025-01-01T00:00:00Z\"";

    /** A token value planted where no Okta record carries one. */
    private static final String PLANTED = "00QCjAl4MlV-WPXM-pl4ntedT0kenValue-0HmjFx-vbGua";

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"eventType\":|the JSON ends too early at line 2, column 1",
                "{\"eventType\" \"x\"}|the JSON has an unexpected token at line 1, column 15",
                "\"user.session.start\"|the record is neither an Okta System Log event nor an array of them",
                "[42]|an Okta System Log event is not a JSON object",
                "{" + T + "}|an Okta System Log event has no eventType",
                "{\"eventType\":\" \"," + T + "}|an Okta System Log event has no eventType",
                "{\"eventType\":[\"x\"],"
                        + T
                        + "}|the eventType of an Okta System Log event is not a string",
                "{\"eventType\":\"x\"}|an Okta System Log event has no published time",
                "{\"eventType\":\"x\",\"published\":null}|an Okta System Log event has no published time",
                "{\"eventType\":\"x\",\"published\":1735689600}|the published time of an Okta System Log event is not a string",
                "{\"eventType\":\"x\",\"published\":\"yesterday\"}|the published time of an Okta System Log event is not a time stamp",
                "{\"eventType\":\"x\","
                        + T
                        + ",\"actor\":\"alice\"}|the actor of an Okta System Log event is not an object",
                "{\"eventType\":\"x\","
                        + T
                        + ",\"client\":[]}|the client of an Okta System Log event is not an object",
                "{\"eventType\":\"x\","
                        + T
                        + ",\"debugContext\":{\"debugData\":\"a=b\"}}|the debugData of an Okta System Log event is not an object",
                "{\"eventType\":\"x\","
                        + T
                        + ",\"target\":{\"id\":\"t\"}}|the target of an Okta System Log event is neither an array nor null",
                "{\"eventType\":\"system.api_token.create\","
                        + T
                        + ",\"target\":null}|a system.api_token.create event names no target of type Token",
                "{\"eventType\":\"system.api_token.revoke\","
                        + T
                        + ",\"target\":[{\"type\":\"Token\"}]}|a system.api_token.revoke event names no target of type Token",
                "{\"eventType\":\"user.account.privilege.grant\","
                        + T
                        + ",\"target\":[]}|a user.account.privilege.grant event names no target user with a login",
                "{\"eventType\":\"group.privilege.revoke\","
                        + T
                        + ",\"target\":[{\"type\":\"AppInstance\",\"id\":\"0oa1\"}]}|a group.privilege.revoke event names no target group with an id",
                "{\"eventType\":\"user.account.privilege.grant\","
                        + T
                        + ",\"target\":[{\"type\":\"User\",\"alternateId\":\"u@example.com\"}],\"debugContext\":{\"debugData\":{}}}|a user.account.privilege.grant event names no role in its debugData privilegeGranted",
                "{\"eventType\":\"user.lifecycle.create\","
                        + T
                        + ",\"target\":[{\"type\":\"User\",\"id\":\"00u1\"}]}|a user.lifecycle.create event names no target user with a login",
                "{\"eventType\":\"application.lifecycle.create\","
                        + T
                        + ",\"target\":[{\"type\":\"AppInstance\"}]}|an application.lifecycle.create event names no target app instance with an id",
                "{\"eventType\":\"app.oauth2.token.grant.access_token\","
                        + T
                        + ",\"actor\":{\"type\":\"User\",\"id\":\"00u1\"},\"debugContext\":{\"debugData\":{\"grantType\":\"client_credentials\"}}}|a client_credentials token grant names no client id in its actor, targets or debugData",
            })
    void brokenRecordsAreRejectedWithAReason(String record, String reason) {
        ListParseOutput out = parse("acme/bad.json", record);
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void nullsWhereObjectsMayBeAreReadAsAbsent() {
        String event =
                "{\"uuid\":\"n1\",\"eventType\":\"user.session.start\","
                        + T
                        + ",\"actor\":null,\"client\":null,\"outcome\":null,\"target\":null,"
                        + "\"debugContext\":{\"debugData\":null},\"transaction\":null,"
                        + "\"authenticationContext\":null,\"legacyEventType\":null}";
        ListParseOutput out = parse("acme/nulls.json", event);
        assertThat(out.events()).isEmpty();
        assertThat(out.rejections()).isEmpty();
    }

    @Test
    void aBadEventInAnApiPageCostsOnlyItself() {
        String good =
                "{\"uuid\":\"g%d\",\"eventType\":\"user.lifecycle.delete.completed\","
                        + T
                        + ",\"actor\":{\"type\":\"User\",\"alternateId\":\"admin@example.com\"},"
                        + "\"target\":[{\"type\":\"User\",\"alternateId\":\"svc-a@example.com\"}]}";
        ListParseOutput out =
                parse(
                        "acme/page.json",
                        "[\n"
                                + String.format(good, 1)
                                + ",\n{\"eventType\":42},\n"
                                + String.format(good, 2)
                                + "\n]");
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .containsExactly("okta-system-log:g1", "okta-system-log:g2");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.reason())
                                    .isEqualTo(
                                            "the eventType of an Okta System Log event is not a string");
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .isEqualTo("{\"eventType\":42}");
                        });
    }

    @Test
    void aTokenUseStillCountsWhenTheRestOfTheEventCannotBeMapped() {
        String event =
                "{\"uuid\":\"p1\",\"eventType\":\"system.api_token.create\","
                        + T
                        + ",\"actor\":{\"type\":\"User\",\"alternateId\":\"svc-ci@example.com\"},"
                        + "\"transaction\":{\"detail\":{\"requestApiTokenId\":\"00Tparent\"}}}";
        ListParseOutput out = parse("acme/x.json", event);
        assertThat(out.events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly("okta:acme:api-token:00Tparent");
        assertThat(out.rejections()).hasSize(1);
    }

    @Test
    void deeplyNestedAndOversizedInputIsRejectedOrClipped() {
        ListParseOutput nested = parse("acme/deep.json", "[".repeat(300) + "]".repeat(300));
        assertThat(nested.events()).isEmpty();
        assertThat(nested.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).startsWith("the JSON is nested too deeply"));

        String huge = "x".repeat(5 * 1024 * 1024);
        ListParseOutput big =
                parse(
                        "acme/big.json",
                        "{\"uuid\":\"b1\",\"eventType\":\"user.session.start\","
                                + T
                                + ",\"actor\":{\"type\":\"User\",\"alternateId\":\"svc-big@example.com\"},"
                                + "\"client\":{\"userAgent\":{\"rawUserAgent\":\""
                                + huge
                                + "\"}}}");
        assertThat(big.rejections()).isEmpty();
        assertThat(big.events())
                .singleElement()
                .satisfies(e -> assertThat(e.getConsumer().getUserAgent()).hasSize(512));
    }

    @Test
    void aTokenValuePlantedInDebugDataReachesNoEventReasonOrRejectedPayload() {
        String debug =
                "\"debugContext\":{\"debugData\":{\"apiToken\":\""
                        + PLANTED
                        + "\",\"clientSecret\":\""
                        + PLANTED
                        + "\",\"requestUri\":\"/api/v1/users\",\"grantType\":\"client_credentials\","
                        + "\"grantedScopes\":\"okta.apps.manage\",\"privilegeGranted\":\"Super administrator\"}}";
        String actor =
                "\"actor\":{\"type\":\"User\",\"alternateId\":\"svc-ci@example.com\",\"id\":\"00u1\"}";
        String file =
                String.join(
                        "\n",
                        "{\"uuid\":\"s1\",\"eventType\":\"system.api_token.create\","
                                + T
                                + ","
                                + actor
                                + ",\"target\":[{\"id\":\"00Tnew\",\"type\":\"Token\"}],"
                                + debug
                                + "}",
                        "{\"uuid\":\"s2\",\"eventType\":\"user.account.privilege.grant\","
                                + T
                                + ","
                                + actor
                                + ",\"target\":[{\"type\":\"User\",\"alternateId\":\"svc-x@example.com\"}],"
                                + "\"transaction\":{\"detail\":{\"requestApiTokenId\":\"00Tnew\"}},"
                                + debug
                                + "}",
                        "{\"uuid\":\"s3\",\"eventType\":\"app.oauth2.token.grant.access_token\","
                                + T
                                + ",\"actor\":{\"type\":\"PublicClientApp\",\"id\":\"0oa1\"},"
                                + debug
                                + "}",
                        "{\"uuid\":\"s4\",\"eventType\":\"user.session.start\","
                                + T
                                + ","
                                + actor
                                + ","
                                + debug
                                + "}",
                        // Rejected: no published time, a token create with no Token target.
                        "{\"uuid\":\"s5\",\"eventType\":\"user.session.start\","
                                + actor
                                + ","
                                + debug
                                + "}",
                        "{\"uuid\":\"s6\",\"eventType\":\"system.api_token.create\","
                                + T
                                + ","
                                + actor
                                + ","
                                + debug
                                + "}");
        ListParseOutput out = parse("acme/planted.jsonl", file);

        assertThat(out.events()).hasSize(6);
        assertThat(out.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(PLANTED));
        assertThat(out.rejections()).hasSize(2);
        assertThat(out.rejections())
                .allSatisfy(
                        r -> {
                            assertThat(r.reason()).doesNotContain(PLANTED);
                            assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                                    .doesNotContain(PLANTED)
                                    .doesNotContain("debugContext");
                            assertThat(Excerpts.mask(r.payload())).doesNotContain(PLANTED);
                        });
    }

    @Test
    void rejectionReasonsQuoteNothingFromThePayload() {
        ListParseOutput out =
                parse("acme/x.json", "{\"eventType\":\"x\",\"published\":\"SECRET-VALUE-123\"}");
        assertThat(out.rejections())
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).doesNotContain("SECRET-VALUE-123"));
    }
}
