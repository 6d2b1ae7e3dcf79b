package io.keyline.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import io.keyline.model.PrivilegeTier;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VaultAuditParserTest {

    private static final String FORMAT = "vault-audit";

    private static final String ALICE = "vault:entity:8c1e5a2f-3b7d-4e90-a6c4-1f2d3e4b5a6c";
    private static final String PAYMENTS = "vault:entity:3f9a6c1d-8e2b-4d75-b0a3-6c4e1f8d2b97";
    private static final String PAYMENTS_TOKEN = "vault:token:hJq3Fz8Rw2Ne5Tb9Xc4Lm7Va";
    private static final String ROOT_TOKEN = "vault:token:Zr5Kd8Wq1Hs6Mv3Pn9Bt4Gx2";
    private static final String AGENT =
            "k8s:payments/api|10.20.5.9|vault-agent/1.17.2 (+https://www.vaultproject.io/; go1.22.5)";

    private static final String GRANT_DEFAULT =
            "resource=vault:policy:default {privilege=read, privilegeReason=Vault's default policy}";
    private static final String GRANT_PAYMENTS_READ =
            "resource=vault:policy:payments-read {privilege=write, privilegeReason=a Vault policy;"
                    + " its rules are not in the log}";

    private static final Pattern HMAC = Pattern.compile("hmac-sha256:[0-9a-f]{64}");

    private static ListParseOutput parse(String fileName, byte[] content) {
        return ParserHarness.parseFile(FORMAT, fileName, content, 0);
    }

    private static ListParseOutput parse(String content) {
        return parse("audit.log", content.getBytes(StandardCharsets.UTF_8));
    }

    private static ListParseOutput fixture(String name) {
        return parse(name, ParserHarness.resource("/fixtures/vault/" + name));
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void eachCallCountsOnceFromItsResponseAndAnUnresolvedTokenCountsForNobody() {
        ListParseOutput out = fixture("audit-shapes.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "USED credential=vault:token:hmac-sha256:497a60a950d8006f5e88bef7b6214c9c641fb1f9333895f26960ca0dec4af28b type=VAULT_TOKEN identity="
                                + ALICE
                                + " resource=sys/capabilities-self action=system:update consumer=vault-role:engineers|198.51.100.23| {}",
                        "GRANTED identity=" + ALICE + " " + GRANT_DEFAULT,
                        "GRANTED identity="
                                + ALICE
                                + " resource=vault:policy:platform-admin {privilege=high, privilegeReason=a policy named as an admin policy}",
                        "USED credential=vault:token:hmac-sha256:0f0afedb317cb6bc5520074f7dfbfbcf70d52a13100b2ad8924c47dcd8474fae type=VAULT_TOKEN identity=vault:auth:token-6f0e2b1c-9d3a-4b57-a2e8-c41f7d9b03e6-deployer resource=secret/data/ci/jenkins action=kv:read consumer=|10.20.3.7| {}",
                        "GRANTED identity=vault:auth:token-6f0e2b1c-9d3a-4b57-a2e8-c41f7d9b03e6-deployer resource=vault:policy:ci-deploy {privilege=write, privilegeReason=a Vault policy; its rules are not in the log}",
                        "GRANTED identity=vault:auth:token-6f0e2b1c-9d3a-4b57-a2e8-c41f7d9b03e6-deployer "
                                + GRANT_DEFAULT);
        IdentityEvent used = out.events().get(0);
        assertThat(used.getEventId()).isEqualTo("vault-audit:5d2a0c9e-7b41-4f0e-9a63-2e8c1f47b0d5");
        assertThat(used.getEventTime()).isEqualTo(at("2026-10-01T08:15:02.121Z"));
        assertThat(out.events().get(1).getEventId())
                .isEqualTo(EventIds.hashed(FORMAT, "GRANTED", ALICE, "vault:policy:default"));
    }

    @Test
    void noHmacOtherThanAnAccessorLeavesTheParser() {
        for (String file : List.of("audit-shapes.jsonl", "audit-token-lifecycle.jsonl")) {
            for (IdentityEvent e : fixture(file).events()) {
                String json = EventJson.toJson(e);
                String withoutCredential =
                        e.getCredentialId() == null ? json : json.replace(e.getCredentialId(), "");
                assertThat(HMAC.matcher(withoutCredential).find()).as(json).isFalse();
                assertThat(json).doesNotContain("customer_key", "AWS_SECRET_ACCESS_KEY");
            }
        }
    }

    @Test
    void aTokensLifeFromLoginToRevocation() {
        ListParseOutput out = fixture("audit-token-lifecycle.jsonl");

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        // An OIDC login: the person is the actor, the TTL counts from the issue
                        // time, which carries an offset.
                        "CREATED credential=vault:token:Qm7rT2vXk9LpW4sZ8nB3cY6d type=VAULT_TOKEN identity="
                                + ALICE
                                + " actor=alice.jones@example.com {expiresAt=2026-10-01T16:10:40Z, name=oidc-alice.jones, policies=default,platform-admin}",
                        "GRANTED identity=" + ALICE + " " + GRANT_DEFAULT,
                        "GRANTED identity="
                                + ALICE
                                + " resource=vault:policy:platform-admin {privilege=high, privilegeReason=a policy named as an admin policy}",
                        // A Kubernetes login, then the token's calls.
                        "CREATED credential="
                                + PAYMENTS_TOKEN
                                + " type=VAULT_TOKEN identity="
                                + PAYMENTS
                                + " actor="
                                + PAYMENTS
                                + " {expiresAt=2026-10-01T11:00:00Z, name=kubernetes-payments-api, policies=default,payments-read}",
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        used("secret/data/payments/db", "kv:read", AGENT, "{}"),
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        // Refused: the request entry and the response entry of the call.
                        used(
                                "secret/data/platform/root-ca",
                                "kv:read",
                                AGENT,
                                "{errorCode=permission denied}"),
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        used(
                                "secret/data/platform/root-ca",
                                "kv:read",
                                AGENT,
                                "{errorCode=permission denied}"),
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        used(
                                "auth/token/renew-self",
                                "token:update",
                                AGENT,
                                "{expiresAt=2026-10-01T11:50:00.003Z}"),
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        // The root token creates a wrapped token, then a CI token, and revokes it.
                        rootUsed("auth/token/create"),
                        "GRANTED identity=vault:auth:root resource=vault:policy:root {privilege=admin, privilegeReason=Vault's root policy}",
                        "CREATED credential=vault:token:Yb4Nm9Tc2Wx7Hq5Ls8Kd1Rf3 type=VAULT_TOKEN actor=vault:auth:root {}",
                        rootUsed("auth/token/create"),
                        "GRANTED identity=vault:auth:root resource=vault:policy:root {privilege=admin, privilegeReason=Vault's root policy}",
                        "CREATED credential=vault:token:Fp6Ws3Kz9Qd2Vm7Xb4Lt1Nh5 type=VAULT_TOKEN identity=vault:auth:token-ci-deployer actor=vault:auth:root {expiresAt=2026-10-31T11:05:00Z, name=token-ci-deployer, policies=ci-deploy,default}",
                        "GRANTED identity=vault:auth:token-ci-deployer resource=vault:policy:ci-deploy {privilege=write, privilegeReason=a Vault policy; its rules are not in the log}",
                        "GRANTED identity=vault:auth:token-ci-deployer " + GRANT_DEFAULT,
                        rootUsed("auth/token/revoke-accessor"),
                        "GRANTED identity=vault:auth:root resource=vault:policy:root {privilege=admin, privilegeReason=Vault's root policy}",
                        "DELETED credential=vault:token:Fp6Ws3Kz9Qd2Vm7Xb4Lt1Nh5 type=VAULT_TOKEN actor=vault:auth:root {}",
                        // In a namespace, refused, with no response entry; KMIP entries count
                        // for nothing.
                        used(
                                "team-a/sys/policies/acl/admin",
                                "system:update",
                                "k8s:payments/api|10.20.5.9|",
                                "{errorCode=permission denied}"),
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        used("auth/token/revoke-self", "token:update", AGENT, "{}"),
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_DEFAULT,
                        "GRANTED identity=" + PAYMENTS + " " + GRANT_PAYMENTS_READ,
                        "DELETED credential="
                                + PAYMENTS_TOKEN
                                + " type=VAULT_TOKEN identity="
                                + PAYMENTS
                                + " actor="
                                + PAYMENTS
                                + " {}");
    }

    @Test
    void idsComeFromTheRequestIdSoThatBothEntriesOfARefusedCallAreOneFact() {
        List<IdentityEvent> events = fixture("audit-token-lifecycle.jsonl").events();

        IdentityEvent login = events.get(0);
        assertThat(login.getEventId())
                .isEqualTo("vault-audit:0a6b2c8d-4e1f-4a37-9b5c-d2e8f1a3b6c4");
        assertThat(login.getEventTime()).isEqualTo(at("2026-10-01T08:10:40.387Z"));

        List<IdentityEvent> refused =
                events.stream()
                        .filter(e -> "secret/data/platform/root-ca".equals(e.getResource()))
                        .toList();
        assertThat(refused)
                .extracting(IdentityEvent::getEventId)
                .containsExactly(
                        "vault-audit:4b8a1e3c-7d2f-4e95-a6b1-3c9d5e7f0a28",
                        "vault-audit:4b8a1e3c-7d2f-4e95-a6b1-3c9d5e7f0a28");
        assertThat(refused)
                .extracting(IdentityEvent::getEventTime)
                .containsExactly(at("2026-10-01T10:00:02.300Z"), at("2026-10-01T10:00:02.300Z"));

        assertThat(events)
                .filteredOn(
                        e -> e.getKind() == EventKind.CREATED || e.getKind() == EventKind.DELETED)
                .extracting(IdentityEvent::getEventId)
                .containsExactly(
                        "vault-audit:0a6b2c8d-4e1f-4a37-9b5c-d2e8f1a3b6c4",
                        "vault-audit:7c3e9f1a-5b2d-4c86-a4e7-1d9b6f2c8a05",
                        "vault-audit:f5a1c7e3-9d4b-4a2e-b8f6-0e3c5a7d9b12/1",
                        "vault-audit:2e9c4a7f-6b3d-4e1a-9c85-b7d2f0a4e6c9/1",
                        "vault-audit:6a3d8f2c-1e7b-4c94-a5d6-9f0b2e4c7a13/1",
                        "vault-audit:d7b3f9a1-4e6c-4b28-8d1f-3a5c7e9b0d42/1");
        assertThat(events)
                .filteredOn(e -> ROOT_TOKEN.equals(e.getCredentialId()))
                .extracting(IdentityEvent::getEventId)
                .containsExactly(
                        "vault-audit:f5a1c7e3-9d4b-4a2e-b8f6-0e3c5a7d9b12",
                        "vault-audit:2e9c4a7f-6b3d-4e1a-9c85-b7d2f0a4e6c9",
                        "vault-audit:6a3d8f2c-1e7b-4c94-a5d6-9f0b2e4c7a13");
    }

    @Test
    void aTokenIssuedWithoutATtlNeverExpiresAndAnArrayOfEntriesIsRead() {
        String entries =
                "[{\"time\":\"2026-10-02T00:00:00Z\",\"type\":\"response\","
                        + "\"auth\":{\"accessor\":\"root-acc\",\"display_name\":\"root\",\"policies\":[\"root\"]},"
                        + "\"request\":{\"id\":\"r-1\",\"path\":\"auth/token/create-orphan\",\"operation\":\"update\"},"
                        + "\"response\":{\"auth\":{\"accessor\":\"new-acc\",\"display_name\":\"token-break-glass\",\"policies\":[\"root\"]}}},"
                        + "{\"time\":\"2026-10-02T00:00:01Z\",\"type\":\"response\","
                        + "\"auth\":{\"entity_id\":\"e-1\"},\"request\":{\"id\":\"r-2\",\"path\":\"sys/health\"}}]";

        assertThat(EventsText.of(parse(entries)))
                .containsExactly(
                        "USED credential=vault:token:root-acc type=VAULT_TOKEN identity=vault:auth:root resource=auth/token/create-orphan action=update {}",
                        "GRANTED identity=vault:auth:root resource=vault:policy:root {privilege=admin, privilegeReason=Vault's root policy}",
                        "CREATED credential=vault:token:new-acc type=VAULT_TOKEN identity=vault:auth:token-break-glass actor=vault:auth:root {expiresAt=never, name=token-break-glass, policies=root}",
                        "GRANTED identity=vault:auth:token-break-glass resource=vault:policy:root {privilege=admin, privilegeReason=Vault's root policy}",
                        "USED identity=vault:entity:e-1 resource=sys/health {}");
    }

    @Test
    void errorCodesAreTheFirstMessageWithoutTheInputItQuotes() {
        assertThat(VaultErrors.code("permission denied")).isEqualTo("permission denied");
        assertThat(VaultErrors.code("1 error occurred:\n\t* permission denied\n\n"))
                .isEqualTo("permission denied");
        assertThat(VaultErrors.code("2 errors occurred:\n\t* invalid role ID\n\t* x\n\n"))
                .isEqualTo("invalid role ID");
        assertThat(
                        VaultErrors.code(
                                "error converting input {\"password\":\"Pl4nted\"} for field \"data\""))
                .isEqualTo("error converting input");
        assertThat(VaultErrors.code("no handler for route \"secret/x\"; route entry not found"))
                .isEqualTo("no handler for route");
        assertThat(VaultErrors.code("\"quoted\"")).isEqualTo("error");
        assertThat(VaultErrors.code(" \n ")).isNull();
    }

    @Test
    void policiesAreTieredByName() {
        assertThat(VaultPolicies.tier("root")).isEqualTo(PrivilegeTier.ADMIN);
        assertThat(VaultPolicies.tier("Vault-Admins")).isEqualTo(PrivilegeTier.HIGH);
        assertThat(VaultPolicies.tier("default")).isEqualTo(PrivilegeTier.READ);
        assertThat(VaultPolicies.tier("payments-read")).isEqualTo(PrivilegeTier.WRITE);
    }

    private static String used(String resource, String action, String consumer, String attributes) {
        return "USED credential="
                + PAYMENTS_TOKEN
                + " type=VAULT_TOKEN identity="
                + PAYMENTS
                + " resource="
                + resource
                + " action="
                + action
                + " consumer="
                + consumer
                + " "
                + attributes;
    }

    private static String rootUsed(String resource) {
        return "USED credential="
                + ROOT_TOKEN
                + " type=VAULT_TOKEN identity=vault:auth:root resource="
                + resource
                + " action=token:update consumer=|10.20.1.2| {}";
    }
}
