package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import io.keyline.model.Federation;
import io.keyline.model.IdentityEvent;
import io.keyline.model.PrivilegeTier;
import java.util.Locale;
import java.util.Set;

/**
 * What IAM and STS calls in CloudTrail say about the estate, beyond the use of the caller: keys
 * created, deactivated and deleted, users and roles created and deleted, policies attached, put and
 * removed, group membership, owner tags, trust policies, and roles assumed. A call that failed
 * changed nothing and yields no fact.
 */
final class CloudTrailIamFacts {

    private static final Set<String> KNOWN_WEB_IDENTITY_PROVIDERS =
            Set.of("accounts.google.com", "graph.facebook.com", "www.amazon.com");

    private CloudTrailIamFacts() {}

    static void emit(CloudTrailEvent e) {
        if (e.failed()) {
            return;
        }
        switch (e.name) {
            case "CreateAccessKey" -> createAccessKey(e);
            case "DeleteAccessKey" -> keyChange(e, EventKind.DELETED);
            case "UpdateAccessKey" -> keyChange(e, EventKind.STATUS_CHANGED);
            case "CreateUser" -> createPrincipal(e, "user");
            case "CreateRole" -> createPrincipal(e, "role");
            case "DeleteUser" -> deletePrincipal(e, "user");
            case "DeleteRole" -> deletePrincipal(e, "role");
            case "TagUser" -> tagPrincipal(e, "user");
            case "TagRole" -> tagPrincipal(e, "role");
            case "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy" -> managed(e, false);
            case "DetachUserPolicy", "DetachRolePolicy", "DetachGroupPolicy" -> managed(e, true);
            case "PutUserPolicy", "PutRolePolicy", "PutGroupPolicy" -> inline(e, false);
            case "DeleteUserPolicy", "DeleteRolePolicy", "DeleteGroupPolicy" -> inline(e, true);
            case "AddUserToGroup" -> membership(e, false);
            case "RemoveUserFromGroup" -> membership(e, true);
            case "UpdateAssumeRolePolicy" -> trustPolicy(e);
            case "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity" -> assumeRole(e);
            default -> {}
        }
    }

    private static void createAccessKey(CloudTrailEvent e) {
        JsonNode key = Json.object(e.response, "accessKey");
        String keyId = CanonicalIds.awsAccessKeyIdOrNull(Json.text(key, "accessKeyId"));
        if (keyId == null) {
            e.reject("a CreateAccessKey event names no access key id in its responseElements");
            return;
        }
        String userName = Json.text(key, "userName");
        if (userName == null) {
            userName = Json.text(e.request, "userName");
        }
        String status = normalizedStatus(Json.text(key, "status"));
        e.emit(
                e.change(EventKind.CREATED)
                        .credential(
                                CanonicalIds.awsAccessKey(keyId), CredentialTypes.AWS_ACCESS_KEY)
                        .identity(userOf(e, userName))
                        .attribute(Attributes.STATUS, status == null ? Attributes.ACTIVE : status));
    }

    private static void keyChange(CloudTrailEvent e, EventKind kind) {
        String keyId = CanonicalIds.awsAccessKeyIdOrNull(Json.text(e.request, "accessKeyId"));
        if (keyId == null) {
            e.reject("a " + e.name + " event names no access key id in its requestParameters");
            return;
        }
        IdentityEvent event =
                e.change(kind)
                        .credential(
                                CanonicalIds.awsAccessKey(keyId), CredentialTypes.AWS_ACCESS_KEY)
                        .identity(userOf(e, Json.text(e.request, "userName")));
        if (kind == EventKind.STATUS_CHANGED) {
            String status = normalizedStatus(Json.text(e.request, "status"));
            if (status == null) {
                e.reject("an UpdateAccessKey event has no status Active or Inactive");
                return;
            }
            event.attribute(Attributes.STATUS, status);
        }
        e.emit(event);
    }

    private static void createPrincipal(CloudTrailEvent e, String type) {
        String id = principal(e, type);
        if (id == null) {
            e.reject("a " + e.name + " event names no " + type);
            return;
        }
        e.emit(
                e.change(EventKind.CREATED)
                        .identity(id)
                        .attribute(Attributes.IDENTITY_TYPE, type)
                        .attribute(Attributes.NAME, nameOf(id)));
        ownerTag(e, id, field(e.request, "tags"));
        if (type.equals("role")) {
            trusts(e, id, field(e.request, "assumeRolePolicyDocument"));
        }
    }

    private static void deletePrincipal(CloudTrailEvent e, String type) {
        String id = principal(e, type);
        if (id != null) {
            e.emit(e.change(EventKind.DELETED).identity(id));
        }
    }

