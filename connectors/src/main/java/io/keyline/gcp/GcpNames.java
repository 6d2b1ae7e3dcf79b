package io.keyline.gcp;

import java.util.Locale;

/**
 * Reads the resource names Google Cloud writes: service-account e-mail addresses, {@code
 * projects/P/serviceAccounts/SA[/keys/KEY]} paths (also with the {@code //iam.googleapis.com/}
 * prefix of a full resource name), {@code projects/P/secrets/S} and the project of a log name.
 */
final class GcpNames {

    private static final String SERVICE_ACCOUNTS = "serviceAccounts/";
    private static final String KEYS = "/keys/";
    private static final String SA_DOMAIN = "gserviceaccount.com";
    private static final String IAM_DOMAIN = ".iam." + SA_DOMAIN;

    /**
     * A service account key named by its resource name.
     *
     * @param project the project in the name, or null for {@code -}
     * @param serviceAccount the service account in the name: an e-mail address or a unique id
     * @param keyId the key id, the last segment
     */
    record KeyName(String project, String serviceAccount, String keyId) {}

    private GcpNames() {}

    /** True for a service account's e-mail address ({@code ...gserviceaccount.com}). */
    static boolean isServiceAccount(String email) {
        if (email == null) {
            return false;
        }
        int at = email.indexOf('@');
        String domain = at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
        return at > 0
                && email.indexOf('@', at + 1) < 0
                && (domain.equals(SA_DOMAIN) || domain.endsWith("." + SA_DOMAIN));
    }

    /**
     * The service account e-mail address in a {@code .../serviceAccounts/<email>...} path or a
     * {@code serviceAccount:<email>} member, or null when the path names none (or names it by its
     * unique id).
     */
    static String serviceAccountIn(String name) {
        if (name == null) {
            return null;
        }
        String candidate;
        if (name.startsWith("serviceAccount:")) {
            candidate = name.substring("serviceAccount:".length());
        } else {
            int at = name.indexOf(SERVICE_ACCOUNTS);
            if (at < 0) {
                return isServiceAccount(name) ? name : null;
            }
            String rest = name.substring(at + SERVICE_ACCOUNTS.length());
            int slash = rest.indexOf('/');
            candidate = slash < 0 ? rest : rest.substring(0, slash);
        }
        return isServiceAccount(candidate) ? candidate : null;
    }

    /** The parts of a key's name, or null when it is not {@code .../serviceAccounts/SA/keys/ID}. */
    static KeyName keyName(String name) {
        if (name == null) {
            return null;
        }
        int sa = name.indexOf(SERVICE_ACCOUNTS);
        int keys = name.lastIndexOf(KEYS);
        if (sa < 0 || keys < sa) {
            return null;
        }
        String account = name.substring(sa + SERVICE_ACCOUNTS.length(), keys);
        String keyId = name.substring(keys + KEYS.length());
        if (account.isEmpty()
                || account.contains("/")
                || keyId.isEmpty()
                || keyId.contains("/")
                || keyId.length() > 256) {
            return null;
        }
        return new KeyName(projectIn(name), account, keyId);
    }

    /**
     * The project of a {@code projects/<p>/...} name, or null (also for the wildcard {@code -}).
     */
    static String projectIn(String name) {
        if (name == null) {
            return null;
        }
        int at = name.indexOf("projects/");
        if (at < 0 || (at > 0 && name.charAt(at - 1) != '/')) {
            return null;
        }
        String rest = name.substring(at + "projects/".length());
        int slash = rest.indexOf('/');
        String project = slash < 0 ? rest : rest.substring(0, slash);
        return project.isEmpty() || project.equals("-") ? null : project;
    }

    /**
     * The project, organization, folder or billing account a log name belongs to: the project id
     * for {@code projects/<p>/logs/...}, else {@code organizations/<n>} and the like; null when it
     * is none of these.
     */
    static String ownerOfLogName(String logName) {
        if (logName == null) {
            return null;
        }
        String[] parts = logName.split("/", 4);
        if (parts.length < 3 || parts[1].isEmpty() || !parts[2].equals("logs")) {
            return null;
        }
        switch (parts[0]) {
            case "projects":
                return parts[1];
            case "organizations":
            case "folders":
            case "billingAccounts":
                return parts[0] + "/" + parts[1];
            default:
                return null;
        }
    }

    /** The project of a {@code <name>@<project>.iam.gserviceaccount.com} address, or null. */
    static String projectOfServiceAccount(String email) {
        if (email == null) {
            return null;
        }
        String lower = email.toLowerCase(Locale.ROOT);
        int at = lower.indexOf('@');
        if (at < 0 || !lower.endsWith(IAM_DOMAIN)) {
            return null;
        }
        String project = lower.substring(at + 1, lower.length() - IAM_DOMAIN.length());
        return project.isEmpty() || project.contains(".") ? null : project;
    }

    /** The part of an e-mail address before the {@code @}. */
    static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    /** The last segment of a path. */
    static String lastSegment(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
