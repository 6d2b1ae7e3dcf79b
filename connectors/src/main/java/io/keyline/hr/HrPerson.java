package io.keyline.hr;

import io.keyline.format.Json;
import io.keyline.format.ListingEvents;
import io.keyline.format.MalformedRecordException;
import io.keyline.format.Timestamps;
import io.keyline.model.Actors;
import io.keyline.model.Attributes;
import io.keyline.model.EventKind;
import io.keyline.model.IdentityEvent;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One person of the HR directory, read from the fields of a CSV row or a JSON object and checked:
 * {@code person_id} and {@code email} are required, {@code status} is {@code active} or {@code
 * departed}, {@code manager_email} is an address, {@code end_date} an ISO date or date-time, and
 * {@code aliases} a {@code ;}-separated list. Addresses and aliases are kept in lower case.
 */
record HrPerson(
        String personId,
        String email,
        String name,
        String status,
        String managerEmail,
        String department,
        String endDate,
        String aliases) {

    /** The fields of the format, in the order of the CSV header. */
    static final List<String> FIELDS =
            List.of(
                    "person_id",
                    "email",
                    "name",
                    "status",
                    "manager_email",
                    "department",
                    "end_date",
                    "aliases");

    /** The longest name or department kept, in characters; longer ones are cut. */
    static final int MAX_TEXT = 256;

    /** The longest list of aliases kept, in characters. */
    static final int MAX_ALIASES = 2048;

    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}([T ].*)?$");

    /**
     * Reads a person from its fields by name; {@code where} names the row or line in reasons.
     * Throws with a reason that names the field, never its value.
     */
    static HrPerson read(Map<String, String> fields, String where) throws MalformedRecordException {
        String personId = value(fields, "person_id");
        if (personId == null) {
            throw new MalformedRecordException(where + " has no person_id");
        }
        String email = lower(value(fields, "email"));
        if (email == null) {
            throw new MalformedRecordException(where + " has no email");
        }
        if (!Actors.isPerson(email)) {
            throw new MalformedRecordException(
                    "the email of " + where + " is not an e-mail address");
        }
        String status = lower(value(fields, "status"));
        if (status == null) {
            throw new MalformedRecordException(where + " has no status");
        }
        if (!status.equals("active") && !status.equals("departed")) {
            throw new MalformedRecordException(
                    "the status of " + where + " is neither active nor departed");
        }
        String manager = lower(value(fields, "manager_email"));
        if (manager != null && !Actors.isPerson(manager)) {
            throw new MalformedRecordException(
                    "the manager_email of " + where + " is not an e-mail address");
        }
        String endDate = value(fields, "end_date");
        if (endDate != null && !isIsoDate(endDate)) {
            throw new MalformedRecordException(
                    "the end_date of " + where + " is neither an ISO date nor an ISO date-time");
        }
        return new HrPerson(
                personId,
                email,
                Json.clip(value(fields, "name"), MAX_TEXT),
                status,
                manager,
                Json.clip(value(fields, "department"), MAX_TEXT),
                endDate,
                Json.clip(aliases(value(fields, "aliases")), MAX_ALIASES));
    }

    /** The person as a {@code PERSON} event of the listing. */
    IdentityEvent toEvent(ListingEvents events) {
        return events.next(EventKind.PERSON, personId)
                .actor(email)
                .attribute(Attributes.PERSON_ID, personId)
                .attribute(Attributes.EMAIL, email)
                .attribute(Attributes.NAME, name)
                .attribute(Attributes.PERSON_STATUS, status)
                .attribute(Attributes.MANAGER_EMAIL, managerEmail)
                .attribute(Attributes.DEPARTMENT, department)
                .attribute(Attributes.END_DATE, endDate)
                .attribute(Attributes.ALIASES, aliases);
    }

    /** A {@code ;}-separated list, trimmed, in lower case, without empty or repeated entries. */
    static String aliases(String list) {
        if (list == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String alias : list.split(";")) {
            if (!alias.isBlank()) {
                out.add(alias.trim().toLowerCase(Locale.ROOT));
            }
        }
        return out.isEmpty() ? null : String.join(";", out);
    }

    private static boolean isIsoDate(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            return false;
        }
        if (Timestamps.parseOrNull(text) != null) {
            return true;
        }
        try {
            // A date-time without an offset, as HR exports often write a last day's end.
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String value(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
