package io.keyline.source;

import io.keyline.aws.AccessKeysParser;
import io.keyline.aws.AuthorizationDetailsParser;
import io.keyline.aws.CloudTrailParser;
import io.keyline.aws.CredentialReportParser;
import io.keyline.gcp.AuditLogParser;
import io.keyline.gcp.IamPolicyParser;
import io.keyline.gcp.SecretManagerParser;
import io.keyline.gcp.ServiceAccountKeysParser;
import io.keyline.gcp.ServiceAccountsParser;
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
                        AuditLogParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "Google Cloud Audit Logs entries: one per line, a gcloud logging read --format=json array, or a Logging API {\"entries\":[...]} response",
                        f -> new AuditLogParser()));
        register(
                new FormatSpec(
                        ServiceAccountsParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "output of gcloud iam service-accounts list --format=json or projects.serviceAccounts.list",
                        f -> new ServiceAccountsParser()));
        register(
                new FormatSpec(
                        ServiceAccountKeysParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "output of gcloud iam service-accounts keys list --format=json or projects.serviceAccounts.keys.list",
                        f -> new ServiceAccountKeysParser()));
        register(
                new FormatSpec(
                        IamPolicyParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "output of gcloud projects get-iam-policy --format=json or getIamPolicy",
                        f -> new IamPolicyParser()));
        register(
                new FormatSpec(
                        SecretManagerParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "output of gcloud secrets list --format=json or secrets.list",
                        f -> new SecretManagerParser()));
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
