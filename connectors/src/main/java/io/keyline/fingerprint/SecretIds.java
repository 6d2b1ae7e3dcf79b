package io.keyline.fingerprint;

import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Reduces a secret value met in a record (a scanner finding, a KV entry, a Kubernetes secret) to
 * the id of the credential it is, so the value can be dropped at once:
 *
 * <ul>
 *   <li>an AWS access key id is its own natural id, {@code aws:access-key:AKIA...};
 *   <li>a GitHub token ({@code ghp_}, {@code github_pat_}, {@code gho_}, {@code ghu_}, {@code
 *       ghs_}, {@code ghr_}) is {@code github:token:<base64 SHA-256>}, the hash GitHub's audit log
 *       carries as {@code hashed_token};
 *   <li>anything else is {@code fp:<keyed fingerprint>}, typed from its shape or the scanner's rule
 *       name (OpenAI and Anthropic keys are {@code LLM_API_KEY}).
 * </ul>
 */
@PublicEvolving
public final class SecretIds implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern AWS_KEY_ID =
            Pattern.compile("^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$");

    /** The id and type of the credential a secret value is. */
    public record Identified(String credentialId, String credentialType) {}

    private final Fingerprinter fingerprinter;

    public SecretIds(Fingerprinter fingerprinter) {
        this.fingerprinter = fingerprinter;
    }

    /**
     * The credential a secret value is. {@code hint} is what the source says the secret is (a
     * scanner's rule id, a key name such as {@code OPENAI_API_KEY}), or null.
     */
    public Identified identify(String value, String hint) {
        String v = value.trim();
        if (AWS_KEY_ID.matcher(v).matches()) {
            return new Identified(CanonicalIds.awsAccessKey(v), CredentialTypes.AWS_ACCESS_KEY);
        }
        String githubType = githubTokenType(v);
        if (githubType != null) {
            return new Identified(
                    CanonicalIds.githubToken(Fingerprinter.githubHashedToken(v)), githubType);
        }
        return new Identified(
                CanonicalIds.fingerprint(fingerprinter.fingerprint(v)), typeOf(v, hint));
    }

    /** The fingerprint id of a value, whatever its shape: for sources that only compare values. */
    public String fingerprintId(String value) {
        return CanonicalIds.fingerprint(fingerprinter.fingerprint(value.trim()));
    }

    /** The GitHub credential type of a token by its prefix, or null when it is not one. */
    static String githubTokenType(String v) {
        if (v.startsWith("github_pat_")) {
            return CredentialTypes.GITHUB_FINE_GRAINED_PAT;
        }
        if (v.length() < 40 || v.charAt(3) != '_' || !v.startsWith("gh")) {
            return null;
        }
        switch (v.substring(0, 4)) {
            case "ghp_":
                return CredentialTypes.GITHUB_PAT;
            case "gho_":
                return CredentialTypes.GITHUB_OAUTH_TOKEN;
            case "ghu_":
            case "ghs_":
            case "ghr_":
                return CredentialTypes.GITHUB_APP_TOKEN;
            default:
                return null;
        }
    }

    private static String typeOf(String v, String hint) {
        String h = hint == null ? "" : hint.toLowerCase(Locale.ROOT);
        if (v.startsWith("sk-ant-")
                || v.startsWith("sk-proj-")
                || (v.startsWith("sk-") && v.length() >= 40 && !v.startsWith("sk-live"))
                || h.contains("openai")
                || h.contains("anthropic")) {
            return CredentialTypes.LLM_API_KEY;
        }
        if (h.contains("okta")) {
            return CredentialTypes.OKTA_API_TOKEN;
        }
        return CredentialTypes.GENERIC_SECRET;
    }
}
