package io.keyline.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyline.format.Csv;
import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.ParseOutput;
import io.keyline.format.RawRecord;
import io.keyline.format.RecordParser;
import io.keyline.format.Timestamps;
import io.keyline.model.Attributes;
import io.keyline.model.CredentialTypes;
import io.keyline.model.EventKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.annotation.Internal;

/**
 * The IAM credential report: the CSV itself, or the output of {@code aws iam get-credential-report}
 * that carries it base64-encoded (then its {@code GeneratedTime} is the time of the facts, else the
 * time of the file).
 *
 * <p>Each row is an {@code OBSERVED} user or account root, and each key slot that holds a key an
 * {@code OBSERVED} fact with no credential id (the report names none): its slot number, creation
 * time (last rotation), status and last use. The inventory matches a slot to the user's key created
 * at the same time. Columns are found by name; certificates and passwords are not mapped.
 */
@Internal
public final class CredentialReportParser implements RecordParser {

    private static final long serialVersionUID = 1L;

    public static final String SOURCE = "aws-credential-report";

    static final List<String> REQUIRED_COLUMNS =
            List.of(
                    "user",
                    "arn",
                    "user_creation_time",
                    "access_key_1_active",
                    "access_key_1_last_rotated",
                    "access_key_1_last_used_date",
                    "access_key_2_active",
                    "access_key_2_last_rotated",
                    "access_key_2_last_used_date");

    private static final String API_OUTPUT = "the get-credential-report output";

    /** The report's text and the time of its facts. */
    private record Report(String csv, long time) {}

    @Override
    public void parse(RawRecord record, ParseOutput out) {
        Report report;
        try {
            report = report(record);
        } catch (MalformedRecordException e) {
            out.reject(e.getMessage(), record.getPayload());
            return;
        }
        List<Csv.Row> rows = Csv.rows(report.csv());
        if (rows.isEmpty()) {
            out.reject("the credential report is empty", record.getPayload());
            return;
        }

        // The header: columns by name, in any order.
        Csv.Row header = rows.get(0);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            columns.putIfAbsent(header.fields().get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>();
        for (String column : REQUIRED_COLUMNS) {
            if (!columns.containsKey(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            out.reject(
                    "the credential report has no column"
                            + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing),
                    record.getPayload());
            return;
        }

        // The rows, each read whole or rejected alone.
        ListingEvents events = new ListingEvents(SOURCE, report.time(), out);
        for (Csv.Row row : rows.subList(1, rows.size())) {
            row(row, columns, header.fields().size(), events);
        }
    }

    private static void row(
            Csv.Row row, Map<String, Integer> columns, int width, ListingEvents events) {
        byte[] payload = row.text().getBytes(StandardCharsets.UTF_8);
        if (row.unclosedQuote()) {
            events.reject(
                    "row "
                            + row.number()
                            + " of the credential report has a quoted field that"
                            + " is never closed",
                    payload);
            return;
        }
        if (row.fields().size() != width) {
            events.reject(
                    "row "
                            + row.number()
                            + " of the credential report has "
                            + row.fields().size()
                            + " fields where its header has "
                            + width,
                    payload);
            return;
        }
        CredentialReportRow r;
        try {
            r = CredentialReportRow.read(row, columns);
        } catch (MalformedRecordException e) {
            events.reject(e.getMessage(), payload);
            return;
        }
        events.emit(
                events.next(EventKind.OBSERVED, r.identity())
                        .identity(r.identity())
                        .attribute(Attributes.IDENTITY_TYPE, r.type())
                        .attribute(Attributes.NAME, r.name())
                        .attribute(Attributes.CREATED_AT, r.createdAt())
                        .attribute(Attributes.ACCOUNT, r.account()));
        for (CredentialReportRow.KeySlot slot : r.slots()) {
            String number = Integer.toString(slot.slot());
            events.emit(
                    events.next(EventKind.OBSERVED, r.identity(), "slot", number)
                            .credential(null, CredentialTypes.AWS_ACCESS_KEY)
                            .identity(r.identity())
                            .attribute(Attributes.SLOT, number)
                            .attribute(Attributes.CREATED_AT, slot.createdAt())
                            .attribute(Attributes.STATUS, slot.status())
                            .attribute(Attributes.LAST_USED_AT, slot.lastUsedAt())
                            .attribute(Attributes.LAST_USED_ACTION, slot.lastUsedService())
                            .attribute(Attributes.REGION, slot.region())
                            .attribute(Attributes.ACCOUNT, r.account()));
        }
    }

    /** The CSV of a record and the time of its facts. */
    private static Report report(RawRecord record) throws MalformedRecordException {
        String text = new String(record.getPayload(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (!text.stripLeading().startsWith("{")) {
            return new Report(text, record.getObservedAt());
        }
        JsonNode root = Json.read(record.getPayload());
        String format = Json.text(root, "ReportFormat");
        if (format != null && !format.trim().equalsIgnoreCase("text/csv")) {
            throw new MalformedRecordException("the ReportFormat of " + API_OUTPUT + " is not CSV");
        }
        JsonNode content = root.get("Content");
        if (content == null || !content.isTextual()) {
            throw new MalformedRecordException(API_OUTPUT + " has no Content text");
        }
        byte[] csv;
        try {
            csv = Base64.getDecoder().decode(content.asText().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException(
                    "the Content of " + API_OUTPUT + " is not base64", e);
        }
        String generated = ListingFields.time(root, "GeneratedTime", API_OUTPUT);
        String decoded = new String(csv, StandardCharsets.UTF_8);
        if (decoded.startsWith("\uFEFF")) {
            decoded = decoded.substring(1);
        }
        return new Report(
                decoded, generated == null ? record.getObservedAt() : Timestamps.parse(generated));
    }
}
