package io.keyline.gcp;

import io.keyline.model.CanonicalIds;
import io.keyline.model.Federation;
import java.util.Locale;

/**
 * The canonical ids of the principals Google Cloud names in policy members ({@code
 * serviceAccount:<email>}, {@code principal://...}, {@code principalSet://...}) and in the {@code
 * principalSubject} of audit logs.
 *
 * <p>A workload identity federation subject, {@code principal://iam.googleapis.com/projects/N/
 * locations/global/workloadIdentityPools/<pool>/subject/<subject>}, is mapped to the identity it
 * stands for in its home system when the pool's name tells the system: a pool named after Okta
 * gives the Okta user of that login, one named after GitHub the workflows of the repository of a
 * GitHub Actions subject. Any other principal, and every {@code principalSet://} (a set of
 * subjects, such as every workflow of a repository), is kept as it is written.
 */
final class GcpPrincipals {

    private static final String PRINCIPAL = "principal://";
    private static final String PRINCIPAL_SET = "principalSet://";
    private static final String SUBJECT = "/subject/";

    private GcpPrincipals() {}

    /**
     * The canonical id of a policy member or principal subject that is a service account or a
     * federated principal; null for people, groups, domains, deleted members and the like.
     */
    static String of(String member) {
        if (member == null || member.isBlank()) {
            return null;
        }
        String m = member.trim();
        if (m.startsWith("serviceAccount:")) {
            String email = GcpNames.serviceAccountIn(m);
            return email == null ? null : CanonicalIds.gcpServiceAccount(email);
        }
        return federated(m);
    }

    /**
     * The canonical id of a {@code principal://} or {@code principalSet://} identifier, or null.
     */
    static String federated(String principal) {
        if (principal == null) {
            return null;
        }
        if (principal.startsWith(PRINCIPAL_SET)) {
            return principal;
        }
        if (!principal.startsWith(PRINCIPAL)) {
            return null;
        }
        int at = principal.indexOf(SUBJECT);
        String pool = pool(principal);
        if (at < 0 || pool == null) {
            return principal;
        }
        String subject = principal.substring(at + SUBJECT.length());
        if (subject.isBlank()) {
            return principal;
        }
        String p = pool.toLowerCase(Locale.ROOT);
        if (p.contains("okta")) {
            return CanonicalIds.oktaUser(subject);
        }
        if (p.contains("github")) {
            return Federation.githubActions(subject);
        }
        return principal;
    }

    /** The pool segment of a workload or workforce identity principal, or null. */
    private static String pool(String principal) {
        for (String marker : new String[] {"/workloadIdentityPools/", "/workforcePools/"}) {
            int at = principal.indexOf(marker);
            if (at >= 0) {
                String rest = principal.substring(at + marker.length());
                int slash = rest.indexOf('/');
                String pool = slash < 0 ? rest : rest.substring(0, slash);
                return pool.isEmpty() ? null : pool;
            }
        }
        return null;
    }
}
