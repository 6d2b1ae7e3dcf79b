package io.keyline.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyline.format.EventIds;
import io.keyline.format.EventJson;
import io.keyline.format.ListParseOutput;
import io.keyline.source.EventsText;
import io.keyline.source.ParserHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyVaultSecretsParserTest {

    private static final String FORMAT = "azure-key-vault";
    private static final long OBSERVED_AT = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    private static ListParseOutput parse(String content) {
        return parse(content.getBytes(StandardCharsets.UTF_8));
    }

    private static ListParseOutput parse(byte[] content) {
        return ParserHarness.parseFile(FORMAT, "billing-kv.json", content, OBSERVED_AT);
    }

    @Test
    void secretsAreObservedAndStoredAndTaggedCopiesAreStoredOnlyUnderTheirCredential() {
        ListParseOutput out =
                parse(ParserHarness.resource("/fixtures/azure/keyvault-secret-list.json"));

        assertThat(out.rejections()).isEmpty();
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=azure:kv-secret:billing-kv/stripe-api-key type=AZURE_KEY_VAULT_SECRET {createdAt=2025-11-03T10:15:30Z, expiresAt=2026-11-03T10:15:30Z, name=stripe-api-key, status=Active}",
                        "STORED_AT credential=azure:kv-secret:billing-kv/stripe-api-key type=AZURE_KEY_VAULT_SECRET location=azure-key-vault:billing-kv/stripe-api-key {}",
                        "OWNER_HINT credential=azure:kv-secret:billing-kv/stripe-api-key type=AZURE_KEY_VAULT_SECRET actor=kim@example.org {ownerSource=tag}",
                        // Disabled, and without an expiry.
                        "OBSERVED credential=azure:kv-secret:billing-kv/legacy-db-password type=AZURE_KEY_VAULT_SECRET {createdAt=2024-01-15T08:00:00Z, expiresAt=never, name=legacy-db-password, status=Inactive}",
                        "STORED_AT credential=azure:kv-secret:billing-kv/legacy-db-password type=AZURE_KEY_VAULT_SECRET location=azure-key-vault:billing-kv/legacy-db-password {}",
                        // Tag keys in any case, with _ or : between the words.
                        "STORED_AT credential=azure:sp-secret:4b3a2918-7e6d-4c5b-8a29-18f7e6d5c4b3/2b1a0f9e-8d7c-4b6a-9584-736251403928 type=AZURE_CLIENT_SECRET location=azure-key-vault:billing-kv/report-builder-secret {}",
                        "OWNER_HINT credential=azure:sp-secret:4b3a2918-7e6d-4c5b-8a29-18f7e6d5c4b3/2b1a0f9e-8d7c-4b6a-9584-736251403928 type=AZURE_CLIENT_SECRET actor=judy@example.org {ownerSource=tag}",
                        "STORED_AT credential=fp:0123456789abcdef0123456789abcdef location=azure-key-vault:billing-kv/openai-key {}",
                        // A versioned id names the same secret.
                        "OBSERVED credential=azure:kv-secret:billing-kv/billing-exporter-cert type=AZURE_KEY_VAULT_SECRET {createdAt=2025-06-01T00:00:00Z, expiresAt=2027-06-01T00:00:00Z, name=billing-exporter-cert, status=Active}",
                        "STORED_AT credential=azure:kv-secret:billing-kv/billing-exporter-cert type=AZURE_KEY_VAULT_SECRET location=azure-key-vault:billing-kv/billing-exporter-cert {}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(e.getEventTime()).isEqualTo(OBSERVED_AT));
        assertThat(out.events().get(0).getEventId())
                .isEqualTo(
                        EventIds.hashed(
                                FORMAT,
                                "OBSERVED",
                                "azure:kv-secret:billing-kv/stripe-api-key",
                                "secret",
                                "2026-03-01T00:00:00Z"));
    }

    @Test
    void theValueOfAShownSecretIsNeverReadNorRejected() {
        String value = "kv-Pl4nt3d-Value-9876543210";
        String shown =
                "{\"attributes\":{\"created\":1700000000,\"enabled\":true},"
                        + "\"id\":\"https://billing-kv.vault.azure.net/secrets/db/0f1e2d3c4b5a69788796a5b4c3d2e1f0\","
                        + "\"value\":\""
                        + value
                        + "\"}";
        ListParseOutput out = parse(shown);
        assertThat(EventsText.of(out))
                .containsExactly(
                        "OBSERVED credential=azure:kv-secret:billing-kv/db type=AZURE_KEY_VAULT_SECRET {createdAt=2023-11-14T22:13:20Z, expiresAt=never, name=db, status=Active}",
                        "STORED_AT credential=azure:kv-secret:billing-kv/db type=AZURE_KEY_VAULT_SECRET location=azure-key-vault:billing-kv/db {}");
        assertThat(out.events())
                .allSatisfy(e -> assertThat(EventJson.toJson(e)).doesNotContain(value));

        ListParseOutput rejected = parse(shown.replace("secrets/db", "keys/db"));
        assertThat(EventsText.reasons(rejected))
                .containsExactly("the id of a Key Vault secret is not a secret URL");
        assertThat(new String(rejected.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .doesNotContain(value);
        ListParseOutput broken = parse(shown.substring(0, shown.length() - 1));
        assertThat(new String(broken.rejections().get(0).payload(), StandardCharsets.UTF_8))
                .doesNotContain(value);
    }

    @Test
    void keylineTagsThatAreNoIdOrFingerprintAreRejected() {
        String item =
                "[{\"id\":\"https://v.vault.azure.net/secrets/a\",\"tags\":{\"keyline-credential-id\":\"not an id\"}},"
                        + "{\"id\":\"https://v.vault.azure.net/secrets/b\",\"tags\":{\"KEYLINE_FINGERPRINT\":\"abc\"}},"
                        + "{\"id\":\"https://v.vault.azure.net/secrets/c\",\"tags\":{\"keyline-credential-id\":\"gcp:sa-key:x@p.iam.gserviceaccount.com/k\"}}]";
        ListParseOutput out = parse(item);
        assertThat(EventsText.reasons(out))
                .containsExactly(
                        "the keyline-credential-id tag of a Key Vault secret is not a credential id",
                        "the keyline-fingerprint tag of a Key Vault secret is not 32 hex digits");
        assertThat(EventsText.of(out))
                .containsExactly(
                        "STORED_AT credential=gcp:sa-key:x@p.iam.gserviceaccount.com/k type=GCP_SA_KEY location=azure-key-vault:v/c {}");
    }
}
