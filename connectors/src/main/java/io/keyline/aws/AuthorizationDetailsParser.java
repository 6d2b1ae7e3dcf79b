package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.aws.AuthorizationDetailsPolicies.Held;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The output of {@code aws iam get-account-authorization-details}: one page per record, as the CLI
 * prints it or as the API returns it (policy documents as URL-encoded strings).
 *
 * <p>Every user, group and role is {@code OBSERVED} with a full listing of its grants at the time
 * of the file: one {@code GRANTED} per managed or inline policy, per group membership, and per
 * policy a user holds through a group of the same page ({@code via} the group). Roles also trust
 * the principals of their trust policy; owner tags become owner hints.
 *
 * <p>An entry that cannot be read is rejected whole and the others still count. A user whose group
 * is not on the same page (the API pages over groups and users alike) is not claimed to be listed
 * in full: what it holds through that group stays known from earlier listings.
 */
@Internal
public final class AuthorizationDetailsParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "aws-authorization-details";

    private static final List<String> LISTS =
            List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");

    private static final String USER = "a user in UserDetailList";
    private static final String GROUP = "a group in GroupDetailList";
    private static final String ROLE = "a role in RoleDetailList";

    /** The fields every user, group and role entry has. */
    private record Principal(String arn, String account, String name, String createdAt) {}

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        if (!root.isObject() || LISTS.stream().noneMatch(root::has)) {
            out.reject(
                    "the record is not get-account-authorization-details output",
                    record.getPayload());
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);

        // The tiers of the managed policies the page lists, for the attachments that name them.
        AuthorizationDetailsPolicies policies =
                AuthorizationDetailsPolicies.index(entries(root, "Policies", events), events);

        // Groups first: what a group holds, its members hold through it.
        Map<String, List<Held>> groups = new HashMap<>();
        for (JsonNode entry : entries(root, "GroupDetailList", events)) {
            group(entry, policies, groups, events);
        }

        // Users, with what they hold themselves and through their groups.
        for (JsonNode entry : entries(root, "UserDetailList", events)) {
            user(entry, policies, groups, events);
        }

        // Roles, with the principals they trust.
        for (JsonNode entry : entries(root, "RoleDetailList", events)) {
            role(entry, policies, events);
        }
    }

    private static void group(
            JsonNode entry,
            AuthorizationDetailsPolicies policies,
            Map<String, List<Held>> groups,
            ListingEvents events) {
        Principal group;
        List<Held> held;
        try {
            group = principal(entry, "GroupName", GROUP);
            held = policies.heldBy(entry, group.arn(), "GroupPolicyList", GROUP);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), entry);
            return;
        }
        groups.put(group.arn(), held);
        events.emit(
                observed(events, group, "group").attribute(Attributes.SNAPSHOT, Attributes.FULL));
        for (Held policy : held) {
            events.emit(granted(events, group, policy.policy(), null, true, policy.assessment()));
        }
    }

    private static void user(
            JsonNode entry,
            AuthorizationDetailsPolicies policies,
            Map<String, List<Held>> groups,
            ListingEvents events) {
        Principal user;
        List<Held> held;
        List<String> memberOf = new ArrayList<>();
        try {
            user = principal(entry, "UserName", USER);
            held = policies.heldBy(entry, user.arn(), "UserPolicyList", USER);
            for (JsonNode name : ListingFields.array(entry, "GroupList", USER)) {
                if (!name.isTextual() || name.asText().isBlank()) {
                    throw new MalformedRecordException(
                            "the GroupList of " + USER + " holds a value that is not a group name");
                }
                memberOf.add(CanonicalIds.awsGroup(user.account(), name.asText().trim()));
            }
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), entry);
            return;
        }
        // The listing is complete for the user only when the page also shows every group's
        // policies.
        boolean full = memberOf.stream().allMatch(groups::containsKey);

        events.emit(observed(events, user, "user").attribute(Attributes.SNAPSHOT, snapshot(full)));
        ownerHint(events, user, entry.get("Tags"));
        for (Held policy : held) {
            events.emit(granted(events, user, policy.policy(), null, full, policy.assessment()));
        }
        for (String group : memberOf) {
            events.emit(granted(events, user, group, null, full, null));
            for (Held policy : groups.getOrDefault(group, List.of())) {
                events.emit(
                        granted(events, user, policy.policy(), group, full, policy.assessment()));
            }
        }
    }

    private static void role(
            JsonNode entry, AuthorizationDetailsPolicies policies, ListingEvents events) {
        Principal role;
        List<Held> held;
        List<String> trusted;
        String lastUsed;
        try {
            role = principal(entry, "RoleName", ROLE);
            held = policies.heldBy(entry, role.arn(), "RolePolicyList", ROLE);
            trusted = trustedBy(entry.get("AssumeRolePolicyDocument"));
            lastUsed = ListingFields.time(entry.get("RoleLastUsed"), "LastUsedDate", ROLE);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), entry);
            return;
        }
        events.emit(
                observed(events, role, "role")
                        .attribute(Attributes.LAST_USED_AT, lastUsed)
                        .attribute(Attributes.SNAPSHOT, Attributes.FULL));
        ownerHint(events, role, entry.get("Tags"));
        for (String principal : trusted) {
            events.emit(
                    events.next(EventKind.TRUSTS, role.arn(), principal)
                            .identity(role.arn())
                            .resource(principal)
                            .attribute(Attributes.TRUST_SOURCE, "policy")
                            .attribute(Attributes.ACCOUNT, role.account()));
        }
        for (Held policy : held) {
            events.emit(granted(events, role, policy.policy(), null, true, policy.assessment()));
        }
    }

    private static List<String> trustedBy(JsonNode trustPolicy) throws MalformedRecordException {
        try {
            JsonNode document = IamPolicies.document(trustPolicy);
            return document == null ? List.of() : IamPolicies.trustedPrincipals(document);
        } catch (MalformedRecordException e) {
            throw new MalformedRecordException(
                    "the AssumeRolePolicyDocument of "
                            + ROLE
                            + " cannot be read: "
                            + e.getMessage(),
                    e);
        }
    }

    private static Principal principal(JsonNode entry, String nameField, String what)
            throws MalformedRecordException {
        String raw = Json.text(entry, "Arn");
        if (raw == null) {
            throw new MalformedRecordException(what + " has no Arn");
        }
        String arn = CanonicalIds.awsPrincipal(raw);
        String account = CanonicalIds.awsAccountOf(arn);
        if (account == null) {
            throw new MalformedRecordException(what + " has an Arn that is not an IAM ARN");
        }
        String name = Json.text(entry, nameField);
        if (name == null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        return new Principal(arn, account, name, ListingFields.time(entry, "CreateDate", what));
    }

    private static IdentityEvent observed(ListingEvents events, Principal p, String type) {
        return events.next(EventKind.OBSERVED, p.arn())
                .identity(p.arn())
                .attribute(Attributes.IDENTITY_TYPE, type)
                .attribute(Attributes.NAME, p.name())
                .attribute(Attributes.CREATED_AT, p.createdAt())
                .attribute(Attributes.ACCOUNT, p.account());
    }

    private static IdentityEvent granted(
            ListingEvents events,
            Principal p,
            String resource,
            String via,
            boolean full,
            IamPolicies.Assessment assessment) {
        IdentityEvent grant =
                events.next(EventKind.GRANTED, p.arn(), resource, via)
                        .identity(p.arn())
                        .resource(resource)
                        .attribute(Attributes.VIA, via)
                        .attribute(Attributes.ACCOUNT, p.account())
                        .attribute(Attributes.SNAPSHOT, snapshot(full));
        if (assessment != null) {
            AuthorizationDetailsPolicies.tier(grant, assessment);
        }
        return grant;
    }

    private static void ownerHint(ListingEvents events, Principal p, JsonNode tags) {
        String owner = AwsTags.owner(tags);
        if (owner != null) {
            events.emit(
                    events.next(EventKind.OWNER_HINT, p.arn(), owner)
                            .identity(p.arn())
                            .actor(owner)
                            .attribute(Attributes.OWNER_SOURCE, "tag")
                            .attribute(Attributes.ACCOUNT, p.account()));
        }
    }

    private static String snapshot(boolean full) {
        return full ? Attributes.FULL : null;
    }

    /** The entries of one of the page's lists; a list or entry of the wrong type is rejected. */
    private static List<JsonNode> entries(JsonNode root, String list, ListingEvents events) {
        JsonNode value = root.get(list);
        List<JsonNode> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isArray()) {
            events.reject("the " + list + " of the record is not an array", root);
            return out;
        }
        for (JsonNode entry : value) {
            if (entry.isObject()) {
                out.add(entry);
            } else {
                events.reject("an entry of " + list + " is not an object", entry);
            }
        }
        return out;
    }
}
