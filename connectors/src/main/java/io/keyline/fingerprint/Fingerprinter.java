package io.keyline.fingerprint;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The only code that ever holds secret material: it turns a secret value into a keyed fingerprint,
 * HMAC-SHA256 under an installation secret (the pepper), so that two sightings of the same secret
 * meet under one id while the value itself is never stored.
 *
 * <p>The pepper is read where the fingerprinter runs, from the environment variable {@value
 * #PEPPER_ENV} or from the file named by {@value #PEPPER_FILE_ENV} or given to {@link
 * #fromFile(Path)}; it is never passed on a command line, never serialized with the job and never
 * logged. Only the place to read it from travels with the job.
 */
@PublicEvolving
public final class Fingerprinter implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Environment variable holding the pepper itself. */
    public static final String PEPPER_ENV = "KEYLINE_PEPPER";

    /** Environment variable naming a file that holds the pepper. */
    public static final String PEPPER_FILE_ENV = "KEYLINE_PEPPER_FILE";

    private static final int MIN_PEPPER_BYTES = 16;

    private final String pepperFile;
    private transient Mac mac;

    private Fingerprinter(String pepperFile) {
        this.pepperFile = pepperFile;
    }

    /**
     * A fingerprinter reading its pepper from {@value #PEPPER_ENV} or {@value #PEPPER_FILE_ENV}.
     */
    public static Fingerprinter fromEnvironment() {
        return new Fingerprinter(null);
    }

    /**
     * A fingerprinter reading its pepper from a file, unless {@value #PEPPER_ENV} or {@value
     * #PEPPER_FILE_ENV} is set, which win.
     */
    public static Fingerprinter fromFile(Path pepperFile) {
        return new Fingerprinter(pepperFile.toAbsolutePath().toString());
    }

    /**
     * The keyed fingerprint of a secret: the first 128 bits of HMAC-SHA256(pepper, value), as 32
     * lower-case hex characters.
     */
    public String fingerprint(String secret) {
        byte[] digest = mac().doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /**
     * GitHub's own correlation hash of a token, base64(SHA-256(token)), which its audit log carries
     * as {@code hashed_token}. It needs no pepper.
     */
    public static String githubHashedToken(String token) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            return Base64.getEncoder()
                    .encodeToString(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Checks that a pepper can be read, naming where it was looked for when it cannot. */
    public void check() {
        mac();
    }

    private Mac mac() {
        if (mac == null) {
            byte[] pepper = readPepper();
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(pepper, "HmacSHA256"));
                mac = m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
            }
        }
        return mac;
    }

    private byte[] readPepper() {
        String fromEnv = System.getenv(PEPPER_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(fromEnv.trim().getBytes(StandardCharsets.UTF_8), PEPPER_ENV);
        }
        String file = System.getenv(PEPPER_FILE_ENV);
        if (file == null || file.isBlank()) {
            file = pepperFile;
        }
        if (file == null) {
            throw new IllegalStateException(
                    "No pepper for fingerprints: set "
                            + PEPPER_ENV
                            + " or point "
                            + PEPPER_FILE_ENV
                            + " at a file holding at least "
                            + MIN_PEPPER_BYTES
                            + " bytes.");
        }
        try {
            return checked(
                    Files.readString(Path.of(file)).trim().getBytes(StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot read the pepper file "
                            + file
                            + "; check that it exists and is readable.",
                    e);
        }
    }

    private static byte[] checked(byte[] pepper, String where) {
        if (pepper.length < MIN_PEPPER_BYTES) {
            throw new IllegalStateException(
                    "The pepper in "
                            + where
                            + " is shorter than "
                            + MIN_PEPPER_BYTES
                            + " bytes; use a longer random value.");
        }
        return pepper;
    }
}
