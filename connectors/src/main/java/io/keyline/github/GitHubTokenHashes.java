package io.keyline.github;

import io.keyline.fingerprint.SecretIds;
import io.keyline.model.CanonicalIds;
import java.util.regex.Pattern;

/**
 * The credential behind the {@code hashed_token} of an audit event: GitHub's base64 SHA-256 of the
 * token, kept exactly as GitHub writes it, because a secret scanner that finds the token computes
 * the same id. Should an exporter put a token itself in the field, it is reduced to that hash here
 * and dropped.
 */
final class GitHubTokenHashes {

    /** The id of a token, and its type when the value itself told it (a raw token's prefix). */
    record Token(String credentialId, String typeFromValue) {}

    /**
     * What a token hash may look like: GitHub writes 44 base64 characters, but samples and older
     * exports carry shorter filler, which is kept as the id the source used.
     */
    private static final Pattern HASH = Pattern.compile("^[A-Za-z0-9+/=_-]{1,128}$");

    private static final String[] TOKEN_PREFIXES = {
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"
    };

    /** GitHub's tokens are 40 characters and more; anything shorter with a prefix is neither. */
    private static final int MIN_TOKEN_LENGTH = 40;

    private GitHubTokenHashes() {}

    /**
     * The token of a {@code hashed_token} value, or null when there is none or it cannot be one.
     */
    static Token of(String value, SecretIds secretIds) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        for (String prefix : TOKEN_PREFIXES) {
            if (v.startsWith(prefix)) {
                if (v.length() < MIN_TOKEN_LENGTH) {
                    return null;
                }
                SecretIds.Identified identified = secretIds.identify(v, null);
                return identified.credentialId().startsWith("github:token:")
                        ? new Token(identified.credentialId(), identified.credentialType())
                        : null;
            }
        }
        return HASH.matcher(v).matches() ? new Token(CanonicalIds.githubToken(v), null) : null;
    }
}
