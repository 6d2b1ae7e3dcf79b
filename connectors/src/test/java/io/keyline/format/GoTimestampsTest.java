package io.keyline.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The time text of Go programs (secret scanners), {@code time.Time.String()}. */
class GoTimestampsTest {

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void theOffsetCountsAndTheZoneNameDoesNot() {
        assertThat(Timestamps.parse("2022-06-16 10:17:40 -0700 PDT"))
                .isEqualTo(at("2022-06-16T17:17:40Z"));
        assertThat(Timestamps.parse("2018-01-28 17:39:00 -0500 -0500"))
                .isEqualTo(at("2018-01-28T22:39:00Z"));
        assertThat(Timestamps.parse("2024-05-06 07:08:09.123456789 +0000 UTC"))
                .isEqualTo(at("2024-05-06T07:08:09.123Z"));
        assertThat(Timestamps.parse("2024-05-06 12:38:09 +0530"))
                .isEqualTo(at("2024-05-06T07:08:09Z"));
        assertThat(Timestamps.parse("2024-05-06 07:08:09.5 +0000 UTC m=+0.001234567"))
                .isEqualTo(at("2024-05-06T07:08:09.500Z"));
    }

    @Test
    void anOffsetOutOfRangeIsNotATime() {
        assertThatThrownBy(() -> Timestamps.parse("2024-05-06 07:08:09 +9999 XYZ"))
                .hasMessage("the time stamp is not in a format Keyline reads");
    }
}
