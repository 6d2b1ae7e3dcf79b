package io.keyline.demo;

/**
 * The {@code userIdentity} objects of CloudTrail records: an IAM user calling with its access key,
 * a role session (service, cross-account, CI, or a person's SSO session), and GitHub Actions
 * presenting its OIDC token.
 */
final class UserIdentities {

    private UserIdentities() {}

    static JsonSection iamUser(UserPlan user, KeyPlan key) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("type", "IAMUser");
            g.writeStringField("principalId", user.userId());
            g.writeStringField("arn", user.arn());
            g.writeStringField("accountId", user.accountId());
            g.writeStringField("accessKeyId", key.id());
            g.writeStringField("userName", user.name());
            g.writeEndObject();
        };
    }

    /**
     * A session of a role.
     *
     * @param created when the session was opened
     * @param federatedProvider the OIDC provider of a web-identity session, else null
     */
    static JsonSection roleSession(
            RolePlan role,
            String sessionName,
            String accessKeyId,
            long created,
            String federatedProvider) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("type", "AssumedRole");
            g.writeStringField("principalId", role.roleId() + ":" + sessionName);
            g.writeStringField("arn", role.sessionArn(sessionName));
            g.writeStringField("accountId", role.accountId());
            g.writeStringField("accessKeyId", accessKeyId);
            g.writeObjectFieldStart("sessionContext");
            g.writeObjectFieldStart("sessionIssuer");
            g.writeStringField("type", "Role");
            g.writeStringField("principalId", role.roleId());
            g.writeStringField("arn", role.arn());
            g.writeStringField("accountId", role.accountId());
            g.writeStringField("userName", role.name());
            g.writeEndObject();
            g.writeObjectFieldStart("webIdFederationData");
            if (federatedProvider != null) {
                g.writeStringField("federatedProvider", federatedProvider);
                g.writeObjectFieldStart("attributes");
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("attributes");
            g.writeStringField("creationDate", TimeFormats.iso(created));
            g.writeStringField("mfaAuthenticated", "false");
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    /** A person's IAM Identity Center session in an account, during one hour. */
    static JsonSection person(Estate e, RolePlan ssoRole, int person, long time) {
        long hour = Sessions.hour(e, time);
        String keyId = Ids.sessionKeyId(Sessions.ofPerson(e, person, ssoRole.account(), hour));
        return roleSession(ssoRole, e.email(person), keyId, Sessions.hourStart(e, hour), null);
    }

    static JsonSection webIdentity(RolePlan ciRole) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("type", "WebIdentityUser");
            g.writeStringField(
                    "principalId",
                    ciRole.oidcProviderArn() + ":sts.amazonaws.com:" + ciRole.subject());
            g.writeStringField("userName", ciRole.subject());
            g.writeStringField("identityProvider", RolePlanner.GITHUB_OIDC);
            g.writeEndObject();
        };
    }
}
