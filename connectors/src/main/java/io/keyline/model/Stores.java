package io.keyline.model;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The kinds of place a credential can be stored ({@link Location#getStore()}), and which of them
 * are managed: a secret store with access control and audit. A credential found anywhere else is
 * exposed.
 */
@PublicEvolving
public final class Stores {

    public static final String VAULT = "vault";
    public static final String AWS_SECRETS_MANAGER = "aws-secrets-manager";
    public static final String GCP_SECRET_MANAGER = "gcp-secret-manager";
    public static final String AZURE_KEY_VAULT = "azure-key-vault";
    public static final String K8S_SECRET = "k8s-secret";
    public static final String GITHUB_ACTIONS_SECRET = "github-actions-secret";

    public static final String REPO_FILE = "repo-file";
    public static final String ENV_FILE = "env-file";
    public static final String CI_LOG = "ci-log";
    public static final String CHAT = "chat";
    public static final String LAPTOP = "laptop";
    public static final String MCP_CONFIG = "mcp-config";

    /** A wiki page, ticket, shared document or API workspace (Confluence, Jira, Google Drive). */
    public static final String DOCUMENT = "document";

    private static final Set<String> MANAGED =
            Set.of(
                    VAULT,
                    AWS_SECRETS_MANAGER,
                    GCP_SECRET_MANAGER,
                    AZURE_KEY_VAULT,
                    K8S_SECRET,
                    GITHUB_ACTIONS_SECRET);

    /** A Jenkins build's console log, {@code <jenkins home>/jobs/<job>/builds/<n>/log}. */
    private static final Pattern JENKINS_BUILD_LOG =
            Pattern.compile("(^|/)jobs/[^/]+/builds/\\d+/log$");

    private Stores() {}

    /** True for a managed secret store; false for every other place, known or not. */
    public static boolean isManaged(String store) {
        return store != null && MANAGED.contains(store);
    }

    /**
     * The kind of place a file path found by a scanner is: an MCP server configuration, a laptop's
     * home folder, a CI log, a chat export, a {@code .env} file, or else a file of a repository.
     */
    public static String ofFilePath(String path) {
        if (path == null) {
            return REPO_FILE;
        }
        String p = path.replace('\\', '/').toLowerCase(Locale.ROOT);
        String name = p.substring(p.lastIndexOf('/') + 1);
        if (name.equals("mcp.json")
                || name.equals(".mcp.json")
                || name.equals("claude_desktop_config.json")
                || name.equals("mcp_config.json")
                || p.contains("/.cursor/mcp")
                || p.contains("/mcp-servers/")) {
            return MCP_CONFIG;
        }
        if (p.startsWith("/users/")
                || p.startsWith("/home/")
                || p.startsWith("c:/users/")
                || p.startsWith("~/")) {
            return LAPTOP;
        }
        if (p.contains("/actions/runs/")
                || p.contains("/job-logs/")
                || p.contains("/ci-logs/")
                || p.contains("/builds/") && name.endsWith(".log")
                || JENKINS_BUILD_LOG.matcher(p).find()
                || name.endsWith(".log") && p.contains("ci")) {
            return CI_LOG;
        }
        if (p.contains("slack-export") || p.contains("/chat/") || p.contains("teams-export")) {
            return CHAT;
        }
        if (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env")) {
            return ENV_FILE;
        }
        return REPO_FILE;
    }
}
