package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.util.Locale;

/**
 * Azure RBAC role assignments in the activity log ({@code Microsoft.Authorization/roleAssignments/
 * write} and {@code .../delete}): a role given to or taken from a service principal, read from the
 * request or response body the record carries (a JSON string or an object, with field names in any
 * case). Assignments to users and groups, and records whose body is absent (the first phase of a
 * deletion), yield nothing.
 *
 * <p>The body names the principal by its object id only, so the grant is on {@code
 * azure:sp:<tenant>/<objectId>}: the object id stands in for the app id, and the grant meets the
 * principal's other facts only where they name it the same way.
 */
final class ActivityRoleAssignments {

    private static final String WRITE = "microsoft.authorization/roleassignments/write";
    private static final String DELETE = "microsoft.authorization/roleassignments/delete";

    private ActivityRoleAssignments() {}

    static boolean isRoleAssignment(String action) {
        return action.equals(WRITE) || action.equals(DELETE);
    }

    static void emit(
            JsonNode record,
            String action,
            String tenant,
            String actor,
            String resourceId,
            RecordEvents events) {
        boolean revoked = action.equals(DELETE);
        JsonNode properties = AzureJson.object(record, "properties");
        // A deletion's response tells what was deleted; a creation's request what is made.
        String[] order =
                revoked
                        ? new String[] {"responseBody", "requestBody"}
                        : new String[] {"requestBody", "responseBody"};
        JsonNode assignment = null;
        for (String field : order) {
            assignment = assignment(AzureJson.decoded(AzureJson.field(properties, field)));
            if (assignment != null) {
                break;
            }
        }
        if (assignment == null) {
            return;
        }
        String principalId = AzureJson.text(assignment, "principalId");
        String principalType = AzureJson.text(assignment, "principalType");
        String roleDefinitionId = AzureJson.text(assignment, "roleDefinitionId");
        if (!"ServicePrincipal".equalsIgnoreCase(principalType)
                || !AzureTenant.isId(principalId)
                || roleDefinitionId == null) {
            return;
        }
        AzureRbacRoles.Assessment role = AzureRbacRoles.ofDefinition(roleDefinitionId);
        String scope = AzureJson.text(assignment, "scope");
        if (scope == null) {
            scope = scopeOf(resourceId);
        }
        IdentityEvent event =
                events.next(EventKind.GRANTED)
                        .identity(CanonicalIds.azureServicePrincipal(tenant, principalId))
                        .actor(actor)
                        .resource(
                                role.name() != null
                                        ? role.name()
                                        : roleDefinitionId.toLowerCase(Locale.ROOT))
                        .attribute(
                                Attributes.RESOURCES,
                                scope == null ? null : scope.toLowerCase(Locale.ROOT));
        if (revoked) {
            event.attribute(Attributes.REVOKED, "true");
        } else {
            event.attribute(Attributes.PRIVILEGE, role.tier().label())
                    .attribute(Attributes.PRIVILEGE_REASON, role.reason());
        }
        events.emit(event);
    }

    /** The assignment in a body: its {@code properties} object, or the body itself. */
    private static JsonNode assignment(JsonNode body) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode inner = AzureJson.object(body, "properties");
        JsonNode assignment = inner != null ? inner : body;
        return AzureJson.text(assignment, "principalId") != null ? assignment : null;
    }

    /** The scope of an assignment from its own resource id: the part before its provider. */
    private static String scopeOf(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        int at = resourceId.toLowerCase(Locale.ROOT).indexOf("/providers/microsoft.authorization/");
        return at > 0 ? resourceId.substring(0, at) : null;
    }
}
