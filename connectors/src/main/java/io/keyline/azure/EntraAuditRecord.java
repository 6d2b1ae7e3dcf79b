package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.Timestamps;
import io.keyline.model.CanonicalIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One Entra audit log entry, whatever shape it came in: an Azure Monitor diagnostic record (the
 * entry in {@code properties}, the time in {@code time}) or a Graph {@code directoryAudit} (the
 * entry itself, the time in {@code activityDateTime}, the targets sometimes as {@code
 * targetResource} with a {@code Type}).
 */
final class EntraAuditRecord {

    /** One target resource of an entry and the properties the activity changed on it. */
    record Target(
            String id,
            String displayName,
            String type,
            String userPrincipalName,
            Map<String, JsonNode[]> modified) {

        boolean isOfType(String... types) {
            for (String t : types) {
                if (t.equalsIgnoreCase(type)) {
                    return true;
                }
            }
            return false;
        }

        /** The old and new value of a modified property, by display name in any case; or null. */
        JsonNode[] property(String name) {
            return modified.get(name.toLowerCase(Locale.ROOT));
        }

        /** The new value of a modified property, else its old one, JSON-decoded; or null. */
        String value(String name) {
            JsonNode[] values = property(name);
            if (values == null) {
                return null;
            }
            String v = AzureJson.decodedText(values[1]);
            return v != null ? v : AzureJson.decodedText(values[0]);
        }
    }

    static final String WHAT = "an audit log entry";

    private static final Set<String> ACTIVITY_CATEGORIES =
            Set.of(
                    "administrative",
                    "action",
                    "resourcehealth",
                    "servicehealth",
                    "policy",
                    "security",
                    "alert",
                    "autoscale",
                    "recommendation");

    final String activity;
    final String result;
    final String tenant;
    final JsonNode body;
    final List<Target> targets;
    private final JsonNode record;
    private final RecordEvents events;
    private final ParseOutput out;

    private EntraAuditRecord(
            String activity,
            String result,
            String tenant,
            JsonNode body,
            List<Target> targets,
            RecordEvents events,
            JsonNode record,
            ParseOutput out) {
        this.activity = activity;
        this.result = result;
        this.tenant = tenant;
        this.body = body;
        this.targets = targets;
        this.events = events;
        this.record = record;
        this.out = out;
    }

    /** Reads an entry; throws with the reason when it cannot be one. */
    static EntraAuditRecord of(JsonNode record, String origin, String source, ParseOutput out)
            throws MalformedRecordException {
        if (!record.isObject()) {
            throw new MalformedRecordException(WHAT + " is not a JSON object");
        }
        JsonNode properties = AzureJson.field(record, "properties");
        boolean diagnostic = properties != null && properties.isObject();
        if (properties != null && !properties.isNull() && !diagnostic) {
            throw new MalformedRecordException("the properties of " + WHAT + " is not an object");
        }
        JsonNode body = diagnostic ? properties : record;
        String activity = AzureJson.text(body, "activityDisplayName");
        if (activity == null && diagnostic) {
            activity = AzureJson.text(record, "operationName");
        }
        if (activity == null) {
            throw new MalformedRecordException(
                    isActivityLog(record)
                            ? "an activity log record is not an audit log entry; the"
                                    + " azure-activity format reads it"
                            : WHAT + " has no activityDisplayName");
        }

        String timeText = diagnostic ? AzureJson.text(record, "time") : null;
        if (timeText == null) {
            timeText = AzureJson.text(body, "activityDateTime");
        }
        if (timeText == null) {
            throw new MalformedRecordException(WHAT + " has no time");
        }
        Long time = Timestamps.parseOrNull(timeText);
        if (time == null) {
            throw new MalformedRecordException("the time of " + WHAT + " is not a time stamp");
        }

        String tenant = AzureTenant.of(record, origin, source);
        String correlationId = AzureJson.text(body, "correlationId");
        if (correlationId == null) {
            correlationId = AzureJson.text(record, "correlationId");
        }
        RecordEvents events =
                RecordEvents.of(
                        source,
                        AzureJson.text(body, "id"),
                        time,
                        tenant,
                        out,
                        correlationId == null ? record.toString() : correlationId,
                        activity,
                        Timestamps.iso(time));
        return new EntraAuditRecord(
                activity,
                AzureJson.text(body, "result"),
                tenant,
                body,
                targets(body),
                events,
                record,
                out);
    }

