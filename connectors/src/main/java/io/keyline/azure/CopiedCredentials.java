package io.keyline.azure;

import io.keyline.model.CredentialTypes;
import java.util.Map;

/**
 * The credential type a canonical credential id tells, for secrets that say which credential they
 * hold a copy of; null for ids that do not tell (a fingerprint, a GitHub token hash).
 */
final class CopiedCredentials {

    private static final Map<String, String> PREFIXES =
            Map.ofEntries(
                    Map.entry("aws:access-key:", CredentialTypes.AWS_ACCESS_KEY),
                    Map.entry("aws:secret:", CredentialTypes.AWS_SECRET),
                    Map.entry("gcp:sa-key:", CredentialTypes.GCP_SA_KEY),
                    Map.entry("gcp:secret:", CredentialTypes.GCP_SECRET),
                    Map.entry("azure:sp-secret:", CredentialTypes.AZURE_CLIENT_SECRET),
                    Map.entry("azure:sp-cert:", CredentialTypes.AZURE_CERTIFICATE),
                    Map.entry("azure:kv-secret:", CredentialTypes.AZURE_KEY_VAULT_SECRET),
                    Map.entry("github:pat:", CredentialTypes.GITHUB_FINE_GRAINED_PAT),
                    Map.entry("github:deploy-key:", CredentialTypes.GITHUB_DEPLOY_KEY),
                    Map.entry("k8s:sa-token:", CredentialTypes.K8S_SA_TOKEN),
                    Map.entry("vault:token:", CredentialTypes.VAULT_TOKEN));

    private CopiedCredentials() {}

    static String typeOf(String credentialId) {
        for (Map.Entry<String, String> prefix : PREFIXES.entrySet()) {
            if (credentialId.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        if (credentialId.startsWith("okta:") && credentialId.contains(":api-token:")) {
            return CredentialTypes.OKTA_API_TOKEN;
        }
        return null;
    }
}
