package io.keyline.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The alerts the ground truth expects for one credential as of a time, by Keyline's default rules:
 * {@value #UNUSED} (privileged and unused for 90 days, or never used 7 days after its creation) and
 * {@value #STALE} (older than 90 days; a privileged one older than 365 days again, with severity
 * high). Only active credentials alert.
 */
final class Alerts {

    static final String UNUSED = "unused-privileged-credential";
    static final String STALE = "stale-rotation";

    /** The rule/severity pairs, in the order summaries list them. */
    static final String[] KINDS = {UNUSED + "/high", STALE + "/warning", STALE + "/high"};

    /** One expected alert: when its condition became true. */
    record Alert(String rule, String severity, long time) {
        String kind() {
            return rule + "/" + severity;
        }
    }

    private static final long DAY = TimeFormats.DAY;

    private Alerts() {}

    /**
     * The alerts due by {@code asOf} with the default thresholds: unused for 90 days, or never used
     * 7 days after creation; older than 90 days; privileged and older than 365 days.
     */
    static List<Alert> of(KeyFacts key, long asOf) {
        List<Alert> alerts = new ArrayList<>(3);
        if (key.status() != KeyStatus.ACTIVE) {
            return alerts;
        }
        if (key.privileged()) {
            long due = key.lastUsed() >= 0 ? key.lastUsed() + 90 * DAY : key.created() + 7 * DAY;
            add(alerts, UNUSED, "high", due, asOf);
        }
        add(alerts, STALE, "warning", key.created() + 90 * DAY, asOf);
        if (key.privileged()) {
            add(alerts, STALE, "high", key.created() + 365 * DAY, asOf);
        }
        return alerts;
    }

    private static void add(List<Alert> alerts, String rule, String severity, long due, long asOf) {
        if (due <= asOf) {
            alerts.add(new Alert(rule, severity, due));
        }
    }
}
