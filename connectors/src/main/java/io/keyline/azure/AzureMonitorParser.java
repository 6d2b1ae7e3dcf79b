package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.OriginPaths;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import org.apache.flink.annotation.Internal;

/**
 * Azure Monitor diagnostic records of every category mixed, as one Event Hub (or its Kafka
 * endpoint's topic) receives them from Entra ID's and the subscription's diagnostic settings: in
 * {@code {"records":[...]}} envelopes, as a JSON array, or one record per line. Each record goes to
 * the parser of its {@code category} ({@link MonitorCategories}): sign-ins to {@link
 * SignInLogParser}, {@code AuditLogs} to {@link EntraAuditParser}, the activity log's categories to
 * {@link ActivityLogParser}. Its events are theirs, with their source ({@code azure-signin}...), so
 * that a record read from a mixed stream and from a file of its own kind is the same event.
 *
 * <p>Records of the categories Azure documents without credential facts (people's risk,
 * provisioning, network traffic) are left out on purpose. A record without a category, or with one
 * that is not listed, is rejected: what Keyline does not know is not dropped unseen.
 *
 * <p>The tenant folder of a path ({@code azure-monitor/<tenant>/...}) serves the records that name
 * no tenant, as it does below the folder of each kind.
 */
@Internal
public final class AzureMonitorParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "azure-monitor";

    private static final String WHAT = "an Azure Monitor record";

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        JsonNode root = AzureJson.readOrReject(record, out);
        if (root == null) {
            return;
        }
        String tenantFolder = OriginPaths.folderBelow(record.getOrigin(), SOURCE);
        try {
            for (JsonNode element : AzureJson.elements(root, "an Azure Monitor file")) {
                dispatch(element, record.getOrigin(), tenantFolder, out);
            }
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), AzureJson.redacted(root));
        }
    }

    private static void dispatch(
            JsonNode element, String origin, String tenantFolder, ParseOutput out) {
        if (!element.isObject()) {
            out.reject(WHAT + " is not a JSON object", AzureJson.redacted(element));
            return;
        }
        String category = MonitorCategories.category(element);
        if (category == null) {
            out.reject(
                    WHAT
                            + " has no category, which says whether it is a sign-in, an audit"
                            + " log entry or an activity log record",
                    AzureJson.redacted(element));
            return;
        }
        MonitorCategories.Kind kind = MonitorCategories.kind(category);
        if (kind == null) {
            out.reject(
                    WHAT
                            + " has a category Keyline does not know; it reads sign-ins,"
                            + " AuditLogs and the activity log, so leave this category out of the"
                            + " diagnostic setting that sends to this stream",
                    AzureJson.redacted(element));
            return;
        }
        switch (kind) {
            case SIGN_IN ->
                    SignInLogParser.record(element, originAs(origin, tenantFolder, kind), out);
            case AUDIT ->
                    EntraAuditParser.entry(element, originAs(origin, tenantFolder, kind), out);
            case ACTIVITY ->
                    ActivityLogParser.record(element, originAs(origin, tenantFolder, kind), out);
            case SKIPPED -> {
                // Nothing about workload credentials: left out, as documented.
            }
        }
    }

    /**
     * The record's origin as the parser of its kind reads it: a path below that kind's folder and
     * the same tenant folder, so that the tenant of the path serves it as it would a file of that
     * kind. Without a tenant folder the origin stays as it is.
     */
    static String originAs(String origin, String tenantFolder, MonitorCategories.Kind kind) {
        if (tenantFolder == null) {
            return origin;
        }
        return "/" + kind.format + "/" + tenantFolder + "/" + OriginPaths.fileName(origin);
    }
}
