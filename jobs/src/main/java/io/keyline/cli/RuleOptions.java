package io.keyline.cli;

import io.keyline.inventory.RuleSettings;
import picocli.CommandLine.Option;

/** The alert rule thresholds, as flags. */
public class RuleOptions {

    @Option(
            names = "--unused-days",
            paramLabel = "N",
            description =
                    "unused-privileged-credential: days without use before it fires (1-365). Default: ${DEFAULT-VALUE}")
    int unusedDays = RuleSettings.DEFAULT_UNUSED_DAYS;

    @Option(
            names = "--never-used-grace-days",
            paramLabel = "N",
            description =
                    "unused-privileged-credential: days after its creation that a credential never used is reported (0-365). Default: ${DEFAULT-VALUE}")
    int neverUsedGraceDays = RuleSettings.DEFAULT_NEVER_USED_GRACE_DAYS;

    @Option(
            names = "--stale-days",
            paramLabel = "N",
            description =
                    "stale-rotation: age in days of an active credential before a warning. Default: ${DEFAULT-VALUE}")
    int staleDays = RuleSettings.DEFAULT_STALE_DAYS;

    @Option(
            names = "--privileged-stale-days",
            paramLabel = "N",
            description =
                    "stale-rotation: age in days of a privileged credential before a high alert. Default: ${DEFAULT-VALUE}")
    int privilegedStaleDays = RuleSettings.DEFAULT_PRIVILEGED_STALE_DAYS;

    @Option(
            names = "--expiring-days",
            paramLabel = "N",
            description =
                    "expiring-credential: days before its expiry that a credential is reported (1-365). Default: ${DEFAULT-VALUE}")
    int expiringDays = RuleSettings.DEFAULT_EXPIRING_DAYS;

    RuleSettings settings() {
        return new RuleSettings(
                unusedDays, neverUsedGraceDays, staleDays, privilegedStaleDays, expiringDays);
    }
}
