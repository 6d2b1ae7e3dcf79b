package io.keyline.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Times given on the command line: an ISO-8601 instant or a date (midnight UTC). */
final class Times {

    private Times() {}

    static long parse(String option, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .toEpochMilli();
            }
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    option
                            + " takes an ISO-8601 time such as 2026-11-30T00:00:00Z or a date such as 2026-11-30, not '"
                            + value
                            + "'.");
        }
    }

    /** A duration for people: "42 s", "3 min 5 s", "1 h 20 min". */
    static String duration(java.time.Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
