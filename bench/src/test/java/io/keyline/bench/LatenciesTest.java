package io.keyline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreTakenByNearestRank() {
        Latencies latencies = new Latencies();
        for (long ms = 20; ms >= 1; ms--) {
            latencies.add(ms * 100);
        }

        assertThat(latencies.percentile(50)).isEqualTo(1000);
        assertThat(latencies.percentile(95)).isEqualTo(1900);
        assertThat(latencies.max()).isEqualTo(2000);
        assertThat(latencies.count()).isEqualTo(20);
        assertThat(latencies.all()).startsWith(2000L, 1900L);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Latencies latencies = new Latencies();
        latencies.add(42);

        assertThat(latencies.percentile(50)).isEqualTo(42);
        assertThat(latencies.percentile(95)).isEqualTo(42);
    }

    @Test
    void noSampleHasNoPercentile() {
        assertThatThrownBy(() -> new Latencies().percentile(50))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("There are no samples to take a percentile of.");
    }
}
