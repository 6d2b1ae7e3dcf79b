package io.keyline.demo;

import io.keyline.model.PrivilegeTier;

/**
 * Everything about one IAM role, regenerated from its identity index by {@link RolePlanner}.
 *
 * @param path the IAM path, {@code /} except for the SSO role
 * @param created creation time, epoch seconds
 * @param creator the person who created it with {@code CreateRole} in the window, or -1
 * @param principal who may assume it: a service host, an account id, or the OIDC provider host
 * @param sessionName the session name of its calls: a function name, an instance or task id
 * @param subject for CI roles, the GitHub token subject the trust policy accepts
 * @param active whether it is used in the window (the SSO role by people, cross-account roles by
 *     keys, whatever this says)
 * @param priorLastUse its last use before the window, or -1
 */
record RolePlan(
        int identity,
        int account,
        String accountId,
        IdentityKind kind,
        String name,
        String path,
        String roleId,
        long created,
        int creator,
        int grants,
        PrivilegeTier tier,
        Workload workload,
        String principal,
        String sessionName,
        String subject,
        boolean active,
        long priorLastUse,
        ManagementEvent[] events) {

    String arn() {
        return "arn:aws:iam::" + accountId + ":role" + path + name;
    }

    /** The ARN of one of its sessions. */
    String sessionArn(String session) {
        return "arn:aws:sts::" + accountId + ":assumed-role/" + name + "/" + session;
    }

    String oidcProviderArn() {
        return "arn:aws:iam::" + accountId + ":oidc-provider/" + RolePlanner.GITHUB_OIDC;
    }
}
