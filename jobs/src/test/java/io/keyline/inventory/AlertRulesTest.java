package io.keyline.inventory;

import static io.keyline.inventory.Events.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private final RuleSettings rules = RuleSettings.defaults();

    @Test
    void aNeverUsedPrivilegedKeyIsUnusedOnceItsGraceHasPassed() {
        assertThat(AlertRules.due(Events.credential(day(0), null, "Active"), true, rules))
                .extracting(d -> d.rule() + "/" + d.severity() + "@" + d.deadline())
                .containsExactlyInAnyOrder(
                        "unused-privileged-credential/high@" + day(7),
                        "stale-rotation/warning@" + day(90),
                        "stale-rotation/high@" + day(365));
    }

    @Test
    void aKeyItsProviderHoldsAndRotatesIsSubjectOnlyToExposure() {
        CredentialRecord c = Events.credential(day(0), null, "Active");
        c.providerManaged = true;
        c.neverExpires = true;
        assertThat(AlertRules.due(c, true, rules)).isEmpty();
        c.exposedAt = day(3);
        assertThat(AlertRules.due(c, true, rules))
                .extracting(d -> d.rule() + "/" + d.severity())
                .containsExactly("exposed-secret/critical");
    }

    @Test
    void theGraceAndTheUnusedPeriodAreConfiguredApart() {
        RuleSettings custom = new RuleSettings(30, 14, 90, 365);
        assertThat(AlertRules.due(Events.credential(day(0), null, "Active"), true, custom))
                .filteredOn(d -> d.rule().equals(AlertRules.UNUSED_PRIVILEGED))
                .extracting(AlertRules.Due::deadline)
                .containsExactly(day(14));
        assertThat(AlertRules.due(Events.credential(day(0), day(3), "Active"), true, custom))
                .filteredOn(d -> d.rule().equals(AlertRules.UNUSED_PRIVILEGED))
                .extracting(AlertRules.Due::deadline)
                .containsExactly(day(33));
    }

    @Test
    void unprivilegedKeysOnlyGrowStale() {
        assertThat(AlertRules.due(Events.credential(day(0), null, "Active"), false, rules))
                .extracting(d -> d.rule() + "/" + d.severity() + "@" + d.deadline())
                .containsExactly("stale-rotation/warning@" + day(90));
    }

    @Test
    void inactiveOrDeletedKeysHaveNoConditions() {
        assertThat(AlertRules.due(Events.credential(day(0), null, "Inactive"), true, rules))
                .isEmpty();
        assertThat(AlertRules.due(Events.credential(day(0), null, "Deleted"), true, rules))
                .isEmpty();
    }

    @Test
    void alertIdsAreDeterministicPerEpisode() {
        var due = new AlertRules.Due(AlertRules.UNUSED_PRIVILEGED, "high", day(100));
        assertThat(AlertRules.alertId(due, Events.KEY))
                .isEqualTo(AlertRules.alertId(due, Events.KEY));
        assertThat(AlertRules.alertId(due, Events.KEY))
                .isNotEqualTo(
                        AlertRules.alertId(
                                new AlertRules.Due(AlertRules.UNUSED_PRIVILEGED, "high", day(101)),
                                Events.KEY));
    }

    @Test
    void thresholdsOutOfRangeAreRejectedWithTheOptionName() {
        assertThatThrownBy(() -> new RuleSettings(0, 7, 90, 365))
                .hasMessage(
                        "rules.unused-privileged-credential.days must be between 1 and 365 days, but is 0.");
    }
}
