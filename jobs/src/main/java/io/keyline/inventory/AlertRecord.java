package io.keyline.inventory;

import org.apache.flink.annotation.Internal;

/**
 * One alert: a row of the {@code alerts} table. Its id is derived from the rule, severity,
 * credential and the time the condition began, so a replay produces the same id.
 */
@Internal
public class AlertRecord {

    public String alertId;
    public String rule;
    public String severity;
    public String credentialId;
    public String identityId;
    public String system;
    public String account;
    public String privilegeTier;
    public String owner;

    /** When the condition became true, in event time. */
    public long eventTime;

    /** When Keyline detected it, in wall-clock time. */
    public long detectedAt;

    /** Evidence, as a small JSON object. */
    public String details;

    public AlertRecord() {}

    @Override
    public String toString() {
        return "Alert{" + rule + "/" + severity + " " + credentialId + " at " + eventTime + '}';
    }
}
