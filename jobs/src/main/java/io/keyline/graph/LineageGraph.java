package io.keyline.graph;

import java.util.Locale;

/**
 * The vocabulary of the lineage graph: the kinds of vertices, the relations between them, and the
 * principals too widely trusted to tie identities together.
 */
public final class LineageGraph {

    public static final String CREDENTIAL = "credential";
    public static final String IDENTITY = "identity";
    public static final String LOCATION = "location";
    public static final String CONSUMER = "consumer";
    public static final String RESOURCE = "resource";
    public static final String PERSON = "person";

    /** A credential authenticates as its identity. */
    public static final String AUTHENTICATES = "authenticates";

    /** A credential is stored at a location. */
    public static final String STORED_AT = "stored-at";

    /** A credential is used by a consumer (an address, an agent, a workload). */
    public static final String CONSUMED_BY = "consumed-by";

    /** A credential can reach a resource (granted, observed, or both). */
    public static final String CAN_REACH = "can-reach";

    /** An identity trusts a principal to act as it (assume a role, federate, impersonate). */
    public static final String TRUSTS = "trusts";

    /** A credential or identity is owned by a person. */
    public static final String OWNED_BY = "owned-by";

    /** The access of an identity reached through a trust: the origin can act as it. */
    public static final String ASSUME = "assume";

    static final String PATH_SEPARATOR = " -> ";

    private LineageGraph() {}

    /**
     * True for a principal that stands for many callers rather than one: a cloud service ({@code
     * lambda.amazonaws.com}), an account's root ({@code arn:aws:iam::123456789012:root}, which any
     * principal of that account may use when its own policy allows), an OIDC or SAML provider, or a
     * wildcard. Trusts in such a principal are real edges and are followed for reach, but they do
     * not tie identities into one cluster: every Lambda role of an account would otherwise be one.
     */
    public static boolean isSharedPrincipal(String id) {
        if (id == null || id.isEmpty()) {
            return true;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        return lower.equals("*")
                || lower.endsWith(".amazonaws.com")
                || lower.endsWith(".amazonaws.com.cn")
                || (lower.startsWith("arn:aws") && lower.endsWith(":root"))
                || lower.contains(":oidc-provider/")
                || lower.contains(":saml-provider/")
                || lower.equals("allusers")
                || lower.equals("allauthenticatedusers")
                || lower.startsWith("principalset:");
    }
}