    private static void tagPrincipal(CloudTrailEvent e, String type) {
        String id = principal(e, type);
        if (id != null) {
            ownerTag(e, id, field(e.request, "tags"));
        }
    }

    private static void ownerTag(CloudTrailEvent e, String identity, JsonNode tags) {
        String owner = AwsTags.owner(tags);
        if (owner != null) {
            e.emit(
                    e.next(EventKind.OWNER_HINT)
                            .identity(identity)
                            .actor(owner)
                            .attribute(Attributes.OWNER_SOURCE, "tag"));
        }
    }

    private static void managed(CloudTrailEvent e, boolean revoked) {
        String target = grantee(e);
        String policy = Json.text(e.request, "policyArn");
        if (target == null || policy == null) {
            e.reject("a " + e.name + " event names no principal or no policyArn");
            return;
        }
        IdentityEvent event = e.change(EventKind.GRANTED).identity(target).resource(policy);
        if (revoked) {
            event.attribute(Attributes.REVOKED, "true");
        } else {
            IamPolicies.Assessment a = IamPolicies.assessManaged(policy);
            tier(event, a);
        }
        e.emit(event);
    }

    private static void inline(CloudTrailEvent e, boolean revoked) {
        String target = grantee(e);
        String name = Json.text(e.request, "policyName");
        if (target == null || name == null) {
            e.reject("a " + e.name + " event names no principal or no policyName");
            return;
        }
        IdentityEvent event =
                e.change(EventKind.GRANTED)
                        .identity(target)
                        .resource(CanonicalIds.awsInlinePolicy(target, name));
        if (revoked) {
            event.attribute(Attributes.REVOKED, "true");
        } else {
            try {
                JsonNode document = IamPolicies.document(field(e.request, "policyDocument"));
                if (document != null) {
                    tier(event, IamPolicies.assess(document));
                }
            } catch (MalformedRecordException bad) {
                e.reject("the policyDocument of a " + e.name + " event: " + bad.getMessage());
            }
        }
        e.emit(event);
    }

    private static void membership(CloudTrailEvent e, boolean revoked) {
        String user = userOf(e, Json.text(e.request, "userName"));
        String group = Json.text(e.request, "groupName");
        if (user == null || group == null || e.account == null) {
            e.reject("a " + e.name + " event names no user or no group");
            return;
        }
        IdentityEvent event =
                e.change(EventKind.GRANTED)
                        .identity(user)
                        .resource(CanonicalIds.awsGroup(e.account, group));
        if (revoked) {
            event.attribute(Attributes.REVOKED, "true");
        }
        e.emit(event);
    }

    private static void trustPolicy(CloudTrailEvent e) {
        String role = principal(e, "role");
        if (role != null) {
            trusts(e, role, field(e.request, "policyDocument"));
        }
    }

    private static void trusts(CloudTrailEvent e, String role, JsonNode policy) {
        try {
            JsonNode document = IamPolicies.document(policy);
            if (document == null) {
                return;
            }
            for (String trusted : IamPolicies.trustedPrincipals(document)) {
                e.emit(
                        e.next(EventKind.TRUSTS)
                                .identity(role)
                                .resource(trusted)
                                .attribute(Attributes.TRUST_SOURCE, "policy"));
            }
        } catch (MalformedRecordException bad) {
            e.reject("the trust policy of a " + e.name + " event: " + bad.getMessage());
        }
    }

    /** An assumed role trusts its caller and is used by the session it hands out. */
    private static void assumeRole(CloudTrailEvent e) {
        String role = CanonicalIds.awsPrincipal(Json.text(e.request, "roleArn"));
        if (role == null) {
            e.reject("an " + e.name + " event names no roleArn");
            return;
        }
        String trusted = trustedCaller(e, role);
        if (trusted != null) {
            e.emit(
                    e.next(EventKind.TRUSTS)
                            .identity(role)
                            .resource(trusted)
                            .attribute(Attributes.TRUST_SOURCE, "observed"));
        }
        String sessionName = Json.text(e.request, "roleSessionName");
        String sessionKey =
                CanonicalIds.awsAccessKeyIdOrNull(
                        Json.text(Json.object(e.response, "credentials"), "accessKeyId"));
        e.emit(
                e.next(EventKind.USED)
                        .identity(role)
                        .action("sts:" + e.name)
                        .consumer(
                                CloudTrailParser.consumer(
                                        e, sessionName == null ? null : "session:" + sessionName))
                        .attribute(Attributes.SESSION, sessionKey)
                        .attribute(Attributes.REGION, e.region));
    }

