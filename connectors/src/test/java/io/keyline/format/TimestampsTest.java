package io.keyline.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void readsTheFormsVendorsWrite() {
        assertThat(Timestamps.parse("2024-06-02T20:16:22Z")).isEqualTo(at("2024-06-02T20:16:22Z"));
        assertThat(Timestamps.parse("2021-08-12T07:34:44.123456789Z"))
                .isEqualTo(at("2021-08-12T07:34:44.123Z"));
        assertThat(Timestamps.parse("2017-04-19T15:47:39+00:00"))
                .isEqualTo(at("2017-04-19T15:47:39Z"));
        assertThat(Timestamps.parse("2023-05-16T08:47:09.000-07:00"))
                .isEqualTo(at("2023-05-16T15:47:09Z"));
        assertThat(Timestamps.parse("2024-06-02 20:16:22.000000000"))
                .isEqualTo(at("2024-06-02T20:16:22Z"));
        assertThat(Timestamps.parse("2021-01-08 21:28:34.875"))
                .isEqualTo(at("2021-01-08T21:28:34.875Z"));
        assertThat(Timestamps.parse("20131102T010628Z")).isEqualTo(at("2013-11-02T01:06:28Z"));
        assertThat(Timestamps.parse("Jan 8, 2020 8:43:06 PM"))
                .isEqualTo(at("2020-01-08T20:43:06Z"));
        assertThat(Timestamps.parse("1621305118553")).isEqualTo(1621305118553L);
        assertThat(Timestamps.parse("1621305118553.0")).isEqualTo(1621305118553L);
        assertThat(Timestamps.epoch(new BigDecimal("1.678377036e+09"))).isEqualTo(1678377036000L);
        assertThat(Timestamps.parse("2026-11-30")).isEqualTo(at("2026-11-30T00:00:00Z"));
    }

    @Test
    void rejectsTextItDoesNotReadWithoutQuotingIt() {
        assertThatThrownBy(() -> Timestamps.parse("yesterday at noon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the time stamp is not in a format Keyline reads");
        assertThatThrownBy(() -> Timestamps.parse("")).hasMessage("the time stamp is empty");
    }
}