    /** True when the activity failed and so changed nothing. */
    boolean failed() {
        return result != null && result.equalsIgnoreCase("failure");
    }

    RecordEvents events() {
        return events;
    }

    /** Rejects the entry, without any secret-bearing field; facts already emitted still count. */
    void reject(String reason) {
        out.reject(reason, AzureJson.redacted(record));
    }

    /** The canonical id of a service principal of the entry's tenant. */
    String servicePrincipal(String appId) {
        return CanonicalIds.azureServicePrincipal(tenant, appId);
    }

    /**
     * Who acted: the initiating user's principal name in lower case, else the initiating app's
     * service principal id; null when the entry names neither.
     */
    String actor() {
        JsonNode initiatedBy = AzureJson.object(body, "initiatedBy");
        JsonNode user = AzureJson.object(initiatedBy, "user");
        String upn = AzureJson.text(user, "userPrincipalName");
        if (upn != null) {
            return upn.toLowerCase(Locale.ROOT);
        }
        JsonNode app = AzureJson.object(initiatedBy, "app");
        String appId = AzureJson.text(app, "appId");
        if (appId == null) {
            appId = AzureJson.text(app, "servicePrincipalId");
        }
        if (appId != null && AzureTenant.isId(appId)) {
            return servicePrincipal(appId);
        }
        return null;
    }

    /** The first target of one of these types, or the first target when none is; null if none. */
    Target target(String... types) {
        for (Target t : targets) {
            if (t.isOfType(types)) {
                return t;
            }
        }
        return targets.isEmpty() ? null : targets.get(0);
    }

    /** The first target of one of these types, or null. */
    Target targetOfType(String... types) {
        for (Target t : targets) {
            if (t.isOfType(types)) {
                return t;
            }
        }
        return null;
    }

    /**
     * The value of a modified property on any target, the new value first, else the old (a removal
     * records what was removed as the old value); JSON-decoded; null when missing.
     */
    String value(String property) {
        for (Target t : targets) {
            String v = t.value(property);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** An Azure activity log record: a caller's token claims, or an activity log category. */
    private static boolean isActivityLog(JsonNode record) {
        if (AzureJson.object(record, "identity") != null
                || AzureJson.object(record, "claims") != null) {
            return true;
        }
        String category = AzureJson.text(record, "category");
        return category != null && ACTIVITY_CATEGORIES.contains(category.toLowerCase(Locale.ROOT));
    }

    private static List<Target> targets(JsonNode body) {
        JsonNode list = AzureJson.array(body, "targetResources");
        if (list == null) {
            list = AzureJson.array(body, "targetResource");
        }
        List<Target> targets = new ArrayList<>();
        if (list == null) {
            return targets;
        }
        for (JsonNode t : list) {
            if (!t.isObject()) {
                continue;
            }
            Map<String, JsonNode[]> modified = new LinkedHashMap<>();
            JsonNode properties = AzureJson.array(t, "modifiedProperties");
            if (properties != null) {
                for (JsonNode p : properties) {
                    String name = AzureJson.text(p, "displayName");
                    if (name != null) {
                        modified.putIfAbsent(
                                name.toLowerCase(Locale.ROOT),
                                new JsonNode[] {
                                    AzureJson.field(p, "oldValue"), AzureJson.field(p, "newValue")
                                });
                    }
                }
            }
            targets.add(
                    new Target(
                            AzureJson.text(t, "id"),
                            AzureJson.text(t, "displayName"),
                            AzureJson.text(t, "type"),
                            AzureJson.text(t, "userPrincipalName"),
                            modified));
        }
        return targets;
    }
}
