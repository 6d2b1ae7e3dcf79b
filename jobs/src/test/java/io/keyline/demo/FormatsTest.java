package io.keyline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The spellings of ids, times and e-mail addresses. */
class FormatsTest {

    private static final long T = 1_791_207_912L; // 2026-10-05T13:45:12Z

    @Test
    void timesAreSpelledAsEachAwsOutputDoes() {
        assertThat(TimeFormats.iso(T)).isEqualTo("2026-10-05T13:45:12Z");
        assertThat(TimeFormats.report(T)).isEqualTo("2026-10-05T13:45:12+00:00");
        assertThat(TimeFormats.javaDate(T)).isEqualTo("Oct 5, 2026 1:45:12 PM");
        assertThat(TimeFormats.stamp(T)).isEqualTo("2026-10-05T13-45-12Z");
        assertThat(TimeFormats.compactMinute(T)).isEqualTo("20261005T1345Z");
        assertThat(TimeFormats.iso(T - 12)).isEqualTo("2026-10-05T13:45:00Z");
    }

    @Test
    void accessKeyIdsHaveTheRealShapeAndAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int n = 0; n < 100_000; n++) {
            String id = Ids.accessKeyId(1, n);
            assertThat(id).matches("AKIA[A-Z2-7]{16}");
            ids.add(id);
        }
        assertThat(ids).hasSize(100_000);
        assertThat(Ids.sessionKeyId(5)).matches("ASIA[A-Z2-7]{16}");
        assertThat(Ids.uuid(5))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void emailsAreUniqueAndGetADigitOnceThePairsAreTaken() {
        Set<String> emails = new HashSet<>();
        for (int p = 0; p < 5000; p++) {
            assertThat(emails.add(Names.email(p))).isTrue();
        }
        assertThat(Names.email(0)).matches("[a-z]+\\.[a-z]+@example\\.com");
        assertThat(Names.email(4999)).matches("[a-z]+\\.[a-z]+[0-9]@example\\.com");
    }
}
