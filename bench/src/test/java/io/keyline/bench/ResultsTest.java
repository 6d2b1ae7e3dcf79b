package io.keyline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTest {

    private static final Machine MACHINE =
            new Machine(2, 8L << 30, 2L << 30, "OpenJDK 17.0.15", "Linux 6.1 amd64", 1.5);

    @TempDir Path dir;

    @Test
    void theCsvHasOneLinePerMeasureUnderItsHeader() {
        Results results =
                new Results()
                        .add(new Measure("checkpoint_interval", 10, "s", "how often"))
                        .add(new Measure("events_per_second", 1234.5, "count/s", "throughput"));

        assertThat(results.csv())
                .isEqualTo(
                        "measure,value,unit\n"
                                + "checkpoint_interval,10,s\n"
                                + "events_per_second,1234.5,count/s\n");
    }

    @Test
    void latenciesBecomeTheirPercentilesMaximumAndCount() {
        Latencies latencies = new Latencies();
        for (long ms : new long[] {300, 100, 200, 400}) {
            latencies.add(ms);
        }

        Results results = new Results().addLatencies("row_freshness", latencies, "a row");

        assertThat(results.csv())
                .isEqualTo(
                        "measure,value,unit\n"
                                + "row_freshness_p50,200,ms\n"
                                + "row_freshness_p95,400,ms\n"
                                + "row_freshness_max,400,ms\n"
                                + "row_freshness_samples,4,count\n");
        assertThat(results.markdown(MACHINE, Instant.EPOCH))
                .contains("- `row_freshness`: 300, 100, 200, 400\n");
    }

    @Test
    void theMarkdownShowsTheMachineTheSettingsAndEveryMeasure() {
        Results results =
                new Results()
                        .setting("checkpoint interval", "10 s")
                        .add(new Measure("flush_interval", 1000, "ms", "a | b"));

        String md = results.markdown(MACHINE, Instant.parse("2026-01-02T03:04:05Z"));

        assertThat(md)
                .contains("Finished at 2026-01-02T03:04:05Z.")
                .contains("| cores | 2 |")
                .contains("| memory | 8.0 GiB |")
                .contains("| max heap | 2.0 GiB |")
                .contains("| JDK | OpenJDK 17.0.15 |")
                .contains("| OS | Linux 6.1 amd64 |")
                .contains("| load average (1 min) at the start | 1.50 |")
                .contains("| checkpoint interval | 10 s |")
                .contains("| `flush_interval` | 1000 | ms | a \\| b |");
    }

    @Test
    void writesBothFilesIntoTheOutputFolder() throws Exception {
        Path out = dir.resolve("bench");
        Results results = new Results().add(new Measure("checkpoint_interval", 10, "s", "x"));

        results.writeTo(out, MACHINE, Instant.EPOCH);

        assertThat(Files.readString(out.resolve("results.csv"))).isEqualTo(results.csv());
        assertThat(Files.readString(out.resolve("results.md")))
                .isEqualTo(results.markdown(MACHINE, Instant.EPOCH));
    }

    @Test
    void aMeasureNameIsRecordedOnce() {
        Results results = new Results().add(new Measure("checkpoint_interval", 10, "s", "x"));

        assertThatThrownBy(() -> results.add(new Measure("checkpoint_interval", 5, "s", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "The measure checkpoint_interval was already recorded; measure names are unique.");
    }

    @Test
    void aNameThatWouldBreakTheCsvIsRejected() {
        assertThatThrownBy(() -> new Measure("p50,ms", 1, "ms", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "A measure's name is lower case words joined by underscores, but was 'p50,ms'.");
    }
}
