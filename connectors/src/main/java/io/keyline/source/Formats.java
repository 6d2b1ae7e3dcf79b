package io.keyline.source;

import io.keyline.aws.AccessKeysParser;
import io.keyline.aws.AuthorizationDetailsParser;
import io.keyline.aws.CloudTrailParser;
import io.keyline.aws.CredentialReportParser;
import io.keyline.aws.SecretsManagerParser;
import io.keyline.azure.ActivityLogParser;
import io.keyline.azure.AzureMonitorParser;
import io.keyline.azure.EntraAuditParser;
import io.keyline.azure.GraphObjectsParser;
import io.keyline.azure.KeyVaultSecretsParser;
import io.keyline.azure.SignInLogParser;
import io.keyline.fingerprint.SecretIds;
import io.keyline.gcp.AuditLogParser;
import io.keyline.gcp.GcpServiceAccountsParser;
import io.keyline.gcp.IamPolicyParser;
import io.keyline.gcp.SecretManagerParser;
import io.keyline.gcp.ServiceAccountKeysParser;
import io.keyline.github.DeployKeysParser;
import io.keyline.github.FineGrainedTokensParser;
import io.keyline.github.GitHubAppInstallationsParser;
import io.keyline.github.GitHubAuditParser;
import io.keyline.hr.HrPeopleParser;
import io.keyline.kubernetes.K8sAuditParser;
import io.keyline.kubernetes.K8sServiceAccountsParser;
import io.keyline.okta.ApiTokensParser;
import io.keyline.okta.SystemLogParser;
import io.keyline.okta.UsersParser;
import io.keyline.scanner.GitleaksParser;
import io.keyline.scanner.TrufflehogParser;
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
                        "gitleaks",
                        "scanner",
                        Framing.WHOLE_FILE,
                        "a gitleaks report, JSON or CSV (--report-format json or csv; gitleaks 8 or 7)",
                        f -> new GitleaksParser(f)));
        register(
                new FormatSpec(
                        "trufflehog",
                        "scanner",
                        Framing.JSON,
                        "TruffleHog --json output: one finding per line",
                        f -> new TrufflehogParser(f)));
        register(
                new FormatSpec(
                        "github-audit",
                        "github",
                        Framing.JSON,
                        "GitHub organization or enterprise audit log: the streamed export (JSON lines) or GET /orgs/{org}/audit-log pages (JSON arrays)",
                        f -> new GitHubAuditParser(new SecretIds(f))));
        register(
                new FormatSpec(
                        "github-pats",
                        "github",
                        Framing.JSON,
                        "fine-grained personal access tokens with access to an organization: GET /orgs/{org}/personal-access-tokens",
                        f -> new FineGrainedTokensParser()));
        register(
                new FormatSpec(
                        "github-pat-requests",
                        "github",
                        Framing.JSON,
                        "requests for fine-grained personal access tokens an organization has not approved yet: GET /orgs/{org}/personal-access-token-requests",
                        f -> new FineGrainedTokensParser(true)));
        register(
                new FormatSpec(
                        "github-deploy-keys",
                        "github",
                        Framing.JSON,
                        "deploy keys of a repository: GET /repos/{owner}/{repo}/keys",
                        f -> new DeployKeysParser()));
        register(
                new FormatSpec(
                        GitHubAppInstallationsParser.SOURCE,
                        "github",
                        Framing.JSON,
                        "GitHub Apps installed in an organization: GET /orgs/{org}/installations",
                        f -> new GitHubAppInstallationsParser()));
        register(
                new FormatSpec(
                        SystemLogParser.SOURCE,
                        "okta",
                        Framing.JSON,
                        "Okta System Log events: GET /api/v1/logs output, one event per line, or event hook deliveries",
                        f -> new SystemLogParser()));
        register(
                new FormatSpec(
                        ApiTokensParser.SOURCE,
                        "okta",
                        Framing.JSON,
                        "output of Okta's GET /api/v1/api-tokens (API token metadata)",
                        f -> new ApiTokensParser()));
        register(
                new FormatSpec(
                        UsersParser.SOURCE,
                        "okta",
                        Framing.JSON,
                        "output of Okta's GET /api/v1/users, an array or one user per line",
                        f -> new UsersParser()));
        register(
                new FormatSpec(
                        HrPeopleParser.SOURCE,
                        "hr",
                        Framing.WHOLE_FILE,
                        "the HR directory: CSV with the header person_id,email,name,status,manager_email,department,end_date,aliases, or JSON lines with those fields",
                        f -> new HrPeopleParser()));
        register(
                new FormatSpec(
                        "azure-signin",
                        "azure",
                        Framing.JSON,
                        "Entra ID service principal and managed identity sign-in logs (Azure Monitor diagnostic export)",
                        f -> new SignInLogParser()));
        register(
                new FormatSpec(
                        "azure-audit",
                        "azure",
                        Framing.JSON,
                        "Entra ID audit logs: Azure Monitor diagnostic export or Graph directoryAudits",
                        f -> new EntraAuditParser()));
        register(
                new FormatSpec(
                        "azure-activity",
                        "azure",
                        Framing.JSON,
                        "Azure activity log: Azure Monitor diagnostic export or az monitor activity-log list",
                        f -> new ActivityLogParser()));
        register(
                new FormatSpec(
                        AzureMonitorParser.SOURCE,
                        "azure",
                        Framing.JSON,
                        "Azure Monitor diagnostic records of mixed categories (sign-ins, AuditLogs, the activity log), as one Event Hub receives them: each record read by the format of its category",
                        f -> new AzureMonitorParser()));
        register(
                new FormatSpec(
                        "azure-graph",
                        "azure",
                        Framing.JSON,
                        "Microsoft Graph servicePrincipals and applications listings, and app credentials",
                        f -> new GraphObjectsParser()));
        register(
                new FormatSpec(
                        "azure-key-vault",
                        "azure",
                        Framing.JSON,
                        "output of az keyvault secret list",
                        f -> new KeyVaultSecretsParser()));
        register(
                new FormatSpec(
                        "k8s-audit",
                        "k8s",
                        Framing.JSON,
                        "Kubernetes API server audit events: native audit.k8s.io/v1 (JSON lines or an EventList), GKE Cloud Audit Log entries, AKS kube-audit diagnostic records",
                        f -> new K8sAuditParser()));
        register(
                new FormatSpec(
                        "k8s-serviceaccounts",
                        "k8s",
                        Framing.JSON,
                        "output of kubectl get serviceaccounts,secrets,roles,clusterroles,rolebindings,clusterrolebindings -A -o json",
                        f -> new K8sServiceAccountsParser(f)));
        register(
                new FormatSpec(
                        AuditLogParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "Google Cloud Audit Logs entries: one per line, a gcloud logging read --format=json array, or a Logging API {\"entries\":[...]} response",
                        f -> new AuditLogParser()));
        register(
                new FormatSpec(
                        GcpServiceAccountsParser.SOURCE,
                        "gcp",
                        Framing.JSON,
                        "output of gcloud iam service-accounts list --format=json or projects.serviceAccounts.list",
                        f -> new GcpServiceAccountsParser()));
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
