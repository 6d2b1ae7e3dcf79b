package io.keyline.format;

import io.keyline.model.CanonicalIds;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * The marks (tags, labels, annotations) by which an entry of a secret store's listing says it holds
 * a copy of a credential known elsewhere, since such listings never carry values: {@value
 * #CREDENTIAL_ID} names the credential by its canonical id ({@code aws:access-key:AKIA...}),
 * {@value #FINGERPRINT} by its 32-hex keyed fingerprint (id {@code fp:<hex>}). Keys match in any
 * case, with {@code -}, {@code _} or {@code :} between the words; when both are there, the id wins.
 */
@Internal
public final class CopyMarks {

    public static final String CREDENTIAL_ID = "keyline-credential-id";
    public static final String FINGERPRINT = "keyline-fingerprint";

    private static final Pattern HEX_32 = Pattern.compile("^[0-9a-fA-F]{32}$");
    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]*:\\S{1,1024}$");

    /** The credential an entry holds a copy of, and its type when its id tells. */
    public record Copy(String credentialId, String credentialType) {}

    private CopyMarks() {}

    /** A mark's key as it is compared: trimmed, lower case, words joined by {@code -}. */
    public static String normalizeKey(String key) {
        return key.trim().toLowerCase(Locale.ROOT).replaceAll("[_:]", "-");
    }

    /**
     * The copy that the values of the two marks name, or null when the entry has neither.
     *
     * @param credentialId the value of {@value #CREDENTIAL_ID}, or null
     * @param fingerprint the value of {@value #FINGERPRINT}, or null
     * @param mark what the store calls a mark ({@code tag}, {@code label}), for the reason
     * @param what the entry, for the reason
     * @throws MalformedRecordException when a mark is there but names no credential
     */
    public static Copy of(String credentialId, String fingerprint, String mark, String what)
            throws MalformedRecordException {
        if (credentialId != null) {
            String id = credentialId.trim();
            boolean valid =
                    id.startsWith("fp:")
                            ? HEX_32.matcher(id.substring(3)).matches()
                            : ID.matcher(id).matches()
                                    && !CanonicalIds.systemOf(id).equals("unknown");
            if (!valid) {
                throw new MalformedRecordException(
                        "the "
                                + CREDENTIAL_ID
                                + " "
                                + mark
                                + " of "
                                + what
                                + " is not a credential id");
            }
            return new Copy(id, CanonicalIds.credentialTypeOf(id));
        }
        if (fingerprint != null) {
            String hex = fingerprint.trim();
            if (!HEX_32.matcher(hex).matches()) {
                throw new MalformedRecordException(
                        "the "
                                + FINGERPRINT
                                + " "
                                + mark
                                + " of "
                                + what
                                + " is not 32 hex digits");
            }
            return new Copy(CanonicalIds.fingerprint(hex.toLowerCase(Locale.ROOT)), null);
        }
        return null;
    }
}