    /**
     * The principal behind a federated assume-role call when its issuer is one whose subjects
     * Keyline can name in their home system (an Okta login, a GitHub Actions repository), else
     * null. The issuer is the SAML response's {@code issuer}, or the OIDC provider the role was
     * assumed with; the subject the token's.
     */
    private static String federatedUpstream(CloudTrailEvent e) {
        String issuer = Json.text(e.response, "issuer");
        String subject = Json.text(e.response, "subject");
        if (issuer == null) {
            String provider = Json.text(e.response, "provider");
            if (provider == null) {
                provider = e.caller.actor();
            }
            issuer = provider == null ? null : "https://" + oidcProviderHost(provider);
            subject = Json.text(e.response, "subjectFromWebIdentityToken");
        }
        if (issuer == null
                || subject == null
                || !(Federation.isOkta(issuer)
                        || issuer.startsWith(Federation.GITHUB_ACTIONS_ISSUER))) {
            return null;
        }
        return Federation.upstream(issuer, subject);
    }

    /**
     * The issuer host and path of an OIDC provider as CloudTrail names it: an {@code oidc-provider}
     * ARN, or the provider followed by {@code :} and the subject.
     */
    private static String oidcProviderHost(String provider) {
        int arn = provider.indexOf(":oidc-provider/");
        String rest = arn < 0 ? provider : provider.substring(arn + ":oidc-provider/".length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    /** The principal an assume-role call shows the role trusts. */
    private static String trustedCaller(CloudTrailEvent e, String role) {
        CloudTrailCaller caller = e.caller;
        switch (caller.type()) {
            case "AWSService":
                return caller.actor();
            case "WebIdentityUser":
            case "SAMLUser":
                {
                    String federated = federatedUpstream(e);
                    if (federated != null) {
                        return federated;
                    }
                    String provider = caller.actor();
                    if (provider == null) {
                        return null;
                    }
                    int colon = provider.indexOf(':');
                    String name = colon > 0 ? provider.substring(0, colon) : provider;
                    if (name.startsWith("arn:")
                            || name.endsWith(".amazonaws.com")
                            || KNOWN_WEB_IDENTITY_PROVIDERS.contains(name)) {
                        return name;
                    }
                    String account = CanonicalIds.awsAccountOf(role);
                    return account == null
                            ? name
                            : "arn:aws:iam::" + account + ":oidc-provider/" + name;
                }
            default:
                return caller.identityId() != null ? caller.identityId() : caller.actor();
        }
    }

    private static void tier(IdentityEvent event, IamPolicies.Assessment a) {
        PrivilegeTier tier = a.tier();
        if (tier != null) {
            event.attribute(Attributes.PRIVILEGE, tier.label())
                    .attribute(Attributes.PRIVILEGE_REASON, a.reason())
                    .attribute(Attributes.RESOURCES, a.resourceList());
        }
    }

    /** The user, role or group a policy call is about. */
    private static String grantee(CloudTrailEvent e) {
        if (e.name.contains("User")) {
            return userOf(e, Json.text(e.request, "userName"));
        }
        if (e.name.contains("Role")) {
            return principal(e, "role");
        }
        String group = Json.text(e.request, "groupName");
        return group == null || e.account == null ? null : CanonicalIds.awsGroup(e.account, group);
    }

    /** The user or role a call names, from its response when it has the ARN, else by name. */
    private static String principal(CloudTrailEvent e, String type) {
        String arn = Json.text(Json.object(e.response, type), "arn");
        if (arn != null) {
            return CanonicalIds.awsPrincipal(arn);
        }
        String name = Json.text(e.request, type + "Name");
        if (name == null || e.account == null) {
            return null;
        }
        return type.equals("user")
                ? CanonicalIds.awsUser(e.account, name)
                : CanonicalIds.awsRole(e.account, name);
    }

    /** A user named by a call; without a name, IAM acts on the calling user itself. */
    private static String userOf(CloudTrailEvent e, String userName) {
        if (userName != null && e.account != null) {
            return CanonicalIds.awsUser(e.account, userName);
        }
        if (userName == null && "IAMUser".equals(e.caller.type())) {
            return e.caller.identityId();
        }
        return null;
    }

    private static JsonNode field(JsonNode node, String name) {
        return node == null ? null : node.get(name);
    }

    private static String nameOf(String arn) {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    static String normalizedStatus(String status) {
        if (status == null) {
            return null;
        }
        switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "active":
            case "true":
                return Attributes.ACTIVE;
            case "inactive":
            case "false":
                return Attributes.INACTIVE;
            default:
                return null;
        }
    }
}
