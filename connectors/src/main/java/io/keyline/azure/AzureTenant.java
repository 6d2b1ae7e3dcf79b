package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.OriginPaths;
import java.util.regex.Pattern;

/**
 * The Entra tenant a record belongs to, which every Azure principal id needs: the record's {@code
 * tenantId}, else the folder right below the format folder in the file's path, else a tenant named
 * inside the record's properties ({@code tenantId}, {@code homeTenantId}).
 */
final class AzureTenant {

    /** What a tenant or app id may look like: a GUID, or a word such as a tenant's short name. */
    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$");

    private AzureTenant() {}

    /**
     * The tenant of a record, or null when neither the record nor the path names one. {@code inner}
     * are further places in the record to look, after the path.
     */
    static String of(JsonNode record, String origin, String formatFolder, String... inner) {
        String tenant = AzureJson.text(record, "tenantId");
        if (tenant == null) {
            tenant = OriginPaths.folderBelow(origin, formatFolder);
        }
        for (int i = 0; tenant == null && i < inner.length; i++) {
            tenant = inner[i];
        }
        if (tenant == null) {
            JsonNode properties = AzureJson.object(record, "properties");
            tenant = AzureJson.text(properties, "tenantId");
            if (tenant == null) {
                tenant = AzureJson.text(properties, "homeTenantId");
            }
        }
        return tenant;
    }

    /** True for text that can stand in a canonical id: no slashes, spaces or control characters. */
    static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /** The reason to reject a record whose tenant is unknown. */
    static String unknown(String what) {
        return what
                + " names no tenant, which its identity ids need; add tenantId to the record or put"
                + " the file under a folder named after the tenant";
    }
}
