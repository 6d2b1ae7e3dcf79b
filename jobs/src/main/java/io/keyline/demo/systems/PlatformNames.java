package io.keyline.demo.systems;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The ids of the platform account's principals and sessions, drawn from the seed and the
 * principal's name, and the Java date text CloudTrail writes inside response elements.
 */
final class PlatformNames {

    private static final DateTimeFormatter JAVA_DATE =
            DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.ENGLISH);

    private PlatformNames() {}

    static String userId(Window w, String name) {
        return SystemsIds.aws(w.rng(SystemsSeeds.PLATFORM, name.hashCode(), 2), "AIDA", 17);
    }

    static String roleId(Window w, String name) {
        return SystemsIds.aws(w.rng(SystemsSeeds.PLATFORM, name.hashCode(), 3), "AROA", 17);
    }

    static String sessionKey(Window w, String role, long started) {
        return SystemsIds.aws(w.rng(SystemsSeeds.PLATFORM, role.hashCode(), started), "ASIA", 16);
    }

    /** {@code Oct 5, 2026 1:45:12 PM}, as CloudTrail writes times in response elements. */
    static String javaDate(long t) {
        return JAVA_DATE.format(LocalDateTime.ofEpochSecond(t, 0, ZoneOffset.UTC));
    }
}
