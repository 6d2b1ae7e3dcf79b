package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import org.apache.flink.annotation.Internal;

/**
 * Entra ID audit logs, in the shapes they are exported in: Azure Monitor diagnostic records
 * (category {@code AuditLogs}; in {@code {"records":[...]}} envelopes, as a JSON array, or one per
 * line, also as normalized by log pipelines with a space-separated {@code time}), and Graph {@code
 * directoryAudit} objects ({@code GET /auditLogs/directoryAudits}: a {@code {"value":[...]}} list
 * or one object).
 *
 * <p>Credential changes of apps and service principals become {@code CREATED} and {@code DELETED}
 * facts of client secrets and certificates, new and deleted principals {@code CREATED} and {@code
 * DELETED} facts of identities, directory roles and application permissions {@code GRANTED} facts
 * with their privilege tier ({@link EntraRoles}), and new owners {@code OWNER_HINT}s ({@link
 * EntraAuditFacts}). The actor is the initiating user's principal name, or the initiating app's
 * service principal.
 */
@Internal
public final class EntraAuditParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "azure-audit";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = AzureJson.readOrReject(record, out);
        if (root == null) {
            return;
        }
        try {
            for (JsonNode element : AzureJson.elements(root, "an audit log file")) {
                entry(element, record.getOrigin(), out);
            }
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(root));
        }
    }

    /** One audit log entry, of a list or on its own; also of a mixed stream's. */
    static void entry(JsonNode element, String origin, ParseOutput out) {
        String misplaced = MonitorCategories.misplaced(element, MonitorCategories.Kind.AUDIT);
        if (misplaced != null) {
            out.reject(misplaced, AzureJson.redacted(element));
            return;
        }
        try {
            EntraAuditFacts.emit(EntraAuditRecord.of(element, origin, SOURCE, out));
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(element));
        }
    }
}
