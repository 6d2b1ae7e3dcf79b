package io.keyline.okta;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.Json;
import io.keyline.format.ListParseOutput;
import io.keyline.model.IdentityEvent;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SystemLogParserTest {

    private static final String FORMAT = "okta-system-log";
    private static final long OBSERVED_AT = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static byte[] fixture(String name) {
        return ParserHarness.resource("/fixtures/okta/" + name);
    }

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, OBSERVED_AT);
    }

    static ListParseOutput parse(String fileName, String content) {
        return parse(fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAdminsApiSessionYieldsTokensServiceUsersRolesAndServiceApps() {
        ListParseOutput out =
                parse("acme/2025-07-04-logs.json", fixture("system-log-admin-api.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // The token is created by a person and acts as that person.
                        "CREATED credential=okta:acme:api-token:00T1a2b3c4d5e6f7g8h9 type=OKTA_API_TOKEN identity=okta:user:alice.admin@example.com actor=alice.admin@example.com {account=acme, name=ci-deploy}",
                        // Calls made with the token use it, and state what they changed.
                        "USED credential=okta:acme:api-token:00T1a2b3c4d5e6f7g8h9 type=OKTA_API_TOKEN identity=okta:user:alice.admin@example.com resource=/api/v1/users action=user.lifecycle.create consumer=|203.0.113.9|okta-sdk-java/8.2.1 java/17.0.9 Linux/6.1 {account=acme}",
                        "CREATED identity=okta:user:svc-ci@example.com actor=alice.admin@example.com {account=acme, identityType=service-user, name=svc-ci@example.com}",
                        "USED credential=okta:acme:api-token:00T1a2b3c4d5e6f7g8h9 type=OKTA_API_TOKEN identity=okta:user:alice.admin@example.com resource=/api/v1/users/00u3ci7deployQw8Er9t0/roles action=user.account.privilege.grant consumer=|203.0.113.9|okta-sdk-java/8.2.1 java/17.0.9 Linux/6.1 {account=acme}",
                        "GRANTED identity=okta:user:svc-ci@example.com actor=alice.admin@example.com resource=Organization administrator {account=acme, privilege=admin, privilegeReason=Okta organization administrator}",
                        "GRANTED identity=okta:user:svc-ci@example.com actor=alice.admin@example.com resource=Application administrator (all) {account=acme, privilege=high, privilegeReason=manages apps and their sign-on}",
                        "GRANTED identity=okta:acme:group:00g5dbots1Zx2Cv3Bn4m actor=alice.admin@example.com resource=Help desk administrator {account=acme, name=Deploy Bots, privilege=high, privilegeReason=resets passwords and factors}",
                        "GRANTED identity=okta:user:svc-ci@example.com actor=alice.admin@example.com resource=Application administrator (all) {account=acme, privilege=high, privilegeReason=manages apps and their sign-on, revoked=true}",
                        // A service app's client_credentials grant, with space-separated scopes.
                        "USED identity=okta:acme:app:0oa8inv3ntoryCl1ent9 resource=okta.users.read,okta.roles.manage action=app.oauth2.token.grant.access_token consumer=|192.0.2.55|Go-http-client/2.0 {account=acme}",
                        "GRANTED identity=okta:acme:app:0oa8inv3ntoryCl1ent9 resource=okta.users.read {account=acme, privilege=read, privilegeReason=reads an Okta resource type}",
                        "GRANTED identity=okta:acme:app:0oa8inv3ntoryCl1ent9 resource=okta.roles.manage {account=acme, privilege=admin, privilegeReason=assigns admin roles, its own included}",
                        // A failed grant of a custom authorization server: a use, no grant.
                        "USED identity=okta:acme:app:0oa9billing7Cl1entX2 resource=invoices:read action=app.oauth2.as.token.grant.access_token consumer=|192.0.2.56|billing-export/1.4 {account=acme, errorCode=invalid_client}",
                        // Okta revokes a token unused for 30 days itself.
                        "DELETED credential=okta:acme:api-token:00T1a2b3c4d5e6f7g8h9 type=OKTA_API_TOKEN actor=system@okta.com {account=acme}",
                        "DELETED identity=okta:user:svc-legacy-sync@example.com actor=alice.admin@example.com {account=acme, identityType=service-user, name=svc-legacy-sync@example.com}");
        // The sign-on policy event and the failed token creation yield nothing.

        assertThat(out.events().get(0).getEventId())
                .isEqualTo("okta-system-log:0b6e2f4a-3c1d-4e8f-9a2b-1c3d5e7f9a01");
        assertThat(out.events().get(0).getEventTime())
                .isEqualTo(Instant.parse("2025-06-02T10:00:00Z").toEpochMilli());
        assertThat(out.events())
                .extracting(IdentityEvent::getEventId)
                .contains(
                        "okta-system-log:0b6e2f4a-3c1d-4e8f-9a2b-1c3d5e7f9a02",
                        "okta-system-log:0b6e2f4a-3c1d-4e8f-9a2b-1c3d5e7f9a02/1",
                        "okta-system-log:0b6e2f4a-3c1d-4e8f-9a2b-1c3d5e7f9a03/2")
                .doesNotHaveDuplicates();
        assertThat(out.events().get(2).getEventTime())
                .isEqualTo(Instant.parse("2025-06-02T10:05:12.345Z").toEpochMilli());
    }

    @Test
    void pantherNormalizedRecordsReadTheSameDespiteLowerCaseFieldsAndSpacedTimes()
            throws Exception {
        ListParseOutput out =
                parse(
                        "panther-okta-systemlog-normalized.jsonl",
                        fixture("panther-okta-systemlog-normalized.jsonl"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "CREATED credential=okta:okta:api-token:00Tpki36zlWjhjQ1u2p4 type=OKTA_API_TOKEN identity=okta:user:user@example.com actor=user@example.com {account=okta, name=test_key}",
                        "USED identity=okta:okta:app:0oaservice12345 resource=okta.users.manage,okta.factors.manage action=app.oauth2.token.grant.access_token consumer=|1.2.3.4|python-requests/2.31.0 {account=okta}",
                        "GRANTED identity=okta:okta:app:0oaservice12345 resource=okta.users.manage {account=okta, privilege=high, privilegeReason=manages an Okta resource type}",
                        "GRANTED identity=okta:okta:app:0oaservice12345 resource=okta.factors.manage {account=okta, privilege=high, privilegeReason=manages an Okta resource type}");
        assertThat(out.events().get(0).getEventTime())
                .isEqualTo(Instant.parse("2021-01-08T21:28:34.875Z").toEpochMilli());

        // The grant has no uuid: its ids are a hash of its content, the same on every replay.
        String line =
                new String(
                                fixture("panther-okta-systemlog-normalized.jsonl"),
                                StandardCharsets.UTF_8)
                        .split("\n")[1];
        String base = EventIds.hashed(FORMAT, Json.MAPPER.readTree(line).toString());
        assertThat(out.events().subList(1, 4))
                .extracting(IdentityEvent::getEventId)
                .containsExactly(base, base + "/1", base + "/2");
        assertThat(
                        parse(
                                        "panther-okta-systemlog-normalized.jsonl",
                                        fixture("panther-okta-systemlog-normalized.jsonl"))
                                .events())
                .isEqualTo(out.events());
    }

    @Test
    void peopleSigningInYieldNothingWhileServiceUsersSigningInAreUses() {
        ListParseOutput out = parse("acme/sessions.jsonl", fixture("system-log-sessions.jsonl"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=okta:user:svc-reports@example.org action=user.session.start consumer=|203.0.113.77|report-runner/3.2 (+python-requests) {account=acme, session=102rT6yU8iO0pA2sD4fG6hJ8k}",
                        "USED identity=okta:user:svc-reports@example.org resource=Example Reporting action=user.authentication.sso consumer=|203.0.113.77|report-runner/3.2 (+python-requests) {account=acme, session=102rT6yU8iO0pA2sD4fG6hJ8k}");
        // The failed sign-in of the service user authenticated nobody.
    }

    @Test
    void theSnakeCaseAuthenticationContextOfOldRecordsIsRead() {
        ListParseOutput out =
                parse(
                        "acme/2016-11-22.json",
                        fixture("system-log-2016-authentication-context.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED identity=okta:user:bot-backup@example.net action=user.session.start consumer=|198.18.7.42|UNKNOWN-DOWNLOAD {account=acme, session=102Qw3Er5Ty7Ui9Op1As3Df5G}");
        assertThat(out.events().get(0).getEventId())
                .isEqualTo("okta-system-log:5b3a9d0e-1c7f-4e2a-9f6b-8d4c2e0a7b13");
    }

    @Test
    void theOrgComesFromTheFolderThenTheRequestHostThenAnOrgFieldThenADefault() {
        String event =
                "{\"uuid\":\"u1\",\"published\":\"2025-01-01T00:00:00Z\",\"eventType\":\"system.api_token.revoke\","
                        + "\"actor\":{\"type\":\"User\",\"alternateId\":\"a@example.com\"},"
                        + "\"target\":[{\"id\":\"00Tx\",\"type\":\"Token\"}],"
                        + "\"debugContext\":{\"debugData\":{\"requestUri\":\"https://Acme-Prod.okta.com/api/internal/tokens/00Tx\"}},"
                        + "\"org\":\"acme-field\"}";
        assertThat(parse("acme-folder/logs.jsonl", event).events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly("okta:acme-folder:api-token:00Tx");
        assertThat(parse("logs.jsonl", event).events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly("okta:acme-prod:api-token:00Tx");
        String relative = event.replace("https://Acme-Prod.okta.com", "");
        assertThat(parse("logs.jsonl", relative).events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly("okta:acme-field:api-token:00Tx");
        assertThat(parse("logs.jsonl", relative.replace(",\"org\":\"acme-field\"", "")).events())
                .extracting(IdentityEvent::getCredentialId)
                .containsExactly("okta:okta:api-token:00Tx");
    }

    @Test
    void tokenUpdatesAndReEnablesLeaveItActiveAndADisableMakesItInactive() {
        String template =
                "{\"uuid\":\"u-%s\",\"published\":\"2025-01-01T00:00:00Z\",\"eventType\":\"system.api_token.%s\","
                        + "\"actor\":{\"type\":\"User\",\"alternateId\":\"Admin@Example.com\"},"
                        + "\"target\":[{\"id\":\"00Ty\",\"type\":\"token\",\"alternateId\":\"unknown\"}]}";
        StringBuilder file = new StringBuilder();
        for (String action :
                new String[] {"update", "enable", "disable", "request_outside_allowed_range"}) {
            file.append(String.format(template, action, action)).append('\n');
        }
        ListParseOutput out = parse("acme/tokens.jsonl", file.toString());

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STATUS_CHANGED credential=okta:acme:api-token:00Ty type=OKTA_API_TOKEN actor=admin@example.com {account=acme, status=Active}",
                        "STATUS_CHANGED credential=okta:acme:api-token:00Ty type=OKTA_API_TOKEN actor=admin@example.com {account=acme, status=Active}",
                        "STATUS_CHANGED credential=okta:acme:api-token:00Ty type=OKTA_API_TOKEN actor=admin@example.com {account=acme, status=Inactive}");
    }

    @Test
    void aFailedCallWithAnApiTokenIsAUseWithItsErrorCode() {
        String event =
                "{\"uuid\":\"u2\",\"published\":\"2025-01-01T00:00:00Z\",\"eventType\":\"user.lifecycle.deactivate\","
                        + "\"actor\":{\"type\":\"User\",\"alternateId\":\"svc-ci@example.com\"},"
                        + "\"client\":{\"ipAddress\":\"192.0.2.1\",\"zone\":\"null\"},"
                        + "\"outcome\":{\"result\":\"FAILURE\",\"reason\":null},"
                        + "\"transaction\":{\"type\":\"WEB\",\"detail\":{\"requestApiTokenId\":\"00Tz\"}},"
                        + "\"debugContext\":{\"debugData\":{\"requestUri\":\"/api/v1/users/00u1/lifecycle/deactivate?sendEmail=false\"}}}";
        assertThat(EventsText.of(parse("acme/x.jsonl", event)))
                .containsExactly(
                        "USED credential=okta:acme:api-token:00Tz type=OKTA_API_TOKEN identity=okta:user:svc-ci@example.com resource=/api/v1/users/00u1/lifecycle/deactivate action=user.lifecycle.deactivate consumer=|192.0.2.1| {account=acme, errorCode=FAILURE}");
    }

    @Test
    void eventHookDeliveriesCarryTheirEventsInData() {
        String hook =
                "{\"eventType\":\"com.okta.event_hook\",\"eventTypeVersion\":\"1.0\",\"data\":{\"events\":["
                        + "{\"uuid\":\"u3\",\"published\":\"2025-01-01T00:00:00.000Z\",\"eventType\":\"user.lifecycle.create\","
                        + "\"actor\":{\"type\":\"User\",\"alternateId\":\"admin@example.com\"},"
                        + "\"target\":[{\"id\":\"00u9\",\"type\":\"User\",\"alternateId\":\"jane@example.com\"}]}]}}";
        assertThat(EventsText.of(parse("acme/hook.json", hook)))
                .containsExactly(
                        "CREATED identity=okta:user:jane@example.com actor=admin@example.com {account=acme, identityType=user, name=jane@example.com}");
    }

    @Test
    void rolesAreRankedByTheirSystemLogNamesAndTheirRoleTypes() {
        String event =
                "{\"uuid\":\"u4\",\"published\":\"2025-01-01T00:00:00Z\",\"eventType\":\"user.account.privilege.grant\","
                        + "\"actor\":{\"type\":\"User\",\"alternateId\":\"admin@example.com\"},"
                        + "\"target\":[{\"id\":\"00u8\",\"type\":\"User\",\"alternateId\":\"bot-sync@example.com\"}],"
                        + "\"debugContext\":{\"debugData\":{\"privilegeGranted\":\"Super administrator, Read only admin, SUPER_ADMIN, Report administrator, Custom Role For Sync\"}}}";
        assertThat(EventsText.of(parse("acme/x.jsonl", event)))
                .containsExactly(
                        "GRANTED identity=okta:user:bot-sync@example.com actor=admin@example.com resource=Super administrator {account=acme, privilege=admin, privilegeReason=Okta super administrator}",
                        "GRANTED identity=okta:user:bot-sync@example.com actor=admin@example.com resource=Read only admin {account=acme, privilege=read, privilegeReason=read-only administrator}",
                        "GRANTED identity=okta:user:bot-sync@example.com actor=admin@example.com resource=SUPER_ADMIN {account=acme, privilege=admin, privilegeReason=Okta super administrator}",
                        "GRANTED identity=okta:user:bot-sync@example.com actor=admin@example.com resource=Report administrator {account=acme, privilege=read, privilegeReason=reads reports and logs}",
                        "GRANTED identity=okta:user:bot-sync@example.com actor=admin@example.com resource=Custom Role For Sync {account=acme, privilege=write, privilegeReason=an Okta admin role Keyline does not rank}");
    }

    @Test
    void anAppIntegrationsCreationNamesItsCreatorAndItsDeletionEndsIt() {
        String created =
                "{\"uuid\":\"a1\",\"published\":\"2025-01-01T00:00:00.000Z\",\"eventType\":\"application.lifecycle.create\","
                        + "\"actor\":{\"type\":\"User\",\"alternateId\":\"contractor@example.com\"},"
                        + "\"outcome\":{\"result\":\"SUCCESS\"},"
                        + "\"target\":[{\"id\":\"0oa5sync\",\"type\":\"AppInstance\",\"alternateId\":\"Data Sync\",\"displayName\":\"Data Sync\"}]}";
        String deleted =
                created.replace("\"a1\"", "\"a2\"")
                        .replace("application.lifecycle.create", "application.lifecycle.delete");
        String failed = created.replace("\"a1\"", "\"a3\"").replace("SUCCESS", "FAILURE");
        assertThat(EventsText.of(parse("acme/x.jsonl", created + "\n" + deleted + "\n" + failed)))
                .containsExactly(
                        "CREATED identity=okta:acme:app:0oa5sync actor=contractor@example.com {account=acme, identityType=app, name=Data Sync}",
                        "DELETED identity=okta:acme:app:0oa5sync actor=contractor@example.com {account=acme, identityType=app, name=Data Sync}");
    }
}
