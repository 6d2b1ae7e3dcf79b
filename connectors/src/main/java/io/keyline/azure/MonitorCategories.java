package io.keyline.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * The categories of Azure Monitor diagnostic records, by the Keyline format that reads them. One
 * Event Hub, or one storage container, often receives every category a diagnostic setting sends;
 * this is what tells the records of such a mixed stream apart. A record's category is its {@code
 * category} field, or that field's {@code value} as {@code az monitor activity-log list} prints it.
 */
final class MonitorCategories {

    /** What a category holds, and the format that reads it. */
    enum Kind {
        SIGN_IN(SignInLogParser.SOURCE, "a sign-in log record", "a sign-in record"),
        AUDIT(EntraAuditParser.SOURCE, "an audit log record", "an audit log entry"),
        ACTIVITY(ActivityLogParser.SOURCE, "an activity log record", "an activity log record"),
        /**
         * Categories Azure documents whose records say nothing Keyline reads about workload
         * identities and their credentials (people's risk, provisioning, network traffic): read and
         * left out on purpose, without a dead letter.
         */
        SKIPPED(null, "a record Keyline does not read", "such a record");

        final String format;
        final String what;
        private final String own;

        Kind(String format, String what, String own) {
            this.format = format;
            this.what = what;
            this.own = own;
        }
    }

    /** By lower-case category name. */
    private static final Map<String, Kind> KINDS =
            Map.ofEntries(
                    // Entra ID sign-ins: the workload identities' are read, people's are
                    // skipped by the sign-in parser itself.
                    Map.entry("serviceprincipalsigninlogs", Kind.SIGN_IN),
                    Map.entry("managedidentitysigninlogs", Kind.SIGN_IN),
                    Map.entry("signinlogs", Kind.SIGN_IN),
                    Map.entry("noninteractiveusersigninlogs", Kind.SIGN_IN),
                    Map.entry("adfssigninlogs", Kind.SIGN_IN),
                    Map.entry("auditlogs", Kind.AUDIT),
                    // The activity log's categories, as diagnostic settings name them.
                    Map.entry("administrative", Kind.ACTIVITY),
                    Map.entry("action", Kind.ACTIVITY),
                    Map.entry("security", Kind.ACTIVITY),
                    Map.entry("servicehealth", Kind.ACTIVITY),
                    Map.entry("resourcehealth", Kind.ACTIVITY),
                    Map.entry("alert", Kind.ACTIVITY),
                    Map.entry("autoscale", Kind.ACTIVITY),
                    Map.entry("recommendation", Kind.ACTIVITY),
                    Map.entry("policy", Kind.ACTIVITY),
                    // Entra ID categories without credential facts.
                    Map.entry("provisioninglogs", Kind.SKIPPED),
                    Map.entry("riskyusers", Kind.SKIPPED),
                    Map.entry("userriskevents", Kind.SKIPPED),
                    Map.entry("riskyserviceprincipals", Kind.SKIPPED),
                    Map.entry("serviceprincipalriskevents", Kind.SKIPPED),
                    Map.entry("microsoftserviceprincipalsigninlogs", Kind.SKIPPED),
                    Map.entry("networkaccesstrafficlogs", Kind.SKIPPED),
                    Map.entry("networkaccessalerts", Kind.SKIPPED),
                    Map.entry("networkaccessconnectionevents", Kind.SKIPPED),
                    Map.entry("remotenetworkhealthlogs", Kind.SKIPPED),
                    Map.entry("enrichedoffice365auditlogs", Kind.SKIPPED),
                    Map.entry("microsoftgraphactivitylogs", Kind.SKIPPED),
                    Map.entry("azureadgraphactivitylogs", Kind.SKIPPED),
                    Map.entry("b2crequestlogs", Kind.SKIPPED));

    private MonitorCategories() {}

    /** The category a record names, or null. */
    static String category(JsonNode record) {
        String category = AzureJson.text(record, "category");
        return category != null ? category : AzureJson.text(record, "category", "value");
    }

    /** What a category holds; null for a missing or unknown one. */
    static Kind kind(String category) {
        return category == null ? null : KINDS.get(category.toLowerCase(Locale.ROOT));
    }

    /**
     * The reason to reject a record that a format of another kind reads (an audit log record given
     * to the activity log's format), or null when the record is not one.
     *
     * @param own the kind of the format that was given the record
     */
    static String misplaced(JsonNode record, Kind own) {
        Kind kind = kind(category(record));
        if (kind == null || kind == own || kind == Kind.SKIPPED) {
            return null;
        }
        return kind.what
                + " is not "
                + own.own
                + "; the "
                + kind.format
                + " format reads it, and azure-monitor reads streams that mix categories";
    }
}
