package io.keyline.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Json;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import java.nio.charset.StandardCharsets;
import org.apache.flink.annotation.Internal;

/**
 * Kubernetes API server audit logs, in the containers they arrive in: native {@code
 * audit.k8s.io/v1} Events (one per line, or an {@code EventList} from the webhook backend), GKE
 * Cloud Audit Log entries ({@code protoPayload} of service {@code k8s.io}), and AKS diagnostic
 * records of category {@code kube-audit} or {@code kube-audit-admin} (one per line or in {@code
 * {"records":[...]}}), whose {@code properties.log} is the native event as an object or as
 * JSON-encoded text.
 *
 * <p>Each request of a service account is a {@code USED} fact of it ({@code
 * k8s:sa:<cluster>/<ns>/<name>}); creations and deletions of service accounts, token Secrets and
 * bindings add what they change ({@link AuditFacts}). The cluster comes from the container or the
 * file's path ({@link K8sClusters}). AKS records of other categories carry no audit event and are
 * passed over. Request and response bodies, which can hold a Secret's values or a minted token, are
 * read only for the object names, types and subjects they state, and never reach a rejection.
 */
@Internal
public final class K8sAuditParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "k8s-audit";

    private static final String AKS = "an AKS diagnostic record";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = Json.readOrReject(record, out);
        if (root == null) {
            return;
        }
        String origin = record.getOrigin();
        if (root.isArray()) {
            root.forEach(entry -> entry(entry, origin, out));
        } else if (root.isObject() && root.has("records")) {
            JsonNode records = root.get("records");
            if (!records.isArray()) {
                out.reject(
                        "the records field of an AKS diagnostic file is not an array",
                        K8sPayloads.redacted(root));
                return;
            }
            records.forEach(entry -> entry(entry, origin, out));
        } else if (root.isObject() && "EventList".equals(Json.text(root, "kind"))) {
            JsonNode items = root.get("items");
            if (items == null || !items.isArray()) {
                out.reject(
                        "the items of an audit EventList are not an array",
                        K8sPayloads.redacted(root));
                return;
            }
            String listCluster = Json.text(root, "cluster");
            for (JsonNode item : items) {
                if (item.isObject()) {
                    nativeEvent(item, cluster(null, origin, item, listCluster), out);
                } else {
                    out.reject(
                            "an item of an audit EventList is not a JSON object",
                            K8sPayloads.redacted(item));
                }
            }
        } else {
            entry(root, origin, out);
        }
    }

    /** One entry of any container: a GKE entry, an AKS record, or a native event. */
    private static void entry(JsonNode entry, String origin, ParseOutput out) {
        if (!entry.isObject()) {
            out.reject(
                    "a Kubernetes audit record is not a JSON object", K8sPayloads.redacted(entry));
            return;
        }
        if (entry.has("protoPayload")) {
            gke(entry, origin, out);
        } else if (entry.has("category") && entry.has("properties")) {
            aks(entry, origin, out);
        } else if (NativeAuditEvents.looksLikeEvent(entry)) {
            nativeEvent(entry, cluster(null, origin, entry, null), out);
        } else {
            out.reject(
                    "the record is neither a Kubernetes audit event, a GKE audit log entry nor an"
                            + " AKS diagnostic record",
                    K8sPayloads.redacted(entry));
        }
    }

    private static void gke(JsonNode entry, String origin, ParseOutput out) {
        String cluster = cluster(GkeAuditEntries.cluster(entry), origin, entry, null);
        try {
            AuditFacts.emit(GkeAuditEntries.read(entry, cluster, out));
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), K8sPayloads.redacted(entry));
        }
    }

    private static void aks(JsonNode record, String origin, ParseOutput out) {
        String category = Json.text(record, "category");
        if (!"kube-audit".equalsIgnoreCase(category)
                && !"kube-audit-admin".equalsIgnoreCase(category)) {
            // Control-plane logs of other components, not audit events.
            return;
        }
        JsonNode log = record.path("properties").get("log");
        JsonNode event;
        if (log != null && log.isObject()) {
            event = log;
        } else if (log != null && log.isTextual()) {
            try {
                event = Json.read(log.asText().getBytes(StandardCharsets.UTF_8));
            } catch (MalformedRecordException e) {
                out.reject(
                        "the properties.log of " + AKS + " is not JSON: " + e.getMessage(),
                        K8sPayloads.redacted(record));
                return;
            }
            if (!event.isObject()) {
                out.reject(
                        "the properties.log of " + AKS + " is not a JSON object",
                        K8sPayloads.redacted(record));
                return;
            }
        } else {
            out.reject(AKS + " has no properties.log audit event", K8sPayloads.redacted(record));
            return;
        }
        String fromResource = K8sClusters.ofAksResourceId(Json.text(record, "resourceId"));
        nativeEvent(event, cluster(fromResource, origin, event, Json.text(record, "cluster")), out);
    }

    private static void nativeEvent(JsonNode event, String cluster, ParseOutput out) {
        try {
            AuditRequest request = NativeAuditEvents.read(event, cluster, out);
            if (request != null) {
                AuditFacts.emit(request);
            }
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), K8sPayloads.redacted(event));
        }
    }

    /** The cluster of an entry: its container's, the file's folder, a cluster field, default. */
    private static String cluster(
            String fromContent, String origin, JsonNode entry, String outerField) {
        String field = Json.text(entry, "cluster");
        return K8sClusters.of(fromContent, origin, SOURCE, field != null ? field : outerField);
    }
}
