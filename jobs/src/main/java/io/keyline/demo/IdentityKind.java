package io.keyline.demo;

/** What an identity of the estate is: an IAM user or one of the kinds of role. */
enum IdentityKind {
    /** A service user with long-term access keys (or a break-glass user). */
    USER,
    /** A role assumed by Lambda, EC2 or ECS tasks. */
    SERVICE_ROLE,
    /** A role that trusts another account's root. */
    CROSS_ACCOUNT_ROLE,
    /** A role that trusts GitHub Actions' OIDC provider. */
    CI_ROLE,
    /** The IAM Identity Center administrator role of an account. */
    SSO_ROLE;

    boolean isRole() {
        return this != USER;
    }
}
