package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.model.Actors;
import io.keyline.model.CanonicalIds;
import java.util.regex.Pattern;

/**
 * Who made a CloudTrail call, from its {@code userIdentity}: the identity it counts for, the
 * long-term access key it was made with, and the actor to name when it changes something.
 *
 * <p>Temporary {@code ASIA...} keys are sessions: a call made with one counts for the role or user
 * behind the session, never for the session key. A person acting through an IAM Identity Center
 * (SSO) role session, or through an IAM user named by an e-mail address, is named as the actor by
 * that address, so that owners can be people.
 *
 * @param type the {@code userIdentity.type}
 * @param identityId the canonical id of the identity the call counts for, or null (a service, an
 *     external web identity, another account's unknown principal)
 * @param keyId the long-term access key the call was made with, or null
 * @param session the role session name or temporary key id, or null
 * @param workload the workload the session stands for ({@code ec2:i-...}, {@code session:name}), or
 *     null
 * @param actor who acted: a person's login when known, else the principal
 * @param principal the raw principal ARN, or null
 * @param account the caller's account
 */
record CloudTrailCaller(
        String type,
        String identityId,
        String keyId,
        String session,
        String workload,
        String actor,
        String principal,
        String account) {

    private static final Pattern EC2_INSTANCE = Pattern.compile("^i-[0-9a-f]{8,17}$");

    /** True when the call counts as a use of an identity or key of the estate. */
    boolean countsAsUse() {
        return identityId != null || keyId != null;
    }

    static CloudTrailCaller of(JsonNode identity) {
        String type = Json.text(identity, "type");
        String arn = Json.text(identity, "arn");
        String account = Json.text(identity, "accountId");
        String userName = Json.text(identity, "userName");
        String rawKey = CanonicalIds.awsAccessKeyIdOrNull(Json.text(identity, "accessKeyId"));
        boolean sessionKey = rawKey != null && rawKey.startsWith("ASIA");
        String keyId = sessionKey ? null : rawKey;
        String sessionId = sessionKey ? rawKey : null;
        if (type == null) {
            type = "Unknown";
        }
        switch (type) {
            case "IAMUser":
                {
                    String user =
                            arn != null
                                    ? CanonicalIds.awsPrincipal(arn)
                                    : (account != null && userName != null
                                            ? CanonicalIds.awsUser(account, userName)
                                            : null);
                    String actor = Actors.isPerson(userName) ? userName : user;
                    return new CloudTrailCaller(
                            type, user, keyId, sessionId, null, actor, arn, account);
                }
            case "Root":
                {
                    String root =
                            account != null
                                    ? CanonicalIds.awsRoot(account)
                                    : CanonicalIds.awsPrincipal(arn);
                    return new CloudTrailCaller(
                            type, root, keyId, sessionId, null, root, arn, account);
                }
            case "AssumedRole":
                return assumedRole(identity, arn, account, rawKey);
            case "FederatedUser":
                {
                    String issuer = Json.text(identity, "sessionContext", "sessionIssuer", "arn");
                    String behind =
                            issuer != null
                                    ? CanonicalIds.awsPrincipal(issuer)
                                    : CanonicalIds.awsPrincipal(arn);
                    String name = arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
                    return new CloudTrailCaller(
                            type,
                            behind,
                            null,
                            rawKey,
                            name == null ? null : "federated:" + name,
                            behind,
                            arn,
                            account);
                }
            case "AWSAccount":
                // Another account's principal; only its key, if any, is known.
                return new CloudTrailCaller(
                        type,
                        null,
                        keyId,
                        sessionId,
                        null,
                        account == null ? null : CanonicalIds.awsRoot(account),
                        arn,
                        account);
            case "AWSService":
                return new CloudTrailCaller(
                        type,
                        null,
                        null,
                        null,
                        null,
                        Json.text(identity, "invokedBy"),
                        null,
                        account);
            case "WebIdentityUser":
            case "SAMLUser":
                {
                    String provider = Json.text(identity, "identityProvider");
                    String actor =
                            provider == null
                                    ? userName
                                    : provider + (userName == null ? "" : ":" + userName);
                    return new CloudTrailCaller(type, null, null, null, null, actor, null, account);
                }
            default:
                {
                    String id = CanonicalIds.awsPrincipal(arn);
                    return new CloudTrailCaller(type, id, keyId, sessionId, null, id, arn, account);
                }
        }
    }

    private static CloudTrailCaller assumedRole(
            JsonNode identity, String arn, String account, String rawKey) {
        String issuer = Json.text(identity, "sessionContext", "sessionIssuer", "arn");
        String role =
                issuer != null ? CanonicalIds.awsPrincipal(issuer) : CanonicalIds.awsPrincipal(arn);
        String sessionName = CanonicalIds.awsSessionName(arn);
        String workload = null;
        if (sessionName != null) {
            boolean instance =
                    EC2_INSTANCE.matcher(sessionName).matches()
                            || Json.text(identity, "sessionContext", "ec2RoleDelivery") != null;
            workload = (instance ? "ec2:" : "session:") + sessionName;
        }
        String actor = Actors.isPerson(sessionName) ? sessionName : role;
        return new CloudTrailCaller(
                "AssumedRole",
                role,
                null,
                sessionName != null ? sessionName : rawKey,
                workload,
                actor,
                arn,
                account);
    }
}
