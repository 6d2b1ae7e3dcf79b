package io.keyline.model;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The one owner of Keyline's id scheme: stable, globally unique, readable ids for credentials and
 * principals, so that facts from different sources about the same thing meet under one key.
 *
 * <ul>
 *   <li>AWS principals: their ARN, with the IAM path removed ({@code
 *       arn:aws:iam::123456789012:user/alice}); an assumed-role session maps to its role.
 *   <li>AWS access keys: {@code aws:access-key:AKIA...}.
 *   <li>GCP: {@code gcp:sa:<email>}, {@code gcp:sa-key:<email>/<keyId>}.
 *   <li>Azure: {@code azure:sp:<tenant>/<appId>}, {@code azure:sp-secret:<appId>/<keyId>}.
 *   <li>Okta: {@code okta:<org>:api-token:<id>}, {@code okta:user:<login>}, {@code
 *       okta:<org>:app:<clientId>}, {@code okta:<org>:group:<groupId>}.
 *   <li>GitHub: {@code github:token:<hashed_token>}, GitHub's own base64 SHA-256 of the token.
 *   <li>Kubernetes: {@code k8s:sa:<cluster>/<namespace>/<name>}.
 *   <li>A secret known only by its keyed fingerprint: {@code fp:<fingerprint>}.
 * </ul>
 *
 * <p>IAM user, role and group names are unique within an account whatever their path, and several
 * sources (access key listings, the credential report) name a user without its path; dropping the
 * path is what lets all of them meet.
 */
@PublicEvolving
public final class CanonicalIds {

    private static final Pattern AWS_KEY_ID =
            Pattern.compile("^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}$");
    private static final Pattern AWS_KEY_ID_SHAPE = Pattern.compile("^\\w{4,128}$");
    private static final Pattern AWS_ARN =
            Pattern.compile(
                    "^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):([a-z0-9-]*):([a-z0-9-]*):([^:]*):(.*)$");

    private CanonicalIds() {}

    /** True for an AWS access key id (long-term {@code AKIA...} or temporary {@code ASIA...}). */
    public static boolean isAwsAccessKeyId(String keyId) {
        return keyId != null && AWS_KEY_ID.matcher(keyId).matches();
    }

    /** True for a temporary (session) access key id, {@code ASIA...}. */
    public static boolean isAwsSessionKeyId(String keyId) {
        return isAwsAccessKeyId(keyId) && keyId.startsWith("ASIA");
    }

    /**
     * An access key id as a source gives it, or null when it is blank or cannot be one: AWS
     * documents key ids as 16 to 128 word characters, but logs and samples also carry shorter
     * placeholders ({@code EXAMPLE_KEY_ID}), which are kept as the ids the source used.
     */
    public static String awsAccessKeyIdOrNull(String keyId) {
        if (keyId == null) {
            return null;
        }
        String id = keyId.trim();
        return AWS_KEY_ID_SHAPE.matcher(id).matches() ? id : null;
    }

    public static String awsAccessKey(String keyId) {
        return "aws:access-key:" + keyId;
    }

    public static String awsUser(String account, String name) {
        return "arn:aws:iam::" + account + ":user/" + lastPathSegment(name);
    }

    public static String awsRole(String account, String name) {
        return "arn:aws:iam::" + account + ":role/" + lastPathSegment(name);
    }

    public static String awsGroup(String account, String name) {
        return "arn:aws:iam::" + account + ":group/" + lastPathSegment(name);
    }

    /** An inline policy of a user, role or group: {@code <principal ARN>/inline-policy/<name>}. */
    public static String awsInlinePolicy(String principalArn, String policyName) {
        return principalArn + "/inline-policy/" + policyName;
    }

    public static String awsRoot(String account) {
        return "arn:aws:iam::" + account + ":root";
    }

    /**
     * The canonical id of an AWS principal ARN: IAM paths removed, an STS assumed-role session
     * mapped to its role, anything else returned as it is. Returns null for null or blank input.
     */
    public static String awsPrincipal(String arn) {
        if (arn == null || arn.isBlank()) {
            return null;
        }
        var m = AWS_ARN.matcher(arn);
        if (!m.matches()) {
            return arn;
        }
        String partition = m.group(1);
        String service = m.group(2);
        String account = m.group(4);
        String resource = m.group(5);
        String prefix = "arn:" + partition + ":iam::" + account + ":";
        if ("iam".equals(service)) {
            int slash = resource.indexOf('/');
            if (slash > 0) {
                String type = resource.substring(0, slash);
                if (type.equals("user") || type.equals("role") || type.equals("group")) {
                    return prefix + type + "/" + lastPathSegment(resource.substring(slash + 1));
                }
            }
            return arn;
        }
        if ("sts".equals(service) && resource.startsWith("assumed-role/")) {
            String rest = resource.substring("assumed-role/".length());
            int slash = rest.indexOf('/');
            String role = slash < 0 ? rest : rest.substring(0, slash);
            return prefix + "role/" + role;
        }
        return arn;
    }

