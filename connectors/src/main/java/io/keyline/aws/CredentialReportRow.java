package io.keyline.aws;

import io.keyline.format.Csv;
import io.keyline.format.MalformedRecordException;
import io.keyline.model.Attributes;
import io.keyline.model.CanonicalIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the IAM credential report, read and checked whole: the user (or the account root) and
 * its two access key slots. The report names no key ids; a slot is known by its number and by when
 * its key was last rotated, which is when the key was created.
 */
record CredentialReportRow(
        String identity,
        String account,
        String type,
        String name,
        String createdAt,
        List<KeySlot> slots) {

    /** A key slot that holds a key. Its status, last use and region may be unknown (null). */
    record KeySlot(
            int slot,
            String createdAt,
            String status,
            String lastUsedAt,
            String lastUsedService,
            String region) {}

    static final String ROOT_USER = "<root_account>";

    /** What the report writes where there is no value. */
    private static final Set<String> NO_VALUE =
            Set.of("", "N/A", "not_supported", "no_information");

    /** Reads a row of the header's width; throws naming the row and the column at fault. */
    static CredentialReportRow read(Csv.Row row, Map<String, Integer> columns)
            throws MalformedRecordException {
        Reader r = new Reader(row, columns);
        String arn = r.value("arn");
        if (arn == null) {
            throw r.bad("arn", "is empty");
        }
        String identity = CanonicalIds.awsPrincipal(arn);
        String account = CanonicalIds.awsAccountOf(identity);
        if (account == null) {
            throw r.bad("arn", "is not an IAM ARN");
        }
        String user = r.value("user");
        boolean root = ROOT_USER.equals(user) || identity.endsWith(":root");
        String name = user != null ? user : identity.substring(identity.lastIndexOf('/') + 1);
        String created = r.time("user_creation_time");
        List<KeySlot> slots = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            String prefix = "access_key_" + n + "_";
            String rotated = r.time(prefix + "last_rotated");
            Boolean active = r.bool(prefix + "active");
            String lastUsed = r.time(prefix + "last_used_date");
            if (rotated != null) {
                slots.add(
                        new KeySlot(
                                n,
                                rotated,
                                active == null
                                        ? null
                                        : active ? Attributes.ACTIVE : Attributes.INACTIVE,
                                lastUsed,
                                r.value(prefix + "last_used_service"),
                                r.value(prefix + "last_used_region")));
            }
        }
        return new CredentialReportRow(
                identity, account, root ? "root" : "user", name, created, slots);
    }

    /** The values of one row by column name, with sentinels read as no value. */
    private record Reader(Csv.Row row, Map<String, Integer> columns) {

        String value(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                return null;
            }
            String value = row.fields().get(index).trim();
            return NO_VALUE.contains(value) ? null : value;
        }

        String time(String column) throws MalformedRecordException {
            String value = value(column);
            if (value != null && !ListingFields.isTime(value)) {
                throw bad(column, "is not a time stamp");
            }
            return value;
        }

        Boolean bool(String column) throws MalformedRecordException {
            String value = value(column);
            if (value == null) {
                return null;
            }
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.valueOf(value.equalsIgnoreCase("true"));
            }
            throw bad(column, "is neither true nor false");
        }

        MalformedRecordException bad(String column, String problem) {
            return new MalformedRecordException(
                    "row "
                            + row.number()
                            + " of the credential report: the "
                            + column
                            + " column "
                            + problem);
        }
    }
}
