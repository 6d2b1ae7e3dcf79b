package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The tags that mark a Secrets Manager secret as a copy of a credential Keyline knows by another
 * id: {@code keyline-credential-id} (a canonical credential id, {@code aws:access-key:AKIA...}) or
 * {@code keyline-fingerprint} (the credential's 32-hex keyed fingerprint, id {@code fp:<hex>}).
 * Keys match in any case with {@code -}, {@code _} or {@code :} between the words; when both are
 * there, the credential id wins.
 */
final class SecretCopyTags {

    /** The credential a secret is a copy of, and its type when its id tells. */
    record Copy(String credentialId, String credentialType) {}

    private static final String CREDENTIAL_ID = "keyline-credential-id";
    private static final String FINGERPRINT = "keyline-fingerprint";

    private static final Pattern CANONICAL_ID = Pattern.compile("^[a-z][a-z0-9-]*:\\S{1,500}$");
    private static final Pattern HEX_32 = Pattern.compile("^[0-9a-fA-F]{32}$");

    private SecretCopyTags() {}

    /** The credential the tags name, or null; throws when a tag is there but names none. */
    static Copy of(JsonNode tags, String what) throws MalformedRecordException {
        String credentialId = value(tags, CREDENTIAL_ID);
        if (credentialId != null) {
            if (!CANONICAL_ID.matcher(credentialId).matches()) {
                throw new MalformedRecordException(
                        "the " + CREDENTIAL_ID + " tag of " + what + " is not a credential id");
            }
            return new Copy(credentialId, typeOf(credentialId));
        }
        String fingerprint = value(tags, FINGERPRINT);
        if (fingerprint != null) {
            if (!HEX_32.matcher(fingerprint).matches()) {
                throw new MalformedRecordException(
                        "the " + FINGERPRINT + " tag of " + what + " is not 32 hex characters");
            }
            return new Copy(CanonicalIds.fingerprint(fingerprint.toLowerCase(Locale.ROOT)), null);
        }
        return null;
    }

    /** The value of the tag with this key, trimmed, or null. */
    private static String value(JsonNode tags, String wanted) {
        if (tags == null || !tags.isArray()) {
            return null;
        }
        for (JsonNode tag : tags) {
            String key = Json.text(tag, "Key");
            String value = Json.text(tag, "Value");
            if (key != null
                    && key.trim().toLowerCase(Locale.ROOT).replaceAll("[_:]", "-").equals(wanted)) {
                return value == null ? "" : value.trim();
            }
        }
        return null;
    }

    /** The credential type an id's prefix names, or null when the id does not tell. */
    private static String typeOf(String id) {
        if (id.startsWith("aws:access-key:")) {
            return CredentialTypes.AWS_ACCESS_KEY;
        }
        if (id.startsWith("aws:secret:")) {
            return CredentialTypes.AWS_SECRET;
        }
        if (id.startsWith("gcp:sa-key:")) {
            return CredentialTypes.GCP_SA_KEY;
        }
        if (id.startsWith("gcp:secret:")) {
            return CredentialTypes.GCP_SECRET;
        }
        if (id.startsWith("azure:sp-secret:")) {
            return CredentialTypes.AZURE_CLIENT_SECRET;
        }
        if (id.startsWith("azure:sp-cert:")) {
            return CredentialTypes.AZURE_CERTIFICATE;
        }
        if (id.startsWith("azure:kv-secret:")) {
            return CredentialTypes.AZURE_KEY_VAULT_SECRET;
        }
        if (id.startsWith("okta:") && id.contains(":api-token:")) {
            return CredentialTypes.OKTA_API_TOKEN;
        }
        if (id.startsWith("github:pat:")) {
            return CredentialTypes.GITHUB_FINE_GRAINED_PAT;
        }
        if (id.startsWith("github:deploy-key:")) {
            return CredentialTypes.GITHUB_DEPLOY_KEY;
        }
        if (id.startsWith("k8s:sa-token:")) {
            return CredentialTypes.K8S_SA_TOKEN;
        }
        if (id.startsWith("vault:token:")) {
            return CredentialTypes.VAULT_TOKEN;
        }
        return null;
    }
}
