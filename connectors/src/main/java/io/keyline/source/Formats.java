package io.keyline.source;

import io.keyline.aws.AccessKeysParser;
import io.keyline.aws.AuthorizationDetailsParser;
import io.keyline.aws.CloudTrailParser;
import io.keyline.aws.CredentialReportParser;
import io.keyline.aws.SecretsManagerParser;
import io.keyline.fingerprint.SecretIds;
import io.keyline.vault.VaultAuditParser;
import io.keyline.vault.VaultKvMetadataParser;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.annotation.PublicEvolving;

/** Every input format Keyline reads, by name. The name is also the input folder's subfolder. */
@PublicEvolving
public final class Formats {

    private static final Map<String, FormatSpec> FORMATS = new LinkedHashMap<>();

    static {
        register(
                new FormatSpec(
                        "cloudtrail",
                        "aws",
                        Framing.JSON,
                        "AWS CloudTrail: S3 delivery files ({\"Records\":[...]}, gzip or plain) or one event per line",
                        f -> new CloudTrailParser()));
        register(
                new FormatSpec(
                        "aws-authorization-details",
                        "aws",
                        Framing.JSON,
                        "output of aws iam get-account-authorization-details",
                        f -> new AuthorizationDetailsParser()));
        register(
                new FormatSpec(
                        "aws-access-keys",
                        "aws",
                        Framing.JSON,
                        "output of aws iam list-access-keys (or create-access-key, get-access-key-last-used)",
                        f -> new AccessKeysParser()));
        register(
                new FormatSpec(
                        "aws-credential-report",
                        "aws",
                        Framing.WHOLE_FILE,
                        "the IAM credential report CSV",
                        f -> new CredentialReportParser()));
        register(
                new FormatSpec(
                        "aws-secrets-manager",
                        "aws",
                        Framing.JSON,
                        "output of aws secretsmanager list-secrets (or describe-secret), without values",
                        f -> new SecretsManagerParser()));
        register(
                new FormatSpec(
                        "vault-audit",
                        "vault",
                        Framing.JSON,
                        "HashiCorp Vault's file audit device: request and response entries, one per line",
                        f -> new VaultAuditParser()));
        register(
                new FormatSpec(
                        "vault-kv-metadata",
                        "vault",
                        Framing.JSON,
                        "Keyline's KV inventory: one record per secret version (or vault kv get -format=json output)",
                        f -> new VaultKvMetadataParser(new SecretIds(f))));
    }

    private Formats() {}

    private static void register(FormatSpec spec) {
        FORMATS.put(spec.name(), spec);
    }

    /** The format of that name, or null. */
    public static FormatSpec get(String name) {
        return FORMATS.get(name);
    }

    /** The format of that name; throws with the list of known names when there is none. */
    public static FormatSpec require(String name) {
        FormatSpec spec = FORMATS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "Unknown format '"
                            + name
                            + "'; known formats: "
                            + String.join(", ", FORMATS.keySet())
                            + ".");
        }
        return spec;
    }

    public static Map<String, FormatSpec> all() {
        return Collections.unmodifiableMap(FORMATS);
    }
}
