package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.IdentityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies that users, groups and roles of a get-account-authorization-details page hold, with
 * their tiers. A managed policy is tiered from its default version when the page lists it under
 * {@code Policies}, else by name ({@link IamPolicies#assessManaged}); an inline policy from its own
 * document. Documents may be objects (the AWS CLI) or URL-encoded JSON strings (the raw API).
 */
final class AuthorizationDetailsPolicies {

    /** One policy a principal holds: a managed policy ARN or an inline policy id, and its tier. */
    record Held(String policy, IamPolicies.Assessment assessment) {}

    private static final String IN_POLICIES = "a policy in Policies";

    private final Map<String, IamPolicies.Assessment> listed = new HashMap<>();

    private AuthorizationDetailsPolicies() {}

    /** Tiers the managed policies a page lists; an entry that cannot be read is rejected alone. */
    static AuthorizationDetailsPolicies index(List<JsonNode> policies, ListingEvents events) {
        AuthorizationDetailsPolicies index = new AuthorizationDetailsPolicies();
        for (JsonNode policy : policies) {
            String arn = Json.text(policy, "Arn");
            if (arn == null) {
                events.reject("a policy in Policies has no Arn", policy);
                continue;
            }
            try {
                JsonNode document = defaultDocument(policy);
                if (document != null) {
                    index.listed.put(arn, IamPolicies.assess(document));
                }
            } catch (MalformedRecordException e) {
                events.reject(e.getMessage(), policy);
            }
        }
        return index;
    }

    /**
     * Every policy an entry holds: its {@code AttachedManagedPolicies} (an array, or a single
     * object as in AWS's own example) and the inline policies of {@code inlineField}. Throws when
     * any of them cannot be read, so that an entry counts whole or not at all.
     */
    List<Held> heldBy(JsonNode entry, String principal, String inlineField, String what)
            throws MalformedRecordException {
        List<Held> held = new ArrayList<>();
        for (JsonNode attached : attachments(entry.get("AttachedManagedPolicies"), what)) {
            String arn = Json.text(attached, "PolicyArn");
            if (arn == null) {
                throw new MalformedRecordException(
                        "an attached managed policy of " + what + " has no PolicyArn");
            }
            held.add(new Held(arn, tierOf(arn)));
        }
        for (JsonNode inline : ListingFields.array(entry, inlineField, what)) {
            String name = Json.text(inline, "PolicyName");
            if (name == null) {
                throw new MalformedRecordException(
                        "an inline policy in the "
                                + inlineField
                                + " of "
                                + what
                                + " has no PolicyName");
            }
            JsonNode document = readDocument(inline.get("PolicyDocument"), inlineField, what);
            held.add(
                    new Held(
                            CanonicalIds.awsInlinePolicy(principal, name),
                            IamPolicies.assess(document)));
        }
        return held;
    }

    /** The tier of a managed policy: from the page's listing of it, else from its name. */
    IamPolicies.Assessment tierOf(String policyArn) {
        IamPolicies.Assessment listedTier = listed.get(policyArn);
        return listedTier != null ? listedTier : IamPolicies.assessManaged(policyArn);
    }

    /** Puts a known tier on a grant: its label, why, and the resources it names. */
    static void tier(IdentityEvent grant, IamPolicies.Assessment a) {
        if (a.tier() != null) {
            grant.attribute(Attributes.PRIVILEGE, a.tier().label())
                    .attribute(Attributes.PRIVILEGE_REASON, a.reason())
                    .attribute(Attributes.RESOURCES, a.resourceList());
        }
    }

    /** The document of a policy's default version, or null when the page does not include it. */
    private static JsonNode defaultDocument(JsonNode policy) throws MalformedRecordException {
        String defaultId = Json.text(policy, "DefaultVersionId");
        for (JsonNode version : ListingFields.array(policy, "PolicyVersionList", IN_POLICIES)) {
            boolean isDefault =
                    version.path("IsDefaultVersion").asBoolean(false)
                            || (defaultId != null
                                    && defaultId.equals(Json.text(version, "VersionId")));
            if (isDefault) {
                JsonNode document;
                try {
                    document = IamPolicies.document(version.get("Document"));
                } catch (MalformedRecordException e) {
                    throw new MalformedRecordException(
                            "the default version document of "
                                    + IN_POLICIES
                                    + " cannot be read: "
                                    + e.getMessage(),
                            e);
                }
                if (document == null) {
                    throw new MalformedRecordException(
                            "the default version of " + IN_POLICIES + " has no Document");
                }
                return document;
            }
        }
        return null;
    }

    private static JsonNode readDocument(JsonNode node, String inlineField, String what)
            throws MalformedRecordException {
        JsonNode document;
        try {
            document = IamPolicies.document(node);
        } catch (MalformedRecordException e) {
            throw new MalformedRecordException(
                    "the PolicyDocument of an inline policy in the "
                            + inlineField
                            + " of "
                            + what
                            + " cannot be read: "
                            + e.getMessage(),
                    e);
        }
        if (document == null) {
            throw new MalformedRecordException(
                    "an inline policy in the "
                            + inlineField
                            + " of "
                            + what
                            + " has no PolicyDocument");
        }
        return document;
    }

    private static List<JsonNode> attachments(JsonNode node, String what)
            throws MalformedRecordException {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isObject()) {
            out.add(node);
        } else if (node.isArray()) {
            node.forEach(out::add);
        } else {
            throw new MalformedRecordException(
                    "the AttachedManagedPolicies of "
                            + what
                            + " is neither an array nor an object");
        }
        return out;
    }
}
