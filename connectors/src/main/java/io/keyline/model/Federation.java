package io.keyline.model;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The canonical id of the principal behind a federated token (OIDC or SAML), from the token's
 * issuer and subject, so that a cloud role, service principal or service account that trusts it
 * meets the identity in its home system.
 *
 * <ul>
 *   <li>Okta ({@code https://<org>.okta.com...} or {@code http://www.okta.com/...}): the Okta user
 *       of that login, {@code okta:user:<login>}; or, for a token an OAuth service app took with
 *       the client-credentials grant, whose subject is the app's client id ({@code 0oa} and 17
 *       letters or digits), that app, {@code okta:<org>:app:<clientId>}, the org being the first of
 *       the issuer's Okta-hosted domain ({@link #oktaOrg}).
 *   <li>GitHub Actions ({@code https://token.actions.githubusercontent.com}, subject {@code
 *       repo:<owner>/<repo>:...}): {@code github:actions:<owner>/<repo>}.
 *   <li>Kubernetes service account subjects ({@code system:serviceaccount:<ns>:<name>}) of a
 *       cluster issuer: {@code k8s:sa:<cluster>/<ns>/<name>} with the cluster given by the caller.
 *   <li>Anything else: {@code oidc:<issuer host and path>/<subject>}.
 * </ul>
 */
@PublicEvolving
public final class Federation {

    public static final String GITHUB_ACTIONS_ISSUER =
            "https://token.actions.githubusercontent.com";

    /** The domains Okta hosts orgs under: an org's host is its name and one of these. */
    private static final String[] OKTA_DOMAINS = {
        ".okta.com", ".oktapreview.com", ".okta-emea.com", ".okta-gov.com"
    };

    /** Okta's OAuth client ids: {@code 0oa} and 17 letters or digits. */
    private static final Pattern OKTA_CLIENT_ID = Pattern.compile("0oa[A-Za-z0-9]{17}");

    private Federation() {}

    /** True for an issuer of Okta, an org's own ({@code acme.okta.com}) or Okta's SAML one. */
    public static boolean isOkta(String issuer) {
        String host = host(issuer);
        return host != null && oktaOrg(host) != null;
    }

    /**
     * The org an Okta-hosted domain names, the host without Okta's domain ({@code acme.okta.com}:
     * {@code acme}), or null for any other host.
     */
    public static String oktaOrg(String host) {
        for (String domain : OKTA_DOMAINS) {
            if (host.endsWith(domain) && host.length() > domain.length()) {
                return host.substring(0, host.length() - domain.length());
            }
        }
        return null;
    }

    /** The upstream principal of a token of {@code issuer} for {@code subject}, or null. */
    public static String upstream(String issuer, String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        String sub = subject.trim();
        if (isOkta(issuer)) {
            return OKTA_CLIENT_ID.matcher(sub).matches()
                    ? CanonicalIds.oktaApp(oktaOrg(host(issuer)), sub)
                    : CanonicalIds.oktaUser(sub);
        }
        if (issuer != null && issuer.startsWith(GITHUB_ACTIONS_ISSUER)) {
            return githubActions(sub);
        }
        String host = host(issuer);
        String base = host == null ? "unknown" : stripScheme(issuer);
        return "oidc:" + base + "/" + sub;
    }

    /** The workflow identity of a GitHub Actions subject ({@code repo:owner/repo:ref:...}). */
    public static String githubActions(String subject) {
        String s = subject;
        if (s.startsWith("repo:")) {
            s = s.substring("repo:".length());
            int colon = s.indexOf(':');
            if (colon > 0) {
                s = s.substring(0, colon);
            }
        }
        return CanonicalIds.githubActions(s);
    }

    private static String host(String issuer) {
        if (issuer == null) {
            return null;
        }
        String rest = stripScheme(issuer);
        int slash = rest.indexOf('/');
        String host = slash < 0 ? rest : rest.substring(0, slash);
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    private static String stripScheme(String issuer) {
        String s = issuer.trim();
        int scheme = s.indexOf("://");
        s = scheme < 0 ? s : s.substring(scheme + 3);
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