    /**
     * The kind of principal a canonical id names, where the id tells: {@code user}, {@code role},
     * {@code group} or {@code root} for AWS principals; null otherwise.
     */
    public static String principalTypeOf(String id) {
        if (id == null || !id.startsWith("arn:")) {
            return null;
        }
        if (id.endsWith(":root")) {
            return "root";
        }
        for (String type : new String[] {"user", "role", "group"}) {
            if (id.contains(":iam::") && id.contains(":" + type + "/")) {
                return type;
            }
        }
        return null;
    }

    /** The readable name in a canonical id: the last segment of an ARN's resource, else null. */
    public static String principalNameOf(String id) {
        String type = principalTypeOf(id);
        if (type == null || type.equals("root")) {
            return null;
        }
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** The account of an AWS ARN, or null when it is not an ARN or has none. */
    public static String awsAccountOf(String arn) {
        if (arn == null) {
            return null;
        }
        var m = AWS_ARN.matcher(arn);
        if (!m.matches() || m.group(4).isEmpty()) {
            return null;
        }
        return m.group(4);
    }

    /** The session name of an assumed-role ARN ({@code .../assumed-role/Role/session}), or null. */
    public static String awsSessionName(String arn) {
        if (arn == null) {
            return null;
        }
        int at = arn.indexOf(":assumed-role/");
        if (at < 0) {
            return null;
        }
        String rest = arn.substring(at + ":assumed-role/".length());
        int slash = rest.indexOf('/');
        return slash < 0 || slash == rest.length() - 1 ? null : rest.substring(slash + 1);
    }

    public static String gcpServiceAccount(String email) {
        return "gcp:sa:" + email.toLowerCase(Locale.ROOT);
    }

    public static String gcpServiceAccountKey(String email, String keyId) {
        return "gcp:sa-key:" + email.toLowerCase(Locale.ROOT) + "/" + keyId;
    }

    /** A GCP Secret Manager secret: {@code gcp:secret:projects/<p>/secrets/<name>}. */
    public static String gcpSecret(String resourceName) {
        return "gcp:secret:" + resourceName;
    }

    public static String azureServicePrincipal(String tenant, String appId) {
        return "azure:sp:" + tenant.toLowerCase(Locale.ROOT) + "/" + appId.toLowerCase(Locale.ROOT);
    }

    public static String azureServicePrincipalSecret(String appId, String keyId) {
        return "azure:sp-secret:"
                + appId.toLowerCase(Locale.ROOT)
                + "/"
                + keyId.toLowerCase(Locale.ROOT);
    }

    /** An Azure app or service principal certificate: {@code azure:sp-cert:<appId>/<keyId>}. */
    public static String azureServicePrincipalCertificate(String appId, String keyId) {
        return "azure:sp-cert:"
                + appId.toLowerCase(Locale.ROOT)
                + "/"
                + keyId.toLowerCase(Locale.ROOT);
    }

    /** An Azure Key Vault secret: {@code azure:kv-secret:<vault>/<name>}. */
    public static String azureKeyVaultSecret(String vault, String name) {
        return "azure:kv-secret:" + vault.toLowerCase(Locale.ROOT) + "/" + name;
    }

    public static String oktaApiToken(String org, String tokenId) {
        return "okta:" + org.toLowerCase(Locale.ROOT) + ":api-token:" + tokenId;
    }

    /**
     * An Okta user, service users included, by login: {@code okta:user:<login>}. The login, not the
     * org, makes it unique, so that a cloud principal that trusts a token Okta issued for that
     * login (whose issuer need not name the org) meets the user.
     */
    public static String oktaUser(String login) {
        return "okta:user:" + login.trim().toLowerCase(Locale.ROOT);
    }

    /** An Okta OAuth service app by client id: {@code okta:<org>:app:<clientId>}. */
    public static String oktaApp(String org, String clientId) {
        return "okta:" + org.toLowerCase(Locale.ROOT) + ":app:" + clientId;
    }

    /** An Okta group, which admin roles can be assigned to: {@code okta:<org>:group:<groupId>}. */
    public static String oktaGroup(String org, String groupId) {
        return "okta:" + org.toLowerCase(Locale.ROOT) + ":group:" + groupId;
    }

    public static String githubToken(String hashedToken) {
        return "github:token:" + hashedToken;
    }

    /**
     * A fine-grained personal access token as the organization's token listing names it, by its
     * token id: {@code github:pat:<org>/<id>}. The listing carries no hash of the token.
     */
    public static String githubPat(String org, String tokenId) {
        return "github:pat:" + org.toLowerCase(Locale.ROOT) + "/" + tokenId;
    }

    /** A deploy key of a repository: {@code github:deploy-key:<owner>/<repo>/<id>}. */
    public static String githubDeployKey(String repository, String keyId) {
        return "github:deploy-key:" + repository.toLowerCase(Locale.ROOT) + "/" + keyId;
    }

    /** A GitHub App, by its slug or id: {@code github:app:<app>}. */
    public static String githubApp(String app) {
        return "github:app:" + app.toLowerCase(Locale.ROOT);
    }

    /**
     * The workflows of a repository as an identity that federates: {@code github:actions:<repo>}.
     */
    public static String githubActions(String repository) {
        return "github:actions:" + repository.toLowerCase(Locale.ROOT);
    }

    /** A GitHub user account, when it acts as a machine identity: {@code github:user:<login>}. */
    public static String githubUser(String login) {
        return "github:user:" + login.toLowerCase(Locale.ROOT);
    }

    /**
     * A repository as the identity its deploy keys authenticate: {@code
     * github:repo:<owner>/<repo>}.
     */
    public static String githubRepo(String repository) {
        return "github:repo:" + repository.toLowerCase(Locale.ROOT);
    }

    /**
     * An SSH key of a user account, by the fingerprint GitHub's audit log gives it (the key has no
     * id there): {@code github:ssh-key:<login>/<fingerprint>}.
     */
    public static String githubSshKey(String login, String fingerprint) {
        return "github:ssh-key:" + login.toLowerCase(Locale.ROOT) + "/" + fingerprint;
    }

    public static String k8sServiceAccount(String cluster, String namespace, String name) {
        return "k8s:sa:" + cluster + "/" + namespace + "/" + name;
    }

    /** A Kubernetes service-account token secret: {@code k8s:sa-token:<cluster>/<ns>/<secret>}. */
    public static String k8sServiceAccountToken(String cluster, String namespace, String secret) {
        return "k8s:sa-token:" + cluster + "/" + namespace + "/" + secret;
    }

    /** A Vault token by its accessor (never the token): {@code vault:token:<accessor>}. */
    public static String vaultToken(String accessor) {
        return "vault:token:" + accessor;
    }

    /** A Vault identity entity: {@code vault:entity:<id>}. */
    public static String vaultEntity(String entityId) {
        return "vault:entity:" + entityId;
    }

    /**
     * The principal of a Vault token that has no identity entity, by the display name Vault gives
     * the token (the auth mount and the login name, {@code kubernetes-payments-api}, or {@code
     * root}): {@code vault:auth:<display name>}.
     */
    public static String vaultAuth(String displayName) {
        return "vault:auth:" + displayName;
    }

    /** A Vault ACL policy by name, as a granted resource: {@code vault:policy:<name>}. */
    public static String vaultPolicy(String name) {
        return "vault:policy:" + name;
    }

    /** An AWS Secrets Manager secret known by its ARN only: {@code aws:secret:<arn>}. */
    public static String awsSecret(String arn) {
        return "aws:secret:" + arn;
    }

    public static String fingerprint(String fingerprint) {
        return "fp:" + fingerprint;
    }

    /**
     * The system an id belongs to: {@code aws}, {@code gcp}, {@code azure}, {@code okta}, {@code
     * github}, {@code k8s}, {@code vault}, {@code oidc}, or {@code unknown}.
     */
    public static String systemOf(String id) {
        if (id == null) {
            return "unknown";
        }
        if (id.startsWith("arn:") || id.startsWith("aws:")) {
            return "aws";
        }
        int colon = id.indexOf(':');
        if (colon > 0) {
            String prefix = id.substring(0, colon);
            switch (prefix) {
                case "gcp":
                case "azure":
                case "okta":
                case "github":
                case "k8s":
                case "vault":
                case "oidc":
                    return prefix;
                default:
                    return "unknown";
            }
        }
        return "unknown";
    }

    /**
     * The credential type a canonical credential id tells by its prefix, or null when it does not
     * tell (a fingerprint, a GitHub token hash, a principal).
     */
    public static String credentialTypeOf(String id) {
        for (String[] prefix : TYPE_PREFIXES) {
            if (id.startsWith(prefix[0])) {
                return prefix[1];
            }
        }
        if (id.startsWith("okta:") && id.contains(":api-token:")) {
            return CredentialTypes.OKTA_API_TOKEN;
        }
        return null;
    }

    private static final String[][] TYPE_PREFIXES = {
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

    private static String lastPathSegment(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
