package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The labels and annotations by which a Secret Manager secret says it is a copy of a credential
 * known elsewhere: {@code keyline-credential-id} (a canonical credential id) or {@code
 * keyline-fingerprint} (the 32-hex keyed fingerprint of the value). Keys match in any case, with
 * {@code -}, {@code _} or {@code :} between the words. Label values are lower case and cannot hold
 * {@code :}, so a credential id fits only an annotation; a fingerprint fits either.
 */
final class SecretLabels {

    static final String CREDENTIAL_ID = "keyline-credential-id";
    static final String FINGERPRINT = "keyline-fingerprint";

    private static final Pattern HEX32 = Pattern.compile("^[0-9a-f]{32}$");
    private static final Pattern CREDENTIAL = Pattern.compile("^[a-z0-9-]+:\\S{1,1024}$");

    private SecretLabels() {}

    /** The value of {@code key} in the annotations, else in the labels, or null. */
    static String value(JsonNode labels, JsonNode annotations, String key) {
        String value = valueIn(annotations, key);
        return value != null ? value : valueIn(labels, key);
    }

    /** True for a fingerprint: 32 lower-case hex digits. */
    static boolean isFingerprint(String value) {
        return HEX32.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** True for a value shaped like a canonical credential id ({@code <system>:...}). */
    static boolean isCredentialId(String value) {
        if (value.startsWith("fp:")) {
            return isFingerprint(value.substring(3));
        }
        return CREDENTIAL.matcher(value).matches()
                && !CanonicalIds.systemOf(value).equals("unknown");
    }

    /**
     * The credential type a canonical credential id tells by its prefix, or null when the id does
     * not tell (a fingerprint, a GitHub token hash).
     */
    static String typeOf(String credentialId) {
        String[][] prefixes = {
            {"aws:access-key:", CredentialTypes.AWS_ACCESS_KEY},
            {"aws:secret:", CredentialTypes.AWS_SECRET},
            {"gcp:sa-key:", CredentialTypes.GCP_SA_KEY},
            {"gcp:secret:", CredentialTypes.GCP_SECRET},
            {"azure:sp-secret:", CredentialTypes.AZURE_CLIENT_SECRET},
            {"azure:sp-cert:", CredentialTypes.AZURE_CERTIFICATE},
            {"azure:kv-secret:", CredentialTypes.AZURE_KEY_VAULT_SECRET},
            {"github:pat:", CredentialTypes.GITHUB_FINE_GRAINED_PAT},
            {"github:deploy-key:", CredentialTypes.GITHUB_DEPLOY_KEY},
            {"k8s:sa-token:", CredentialTypes.K8S_SA_TOKEN},
            {"vault:token:", CredentialTypes.VAULT_TOKEN},
        };
        for (String[] p : prefixes) {
            if (credentialId.startsWith(p[0])) {
                return p[1];
            }
        }
        if (credentialId.startsWith("okta:") && credentialId.contains(":api-token:")) {
            return CredentialTypes.OKTA_API_TOKEN;
        }
        return null;
    }

    private static String valueIn(JsonNode map, String key) {
        if (map == null || !map.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (GcpOwners.normalizedKey(field.getKey()).equals(key)
                    && field.getValue().isTextual()
                    && !field.getValue().asText().isBlank()) {
                return field.getValue().asText().trim();
            }
        }
        return null;
    }
}
