package io.keyline.kubernetes;

import io.keyline.model.CanonicalIds;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * Reads the names Kubernetes writes: user names of service accounts ({@code
 * system:serviceaccount:<ns>:<name>}), the names of objects and namespaces, and who a user name
 * stands for (a service account, a control-plane component, or anyone else).
 */
@Internal
public final class K8sNames {

    /** A service account, by namespace and name. */
    public record ServiceAccount(String namespace, String name) {
        public String id(String cluster) {
            return CanonicalIds.k8sServiceAccount(cluster, namespace, name);
        }
    }

    private static final String USER_PREFIX = "system:serviceaccount:";

    /** A malformed plural some exporters write for users; without a name it is a group. */
    private static final String PLURAL_PREFIX = "system:serviceaccounts:";

    /**
     * Object and namespace names: DNS labels and subdomains, read leniently (upper case and
     * underscores pass) but never with a slash, a colon or white space, which would break ids.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})");

    /**
     * Names of RBAC objects, which may hold colons ({@code system:auth-delegator}) but, like every
     * object name, no slash.
     */
    private static final Pattern RBAC_NAME = Pattern.compile("[^/%\\s]{1,253}");

    private K8sNames() {}

    /** True for a name that can stand in an id: no slash, colon or white space. */
    public static boolean isName(String value) {
        return value != null && NAME.matcher(value).matches();
    }

    /** True for the name of a Role, ClusterRole or binding. */
    public static boolean isRbacName(String value) {
        return value != null && RBAC_NAME.matcher(value).matches();
    }

    /**
     * The service account a user name is, or null: {@code system:serviceaccount:<ns>:<name>}, or
     * the plural {@code system:serviceaccounts:<ns>:<name>}. A namespace and a name never contain a
     * colon, so anything but exactly two names after the prefix is not a service account ({@code
     * system:serviceaccounts:<ns>} alone is the group of a namespace's accounts).
     */
    public static ServiceAccount serviceAccount(String username) {
        if (username == null) {
            return null;
        }
        String rest;
        if (username.startsWith(USER_PREFIX)) {
            rest = username.substring(USER_PREFIX.length());
        } else if (username.startsWith(PLURAL_PREFIX)) {
            rest = username.substring(PLURAL_PREFIX.length());
        } else {
            return null;
        }
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String namespace = rest.substring(0, colon);
        String name = rest.substring(colon + 1);
        return isName(namespace) && isName(name) ? new ServiceAccount(namespace, name) : null;
    }

    /**
     * True for a control-plane component or group ({@code system:kube-controller-manager}, {@code
     * system:node:<node>}, {@code system:serviceaccounts:<ns>}) that is not a service account.
     */
    public static boolean isComponent(String username) {
        return username != null
                && username.startsWith("system:")
                && serviceAccount(username) == null;
    }

    /**
     * The actor id of a user that changed something: a service account's canonical id, an AWS
     * principal's canonical ARN (EKS maps IAM principals to users), anyone else's user name in
     * lower case (an e-mail address for people on GKE and most identity providers).
     */
    public static String actor(String username, String cluster) {
        ServiceAccount account = serviceAccount(username);
        if (account != null) {
            return account.id(cluster);
        }
        String user = username.trim();
        if (user.startsWith("arn:")) {
            return CanonicalIds.awsPrincipal(user);
        }
        return user.toLowerCase(Locale.ROOT);
    }
}
