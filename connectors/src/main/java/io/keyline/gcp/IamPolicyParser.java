package io.keyline.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.OriginPaths;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;

/**
 * A Google Cloud IAM policy as {@code gcloud projects get-iam-policy P --format=json} prints it or
 * {@code getIamPolicy} returns it: {@code {"bindings":[{"role","members":[...]}], "etag",
 * "version"}}, one policy per file or per line.
 *
 * <p>Every {@code serviceAccount:} member of a binding is {@code GRANTED} the role on the policy's
 * resource ({@code projects/<p>#<role>}, attribute {@code resources} {@code projects/<p>}), with
 * the role's privilege tier ({@link GcpRoles}). On a service account's own policy ({@code gcloud
 * iam service-accounts get-iam-policy}), the members of the roles that let them act as it are
 * principals it trusts. One resource's policy is not every grant a service account holds, so no
 * event claims a full snapshot.
 *
 * <p>The policy does not name its resource. It comes from a top-level {@code resource} or {@code
 * projectId} field an exporter adds, else from the folder right below the format folder, else from
 * a {@code projects_<id>} part of the file name; a policy without any is rejected.
 */
@Internal
public final class IamPolicyParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "gcp-iam-policy";

    private static final String BINDING = "a binding of the IAM policy";

    private static final Pattern PROJECT_IN_FILE_NAME =
            Pattern.compile("(?<![A-Za-z0-9])projects_([a-z][a-z0-9-]{4,28}[a-z0-9])(?![a-z0-9-])");

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        ListingEvents events = new ListingEvents(SOURCE, record.getObservedAt(), out);
        if (root.isArray()) {
            for (JsonNode policy : root) {
                policy(policy, record.getOrigin(), events);
            }
        } else {
            policy(root, record.getOrigin(), events);
        }
    }

    private static void policy(JsonNode policy, String origin, ListingEvents events) {
        if (!policy.isObject()) {
            events.reject("the record is not an IAM policy object", SecretFields.redacted(policy));
            return;
        }
        JsonNode bindings = policy.get("bindings");
        if (bindings == null || bindings.isNull()) {
            if (!policy.has("etag") && !policy.has("version")) {
                events.reject(
                        "the record is not an IAM policy: it has no bindings",
                        SecretFields.redacted(policy));
            }
            // A policy without bindings grants nothing.
            return;
        }
        if (!bindings.isArray()) {
            events.reject(
                    "the bindings of the IAM policy are not an array",
                    SecretFields.redacted(policy));
            return;
        }
        String resource = resourceOf(policy, origin);
        if (resource == null) {
            events.reject(
                    "the IAM policy names no project: add a projectId field, or put the file"
                            + " under a folder named after the project",
                    SecretFields.redacted(policy));
            return;
        }
        String project = GcpNames.projectIn(resource);
        String account = project != null ? project : resource;
        for (JsonNode binding : bindings) {
            binding(binding, resource, account, events);
        }
    }

    private static void binding(
            JsonNode binding, String resource, String account, ListingEvents events) {
        if (!binding.isObject()) {
            events.reject(BINDING + " is not an object", SecretFields.redacted(binding));
            return;
        }
        String role = Json.text(binding, "role");
        if (role == null) {
            events.reject(BINDING + " has no role", SecretFields.redacted(binding));
            return;
        }
        if (role.length() > GcpBindings.MAX_ROLE) {
            events.reject(
                    "the role of " + BINDING + " is longer than " + GcpBindings.MAX_ROLE,
                    SecretFields.redacted(binding));
            return;
        }
        JsonNode members = binding.get("members");
        if (members == null || members.isNull()) {
            return;
        }
        if (!members.isArray()) {
            events.reject(
                    "the members of " + BINDING + " are not an array",
                    SecretFields.redacted(binding));
            return;
        }
        String actedAs = GcpBindings.actedAs(resource, role);
        for (JsonNode m : members) {
            String member = m.isTextual() ? m.asText().trim() : null;
            String grantee = GcpBindings.grantee(member);
            if (grantee != null) {
                events.emit(
                        GcpBindings.grant(
                                        events.next(EventKind.GRANTED, grantee, resource, role)
                                                .identity(grantee),
                                        resource,
                                        role,
                                        false)
                                .attribute(Attributes.ACCOUNT, account));
            }
            String trusted = actedAs == null ? null : GcpBindings.trusted(member);
            if (trusted != null && !trusted.equals(actedAs)) {
                events.emit(
                        events.next(EventKind.TRUSTS, actedAs, trusted, role)
                                .identity(actedAs)
                                .resource(trusted)
                                .attribute(Attributes.TRUST_SOURCE, "policy")
                                .attribute(Attributes.ACCOUNT, account));
            }
        }
    }

    /** The full name of the resource a policy is on, or null when nothing tells. */
    private static String resourceOf(JsonNode policy, String origin) {
        String resource = Json.text(policy, "resource");
        if (resource != null) {
            resource = resource.trim();
            if (resource.startsWith("//")) {
                int slash = resource.indexOf('/', 2);
                resource = slash < 0 ? "" : resource.substring(slash + 1);
            }
            if (!resource.isEmpty()) {
                return resource.contains("/") ? resource : "projects/" + resource;
            }
        }
        String project = Json.text(policy, "projectId");
        if (project == null) {
            project = OriginPaths.folderBelow(origin, SOURCE);
        }
        if (project == null) {
            Matcher m = PROJECT_IN_FILE_NAME.matcher(OriginPaths.fileName(origin));
            project = m.find() ? m.group(1) : null;
        }
        return project == null ? null : "projects/" + project.trim();
    }
}
